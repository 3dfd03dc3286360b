/**
 * Scan one file's content for secrets: safe-path and size checks, binary sniffing, ONE keyword pass
 * for all rules, then each triggered rule's pattern only where its keywords are (windows.ts: sticky at
 * keyword starts, the lines around keywords, or the whole file), then entropy floors, allow-lists and
 * exclude blocks. Pure: no I/O, no logging. The secret itself never leaves this module: a SecretHit
 * carries its masked prefix, offset and length only.
 */
import { fileAllowed, findingAllowed, type FindingView } from './allow.js';
import { isProbablyBinary } from './binary.js';
import type { CompiledRule, CompiledRules } from './compile.js';
import { shannonEntropy } from './entropy.js';
import { normalizePath, safePathId } from './paths.js';
import type { SecretHit } from './rule.js';
import { WindowPlanner, type Plan } from './windows.js';

export { compileRules, DEFAULT_MAX_FILE_BYTES, type CompiledRules, type CompileOptions } from './compile.js';
export { isProbablyBinary } from './binary.js';

/** Why a file is not scanned, before reading it: too large, a known-safe path, or allow-listed for every rule. */
export function skipReason(path: string, size: number, rules: CompiledRules): string | undefined {
  if (size > rules.maxFileBytes) return `larger than ${rules.maxFileBytes} bytes`;
  const p = normalizePath(path);
  const safe = safePathId(p, rules.safePaths);
  if (safe !== undefined) return `known-safe path (${safe})`;
  if (fileAllowed(rules.globalAllows, p)) return 'allow-listed path';
  return undefined;
}

/** Every secret in `content` (a file at `path`), in order of offset. */
export function scanContent(content: Buffer, path: string, rules: CompiledRules): SecretHit[] {
  if (skipReason(path, content.length, rules) !== undefined) return [];
  const p = normalizePath(path);
  const byPath = pathOnlyHits(p, rules);
  if (content.length === 0 || isProbablyBinary(content)) return byPath;
  const hits = new FileScan(content, p, rules).run();
  return byPath.length === 0 ? hits : [...byPath, ...hits];
}

/** Path-only rules (gitleaks `path` without `regex`, e.g. *.p12 files): one hit for the file. */
function pathOnlyHits(path: string, rules: CompiledRules): SecretHit[] {
  const out: SecretHit[] = [];
  for (const r of rules.pathOnly) {
    const rule = rules.rules[r];
    if (rule?.pathRe === undefined || !rule.pathRe.test(path) || fileAllowed(rule.allows, path)) continue;
    const { id, title, severity } = rule.spec;
    out.push({ ruleId: id, title, severity, line: 1, column: 1, masked: '****', offset: 0, length: 0 });
  }
  return out;
}

interface Candidate {
  readonly rule: CompiledRule;
  readonly start: number;
  readonly end: number;
  readonly secret: string;
  line: number;
  column: number;
}

class FileScan {
  private textCache: string | undefined;
  private readonly candidates: Candidate[] = [];
  private blocks: Array<readonly [number, number]> | undefined;

  constructor(
    private readonly content: Buffer,
    private readonly path: string,
    private readonly rules: CompiledRules,
  ) {}

  run(): SecretHit[] {
    const plans = new WindowPlanner(this.content).plan(this.rules, (r) => this.applies(r));
    // Decoding window by window costs a call each; with many windows decode the file once.
    let windows = 0;
    for (const plan of plans) if (plan !== undefined) windows += plan.kind === 'windows' ? plan.pairs.length / 2 : Infinity;
    if (windows * 512 > this.content.length) this.text();
    plans.forEach((plan, r) => {
      const rule = this.rules.rules[r];
      if (plan !== undefined && rule !== undefined) this.runRule(rule, plan);
    });
    if (this.candidates.length === 0) return [];
    this.candidates.sort((a, b) => a.start - b.start || a.rule.spec.id.localeCompare(b.rule.spec.id));
    this.locate();
    return dropShadowedGeneric(this.candidates).map(toHit);
  }

