/**
 * Where each rule's pattern runs in a file, from the keyword hits:
 *  - 'starts': rules whose matches begin with a keyword (`anchored`) are tried only where a keyword
 *    starts (a sticky match at each of those positions);
 *  - 'windows': the line of each hit with one line of context on each side (more after for
 *    `linesAfter`), merged when they touch;
 *  - 'whole': the whole file for multi-line rules, rules without keywords, and rules whose windows
 *    would cover most of the file anyway.
 */
import type { CompiledRules } from './compile.js';

/** A line longer than this is cut to ±WINDOW_HALF bytes around the keyword (minified code). */
const LONG_LINE = 8192;
const WINDOW_HALF = 4096;

export type Plan = { readonly kind: 'whole' } | { readonly kind: 'windows'; readonly pairs: number[] } | { readonly kind: 'starts'; readonly at: number[] };

const WHOLE: Plan = { kind: 'whole' };

/** How a rule is planned (CompiledRules.modes). */
const MODE_WHOLE = 1;
const MODE_STARTS = 2;

type Bytes = Uint8Array & { lastIndexOf(v: number, from: number): number; indexOf(v: number, from: number): number };

export class WindowPlanner {
  private cacheFrom = -1;
  private cacheTo = -1;
  private cacheStart = 0;
  private cacheEnd = 0;

  constructor(private readonly content: Bytes) {}

  /**
   * Plans per rule index (undefined: the rule does not run). `active(r)` says whether rule r applies to
   * this file at all (path filters), asked once per rule.
   */
  plan(rules: CompiledRules, active: (r: number) => boolean): Array<Plan | undefined> {
    const n = rules.rules.length;
    const plans = new Array<Plan | undefined>(n);
    const state = new Int8Array(n); // 0 unknown, 1 active, 2 inactive
    const modes = rules.modes;
    for (const r of rules.unconditional) {
      state[r] = active(r) ? 1 : 2;
      if (state[r] === 1) plans[r] = WHOLE;
    }
    const half = this.content.length / 2;
    const covered = new Float64Array(n);
    const { matcher, keywordRules } = rules;
    const { outStart, outs, firstOutput, lengths } = matcher;
    const hits = matcher.scan(this.content);
    for (let h = 0; h < hits.count; h++) {
      const end = hits.ends[h] as number;
      const k = (hits.states[h] as number) - firstOutput;
      for (let o = outStart[k] as number, oe = outStart[k + 1] as number; o < oe; o++) {
        const kw = outs[o] as number;
        for (const r of keywordRules[kw] ?? []) {
          if (state[r] === 0) state[r] = active(r) ? 1 : 2;
          const plan = plans[r];
          if (state[r] === 2 || plan?.kind === 'whole') continue;
          const mode = modes[r];
          if (mode === MODE_WHOLE) plans[r] = WHOLE;
          else if (mode === MODE_STARTS) {
            if (plan === undefined) plans[r] = { kind: 'starts', at: [end - (lengths[kw] as number)] };
            else (plan as { at: number[] }).at.push(end - (lengths[kw] as number));
          } else {
            covered[r] = (covered[r] ?? 0) + this.addWindow(plans, r, end - 1, rules.rules[r]?.spec.linesAfter ?? 1);
            // windows over most of the file: one pass over all of it is cheaper
            if ((covered[r] ?? 0) > half) plans[r] = WHOLE;
          }
        }
      }
    }
    return plans;
  }

  /** Add the window around byte `pos` to rule r's plan; returns how many bytes the plan grew by. */
  private addWindow(plans: Array<Plan | undefined>, r: number, pos: number, linesAfter: number): number {
    this.window(pos);
    const start = this.cacheStart;
    const end = linesAfter > 1 ? this.extend(this.cacheEnd, linesAfter - 1) : this.cacheEnd;
    const plan = plans[r];
    if (plan === undefined || plan.kind !== 'windows') {
      plans[r] = { kind: 'windows', pairs: [start, end] };
      return end - start;
    }
    const pairs = plan.pairs;
    const last = pairs.length - 1;
    const lastEnd = pairs[last] as number;
    if (start <= lastEnd) {
      if (end <= lastEnd) return 0;
      pairs[last] = end;
      return end - lastEnd;
    }
    pairs.push(start, end);
    return end - start;
  }

  /** `lines` more lines after `end` (a line start), at most WINDOW_HALF bytes each. */
  private extend(end: number, lines: number): number {
    let e = end;
    for (let i = 0; i < lines && e < this.content.length; i++) {
      const nl = this.content.indexOf(10, e);
      e = Math.min(nl < 0 ? this.content.length : nl + 1, e + WINDOW_HALF);
    }
    return e;
  }

  /** Sets cacheStart/cacheEnd to the window around byte `pos`: its line and one line each side. */
  private window(pos: number): void {
    if (pos >= this.cacheFrom && pos < this.cacheTo) return;
    const buf = this.content;
    const n = buf.length;
    const lineStart = buf.lastIndexOf(10, pos) + 1;
    const nl = buf.indexOf(10, pos);
    const lineEnd = nl < 0 ? n : nl + 1;
    if (lineEnd - lineStart > LONG_LINE) {
      this.cacheFrom = this.cacheTo = -1;
      this.cacheStart = Math.max(lineStart, pos - WINDOW_HALF);
      this.cacheEnd = Math.min(lineEnd, pos + WINDOW_HALF);
      return;
    }
    let start = lineStart;
    if (lineStart >= 2) start = buf.lastIndexOf(10, lineStart - 2) + 1;
    else if (lineStart === 1) start = 0;
    let end = lineEnd;
    if (lineEnd < n) {
      const next = buf.indexOf(10, lineEnd);
      end = next < 0 ? n : next + 1;
    }
    this.cacheFrom = lineStart;
    this.cacheTo = lineEnd;
    this.cacheStart = Math.max(start, lineStart - WINDOW_HALF);
    this.cacheEnd = Math.min(end, lineEnd + WINDOW_HALF);
  }
}
