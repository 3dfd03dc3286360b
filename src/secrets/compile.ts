/**
 * Prepare a set of rules for scanContent: compile the patterns, build the keyword automaton shared by
 * all rules, compile allow-lists. Compile once per scan (or once per process) and reuse.
 */
import { AppError } from '../core/errors.js';
import { compileAllow, compileRegex, expandRuleAllow, type CompiledAllow } from './allow.js';
import { KeywordMatcher } from './keywords.js';
import { SAFE_PATHS, type SafePath } from './paths.js';
import type { AllowList, RuleSpec } from './rule.js';

/** Files larger than this are not scanned (the caller reports them as skipped). */
export const DEFAULT_MAX_FILE_BYTES = 10 * 1024 * 1024;

export interface CompiledRule {
  readonly spec: RuleSpec;
  /** `spec.pattern` with flags `gd` (+ `i`); undefined for a path-only rule. */
  readonly re: RegExp | undefined;
  /** The same with `yd` (sticky), for anchored rules. */
  readonly sticky: RegExp | undefined;
  readonly pathRe: RegExp | undefined;
  readonly allows: readonly CompiledAllow[];
  readonly excludeBlocks: readonly RegExp[];
  /** gitleaks drops a "generic" finding when a specific rule found the same secret on the line. */
  readonly generic: boolean;
}

export interface CompiledRules {
  readonly rules: readonly CompiledRule[];
  readonly matcher: KeywordMatcher;
  /** keyword id (index in matcher.keywords) → indexes of the rules that have it. */
  readonly keywordRules: ReadonlyArray<readonly number[]>;
  /** Per rule: 0 windows around keywords, 1 the whole file (multiline), 2 sticky at keyword starts (anchored). */
  readonly modes: Uint8Array;
  /** Rules without keywords: they run on every file. */
  readonly unconditional: readonly number[];
  /** Path-only rules (no pattern). */
  readonly pathOnly: readonly number[];
  readonly globalAllows: readonly CompiledAllow[];
  readonly safePaths: readonly SafePath[];
  readonly excludeBlocks: readonly RegExp[];
  readonly maxFileBytes: number;
}

export interface CompileOptions {
  /** Allow-lists for every rule (gitleaks' global `[allowlist]`, Trivy's `allow-rules`). */
  readonly allowlists?: readonly AllowList[];
  /** Known-safe paths skipped entirely (default SAFE_PATHS). */
  readonly safePaths?: readonly SafePath[];
  /** Trivy's global exclude-block regexes (JS sources). */
  readonly excludeBlocks?: readonly string[];
  readonly maxFileBytes?: number;
}

export function compileRules(rules: readonly RuleSpec[], options: CompileOptions = {}): CompiledRules {
  const seen = new Set<string>();
  for (const r of rules) {
    if (seen.has(r.id)) throw new AppError('INPUT', `secret rule ${r.id} is defined twice`);
    seen.add(r.id);
  }
  const compiled = rules.map(compileRule);
  const keywordIds = new Map<string, number>();
  const keywordRules: number[][] = [];
  const unconditional: number[] = [];
  const pathOnly: number[] = [];
  compiled.forEach((rule, index) => {
    if (rule.re === undefined) {
      pathOnly.push(index);
      return;
    }
    const keywords = rule.spec.keywords.map((k) => k.toLowerCase()).filter((k) => k !== '');
    if (keywords.length === 0) unconditional.push(index);
    for (const k of new Set(keywords)) {
      let id = keywordIds.get(k);
      if (id === undefined) {
        id = keywordIds.size;
        keywordIds.set(k, id);
        keywordRules.push([]);
      }
      keywordRules[id]?.push(index);
    }
  });
  return {
    rules: compiled,
    matcher: new KeywordMatcher([...keywordIds.keys()]),
    keywordRules,
    modes: Uint8Array.from(compiled, (r) => (r.spec.multiline === true ? 1 : r.spec.anchored === true ? 2 : 0)),
    unconditional,
    pathOnly,
    globalAllows: (options.allowlists ?? []).map((a, i) => compileAllow(a, `global allow-list ${i + 1}`)),
    safePaths: options.safePaths ?? SAFE_PATHS,
    excludeBlocks: (options.excludeBlocks ?? []).map((s) => compileRegex(s, 'g', 'global exclude-block')),
    maxFileBytes: options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES,
  };
}

function compileRule(spec: RuleSpec): CompiledRule {
  const who = `secret rule ${spec.id}`;
  if (spec.flags !== undefined && spec.flags !== '' && spec.flags !== 'i') throw new AppError('INPUT', `${who}: flags must be '' or 'i'`);
  if (spec.pattern === undefined && spec.path === undefined) throw new AppError('INPUT', `${who}: needs a pattern or a path`);
  const re = spec.pattern === undefined ? undefined : compileRegex(spec.pattern, `gd${spec.flags ?? ''}`, who);
  const groups = spec.pattern === undefined ? 1 : (new RegExp(`${spec.pattern}|`, spec.flags ?? '').exec('')?.length ?? 1);
  const wanted = spec.secretGroup === undefined ? [] : typeof spec.secretGroup === 'number' ? [spec.secretGroup] : spec.secretGroup;
  for (const g of wanted) {
    if (!Number.isInteger(g) || g < 0 || g >= groups) throw new AppError('INPUT', `${who}: secret group ${g} does not exist (the pattern has ${groups - 1})`);
  }
  return {
    spec,
    re,
    sticky: spec.pattern === undefined || spec.anchored !== true ? undefined : compileRegex(spec.pattern, `yd${spec.flags ?? ''}`, who),
    pathRe: spec.path === undefined ? undefined : compileRegex(spec.path, '', `${who}: path`),
    allows: [...expandRuleAllow(spec.allow), ...(spec.allowlists ?? [])].map((a) => compileAllow(a, who)),
    excludeBlocks: (spec.excludeBlocks ?? []).map((s) => compileRegex(s, 'g', `${who}: exclude-block`)),
    generic: spec.id.toLowerCase().includes('generic'),
  };
}
