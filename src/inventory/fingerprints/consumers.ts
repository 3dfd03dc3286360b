import type { StreamConsumer } from '../analyzer.js';
import { NeedleScanner, type Needle } from './scanner.js';
import { PatternScanner, type TextPattern } from './pattern-scanner.js';
import type { AnchoredSource, BinaryRule, Decision, Fingerprint, Observations, Product, ScannedSource, Source, TextRule } from './types.js';

/**
 * Stream consumers that turn one file's bytes into at most one Fingerprint: binaries through the
 * needle and pattern scanners (keeping only a small tail and the distinct values found), small
 * text files by keeping their first bytes. `end()` returns the Fingerprint or null.
 */

/** Distinct values kept per source and file. */
const MAX_VALUES = 8;
/** Occurrences of one anchor examined per file. */
const MAX_HITS = 16_384;
const ELF_MAGIC = Buffer.from([0x7f, 0x45, 0x4c, 0x46]);

type Found = Array<Array<{ value: string; evidence: string }>>;

/** Printable ASCII only, whitespace runs collapsed, short. */
export function evidenceText(s: string): string {
  return s.replace(/[^\x21-\x7e]+/g, ' ').trim().slice(0, 100);
}

function record(found: Found, i: number, value: string | undefined, whole: string): void {
  const list = found[i];
  if (!list || value === undefined || list.length >= MAX_VALUES || list.some((v) => v.value === value)) return;
  list.push({ value, evidence: evidenceText(whole) });
}

/** The first source that found anything decides; more than one value there is worth an unknown. */
export function firstFound(found: Observations): Decision | undefined {
  const list = found.find((l) => l.length > 0);
  const first = list?.[0];
  if (!list || !first) return undefined;
  const decision: Decision = { version: first.value, evidence: first.evidence };
  if (list.length > 1) {
    decision.problem = `several version strings (${list.map((v) => v.value).join(', ')}); reported the first, ${first.value}`;
  }
  return decision;
}

function fingerprint(rule: string, product: Product, d: { version: string; evidence: string; problem?: string }, metadata?: Record<string, string>): Fingerprint {
  const fp: Fingerprint = { rule, name: product.name, cpeVendor: product.cpeVendor, cpeProduct: product.cpeProduct, version: d.version, evidence: d.evidence };
  if (metadata) fp.metadata = metadata;
  if (d.problem !== undefined) fp.problem = d.problem;
  return fp;
}

function scanners(sources: readonly Source[], found: Found): { push(chunk: Buffer): void; end(): void } {
  const anchored: Array<[number, AnchoredSource]> = [];
  const scanned: Array<[number, ScannedSource]> = [];
  sources.forEach((s, i) => (s.kind === 'anchored' ? anchored.push([i, s]) : scanned.push([i, s])));
  const needles: Needle[] = anchored.map(([, s]) => ({ anchor: Buffer.from(s.anchor, 'latin1'), before: s.before ?? 0, after: s.after, maxHits: MAX_HITS }));
  const needleScanner = new NeedleScanner(needles, (n, region) => {
    const [i, s] = anchored[n] as [number, AnchoredSource];
    const m = s.pattern.exec(region.toString('latin1'));
    if (m) record(found, i, m[1], m[0]);
  });
  const patterns: TextPattern[] = scanned.map(([, s]) => ({ regex: s.pattern, maxLength: s.maxLength, maxHits: MAX_HITS }));
  const patternScanner = patterns.length ? new PatternScanner(patterns, (n, m) => record(found, (scanned[n] as [number, ScannedSource])[0], m[1], m[0])) : undefined;
  return {
    push(chunk) {
      if (needles.length) needleScanner.push(chunk);
      patternScanner?.push(chunk);
    },
    end() {
      if (needles.length) needleScanner.end();
      patternScanner?.end();
    },
  };
}

/** Scans an ELF file for the rule's version strings; anything else is skipped after 4 bytes. */
export function binaryConsumer(rule: BinaryRule, base: string): StreamConsumer {
  const sources = rule.sources(base);
  const found: Found = sources.map(() => []);
  const scan = scanners(sources, found);
  let head = Buffer.alloc(0);
  let elf: boolean | undefined;
  return {
    data(chunk) {
      if (elf === undefined) {
        head = Buffer.concat([head, chunk.subarray(0, 4 - head.length)]);
        if (head.length === 4) elf = head.equals(ELF_MAGIC);
      }
      // until the magic is known (chunks under 4 bytes), scan anyway: end() discards non-ELF files
      if (elf !== false) scan.push(chunk);
    },
    end() {
      if (!elf) return null;
      scan.end();
      const decision = rule.decide ? rule.decide(found, sources) : firstFound(found);
      return decision ? fingerprint(rule.id, rule.product, decision) : null;
    },
  };
}

/** Keeps the first `maxBytes` of a small text file and parses it at the end. */
export function textConsumer(rule: TextRule): StreamConsumer {
  const parts: Buffer[] = [];
  let kept = 0;
  return {
    data(chunk) {
      if (kept >= rule.maxBytes) return;
      const part = Buffer.from(chunk.subarray(0, rule.maxBytes - kept));
      parts.push(part);
      kept += part.length;
    },
    end() {
      const finding = rule.parse(Buffer.concat(parts).toString('utf8'));
      return finding ? fingerprint(rule.id, finding.product, finding, finding.metadata) : null;
    },
  };
}