  private text(): string {
    this.textCache ??= this.content.toString('latin1');
    return this.textCache;
  }

  /** Bytes [from, to) as text: from the decoded file when there is one, else decoding just them. */
  private chars(from: number, to: number): string {
    return this.textCache === undefined ? this.content.toString('latin1', from, to) : this.textCache.slice(from, to);
  }

  /** Does rule r look at this file at all (its `path` filter, its path allow-lists)? */
  private applies(r: number): boolean {
    const rule = this.rules.rules[r];
    if (rule?.re === undefined) return false;
    if (rule.pathRe !== undefined && !rule.pathRe.test(this.path)) return false;
    return !fileAllowed(rule.allows, this.path);
  }

  private runRule(rule: CompiledRule, plan: Plan): void {
    if (plan.kind === 'starts') this.runAt(rule, plan.at);
    else this.runOver(rule, plan.kind === 'whole' ? [0, this.content.length] : plan.pairs, plan.kind === 'whole');
  }

  /** An anchored rule: one sticky attempt where each keyword starts (ascending; overlaps skipped). */
  private runAt(rule: CompiledRule, positions: readonly number[]): void {
    let starts = positions;
    const re = rule.sticky;
    if (re === undefined) return;
    const text = this.text();
    let lastEnd = 0;
    let previous = -1;
    // keywords of different lengths ending in order may start out of order
    for (let i = 1; i < starts.length; i++) {
      if ((starts[i] as number) < (starts[i - 1] as number)) {
        starts = [...starts].sort((a, b) => a - b);
        break;
      }
    }
    for (const at of starts) {
      if (at < lastEnd || at === previous) continue;
      previous = at;
      re.lastIndex = at;
      const m = re.exec(text);
      if (m === null || m[0] === '') continue;
      this.onMatch(rule, m, 0);
      lastEnd = at + m[0].length;
    }
  }

  /** A pattern over windows (pairs of offsets) or the whole text, like a global regex over the file. */
  private runOver(rule: CompiledRule, windows: readonly number[], whole: boolean): void {
    const re = rule.re;
    if (re === undefined) return;
    const n = this.content.length;
    let lastEnd = 0;
    for (let w = 0; w < windows.length; w += 2) {
      const ws = windows[w] as number;
      const we = windows[w + 1] as number;
      // Two chars before and one after the window: look-behind, \b and `$` see the real neighbours,
      // and a match may begin on the line break before the window (`(?:^|\s)token`).
      const cs = Math.max(0, ws - 2);
      const slice = whole ? this.text() : this.chars(cs, Math.min(n, we + 1));
      const base = whole ? 0 : cs;
      re.lastIndex = Math.max(0, ws - 1 - base, lastEnd - base);
      for (let m = re.exec(slice); m !== null; m = re.exec(slice)) {
        const start = m.index + base;
        if (start >= we) break;
        if (m[0] === '') {
          re.lastIndex++;
          continue;
        }
        this.onMatch(rule, m, base);
        lastEnd = start + m[0].length;
      }
    }
  }

  private onMatch(rule: CompiledRule, m: RegExpExecArray, base: number): void {
    const indices = m.indices;
    if (indices === undefined) return;
    for (const g of secretGroups(rule, m)) {
      const span = indices[g];
      if (span === undefined) continue;
      let start = span[0] + base;
      let end = span[1] + base;
      if (g === 0) {
        // gitleaks trims line breaks off a whole-match secret
        while (start < end && this.content[start] === 10) start++;
        while (end > start && this.content[end - 1] === 10) end--;
      }
      if (end <= start) continue;
      const secret = this.chars(start, end);
      if (rule.spec.entropy !== undefined && shannonEntropy(secret) <= rule.spec.entropy) continue;
      const matchStart = m.index + base;
      const view = this.view(rule, secret, matchStart, matchStart + m[0].length);
      if (findingAllowed(this.rules.globalAllows, view) || findingAllowed(rule.allows, view)) continue;
      if (this.excluded(rule, start, end)) continue;
      this.candidates.push({ rule, start, end, secret, line: 0, column: 0 });
    }
  }

