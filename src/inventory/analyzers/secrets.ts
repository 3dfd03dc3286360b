import type { Unknown } from '../../core/inventory.js';
import type { SecretFinding } from '../../core/secret-finding.js';
import { isSeverity, type Severity } from '../../core/severity.js';
import type { CompiledRules } from '../../secrets/compile.js';
import type { SecretRuleSet } from '../../secrets/rule-set.js';
import { isProbablyBinary, scanContent, skipReason } from '../../secrets/scanner.js';
import type { Analyzer, CapturedFile, EntryInfo, FileResult, MergeOutput, MergeView, StreamConsumer } from '../analyzer.js';

/**
 * Secrets in every regular file of every layer — also files a later layer deletes or replaces: their
 * bytes stay in the image, so the finding names the layer holding them and the layer that removed
 * them. Content streams through as the layer is decompressed (nothing is kept but the file being read,
 * at most the rule set's size cap); binaries are dropped after sniffing their first 8 KiB; known-safe
 * paths (CA bundles, package docs…) are never read. The per-layer results, which are cached, hold
 * masked values only (first 4 characters + `****`).
 */

/** What is kept (and cached) of one hit: never the secret. */
interface StoredHit {
  ruleId: string;
  title: string;
  severity: Severity;
  line: number;
  masked: string;
}

/** `streamed` / `facts` of one file: its hits, and its size when only the first part was searched. */
interface FileSecrets {
  hits: StoredHit[];
  truncatedFrom?: number;
}

/** Bytes sniffed for binary content before the rest of a file is kept (isProbablyBinary's window). */
const SNIFF_BYTES = 8192;

/** Buffers one file up to the cap, stops at the sniff window if it is binary, and scans it at the end. */
class FileScan implements StreamConsumer {
  private buf: Buffer;
  private fill = 0;
  private sniffed: boolean;

  constructor(
    private readonly path: string,
    private readonly size: number,
    private readonly rules: CompiledRules,
  ) {
    this.sniffed = size <= SNIFF_BYTES;
    this.buf = Buffer.allocUnsafe(Math.min(size, SNIFF_BYTES, rules.maxFileBytes));
  }

  data(chunk: Buffer): void {
    let off = 0;
    while (off < chunk.length) {
      if (this.fill === this.buf.length && !this.grow()) return;
      const n = chunk.copy(this.buf, this.fill, off);
      this.fill += n;
      off += n;
    }
  }

  /** The sniff window is full: keep going (up to the cap) only for text. */
  private grow(): boolean {
    if (this.sniffed || isProbablyBinary(this.buf)) return false;
    this.sniffed = true;
    const big = Buffer.allocUnsafe(Math.min(this.size, this.rules.maxFileBytes));
    this.buf.copy(big);
    this.buf = big;
    return this.fill < big.length;
  }

  end(): FileSecrets | null {
    const content = this.buf.subarray(0, this.fill);
    // a binary head yields only path rules' hits (a *.p12 file): scanContent sniffs it the same way
    const hits = scanContent(content, this.path, this.rules).map(stored);
    const truncated = this.size > this.fill && this.fill >= this.rules.maxFileBytes;
    this.buf = EMPTY;
    if (hits.length === 0 && !truncated) return null;
    return truncated ? { hits, truncatedFrom: this.size } : { hits };
  }
}

const EMPTY = Buffer.alloc(0);

function stored(h: { ruleId: string; title: string; severity: Severity; line: number; masked: string }): StoredHit {
  return { ruleId: h.ruleId, title: h.title, severity: h.severity, line: h.line, masked: h.masked };
}

function isStoredHit(v: unknown): v is StoredHit {
  if (typeof v !== 'object' || v === null) return false;
  const h = v as Record<string, unknown>;
  return typeof h['ruleId'] === 'string' && typeof h['title'] === 'string' && typeof h['masked'] === 'string'
    && typeof h['line'] === 'number' && typeof h['severity'] === 'string' && isSeverity(h['severity']);
}

function fileSecrets(v: unknown): FileSecrets | undefined {
  if (typeof v !== 'object' || v === null) return undefined;
  const hits = (v as { hits?: unknown }).hits;
  const from = (v as { truncatedFrom?: unknown }).truncatedFrom;
  if (!Array.isArray(hits) || !hits.every(isStoredHit)) return undefined;
  return typeof from === 'number' ? { hits, truncatedFrom: from } : { hits };
}

/** 10 MiB, 64 KiB, 1.5 MiB. */
function sizeText(bytes: number): string {
  const [n, unit] = bytes >= 1024 * 1024 ? [bytes / (1024 * 1024), 'MiB'] : bytes >= 1024 ? [bytes / 1024, 'KiB'] : [bytes, 'bytes'];
  return `${Number.isInteger(n) ? n : n.toFixed(1)} ${unit}`;
}

function analyzeFile(file: CapturedFile, maxBytes: number): FileResult | undefined {
  const found = fileSecrets(file.streamed);
  if (found === undefined) return undefined;
  const result: FileResult = { path: file.path, facts: found };
  if (found.truncatedFrom !== undefined) {
    result.unknowns = [`file is ${found.truncatedFrom} bytes: only the first ${sizeText(maxBytes)} were searched for secrets`];
  }
  return result;
}

function mergeSecrets(view: MergeView): MergeOutput {
  const secrets: SecretFinding[] = [];
  const unknowns: Unknown[] = [];
  for (const r of view.everyLayer()) {
    const found = fileSecrets(r.result.facts);
    if (found === undefined) {
      unknowns.push({ path: `/${r.path}`, layer: r.layer, source: 'secrets', reason: 'cached secret-scan result has an unexpected shape — ignored' });
      continue;
    }
    for (const reason of r.result.unknowns ?? []) unknowns.push({ path: `/${r.path}`, layer: r.layer, source: 'secrets', reason });
    for (const h of found.hits) {
      const location: SecretFinding['location'] = { kind: 'file', path: r.path, line: h.line, layer: r.layer, ...(r.removedIn ? { removedIn: r.removedIn } : {}) };
      secrets.push({ ruleId: h.ruleId, title: h.title, severity: h.severity, masked: h.masked, location });
    }
  }
  secrets.sort(byPlace);
  return { secrets, unknowns };
}

/** Layer, then path, then line (file findings only come from here). */
function byPlace(a: SecretFinding, b: SecretFinding): number {
  const x = a.location;
  const y = b.location;
  if (x.kind !== 'file' || y.kind !== 'file') return 0;
  return x.layer.index - y.layer.index || (x.path < y.path ? -1 : x.path > y.path ? 1 : 0) || x.line - y.line;
}

/** The `secrets` analyzer for one rule set (createAnalyzers adds it when secret scanning is on). */
export function createSecretsAnalyzer(ruleSet: SecretRuleSet): Analyzer {
  const rules = (): CompiledRules => ruleSet.compiled();
  return {
    id: 'secrets',
    version: 1,
    variant: ruleSet.key,
    // bigger files are searched up to the rule set's cap (an unknown says so), never skipped
    maxFileSize: Number.POSITIVE_INFINITY,
    capture: 'stream',
    // its unknowns (a file searched only in part) concern the file, whoever installed it
    osOwned: 'keep',
    required: (path: string, _info: EntryInfo) => skipReason(path, 0, rules()) === undefined,
    stream: (path: string, info: EntryInfo) => new FileScan(path, info.size, rules()),
    analyzeLayer: (files) => files.flatMap((f) => analyzeFile(f, rules().maxFileBytes) ?? []),
    merge: mergeSecrets,
  };
}