  private view(rule: CompiledRule, secret: string, matchStart: number, matchEnd: number): FindingView {
    const text = this.text();
    return {
      secret,
      path: this.path,
      match: () => text.slice(rule.spec.identifierPrefix === true ? identifierStart(text, matchStart) : matchStart, matchEnd),
      line: () => {
        const from = text.lastIndexOf('\n', matchStart - 1) + 1;
        const to = text.indexOf('\n', matchEnd);
        return text.slice(from, to < 0 ? text.length : to);
      },
    };
  }

  /** Inside a Trivy exclude-block (global or the rule's)? */
  private excluded(rule: CompiledRule, start: number, end: number): boolean {
    if (this.rules.excludeBlocks.length === 0 && rule.excludeBlocks.length === 0) return false;
    this.blocks ??= blockRanges(this.text(), this.rules.excludeBlocks);
    const inside = (b: readonly [number, number]): boolean => b[0] <= start && end <= b[1];
    return this.blocks.some(inside) || blockRanges(this.text(), rule.excludeBlocks).some(inside);
  }

  /** Line and column of every candidate (sorted by start): one forward walk over the line breaks. */
  private locate(): void {
    let line = 1;
    let lineStart = 0;
    for (const c of this.candidates) {
      for (let nl = this.content.indexOf(10, lineStart); nl >= 0 && nl < c.start; nl = this.content.indexOf(10, lineStart)) {
        line++;
        lineStart = nl + 1;
      }
      c.line = line;
      c.column = c.start - lineStart + 1;
    }
  }
}

/** The group numbers holding the secret for this match. */
function secretGroups(rule: CompiledRule, m: RegExpExecArray): readonly number[] {
  const wanted = rule.spec.secretGroup;
  if (typeof wanted === 'number') return [wanted];
  if (wanted !== undefined) return wanted;
  for (let g = 1; g < m.length; g++) if (m[g] !== undefined && m[g] !== '') return [g];
  return [0];
}

/** Start of the identifier (`[\w.-]`, at most 50 chars) that ends at `pos`. */
function identifierStart(text: string, pos: number): number {
  let i = pos;
  while (i > 0 && pos - i < 50 && /[\w.-]/.test(text.charAt(i - 1))) i--;
  return i;
}

function blockRanges(text: string, regexes: readonly RegExp[]): Array<readonly [number, number]> {
  const out: Array<readonly [number, number]> = [];
  for (const re of regexes) {
    re.lastIndex = 0;
    for (let m = re.exec(text); m !== null; m = re.exec(text)) {
      out.push([m.index, m.index + m[0].length]);
      if (m[0] === '') re.lastIndex++;
    }
  }
  return out;
}

/** gitleaks' rule: a generic finding yields to a specific one on the same line whose secret contains it. */
function dropShadowedGeneric(candidates: readonly Candidate[]): Candidate[] {
  return candidates.filter(
    (c) => !c.rule.generic || !candidates.some((o) => !o.rule.generic && o.line === c.line && o.secret.includes(c.secret)),
  );
}

function toHit(c: Candidate): SecretHit {
  const { id, title, severity } = c.rule.spec;
  return { ruleId: id, title, severity, line: c.line, column: c.column, masked: mask(c.secret), offset: c.start, length: c.end - c.start };
}

/** First 4 chars (fewer for short secrets, so that at most a quarter shows) + `****`. */
export function mask(secret: string): string {
  const shown = secret.length >= 16 ? 4 : Math.floor(secret.length / 4);
  return `${secret.slice(0, shown).replace(/[^\x21-\x7e]/g, '?')}****`;
}
