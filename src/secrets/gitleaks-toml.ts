/**
 * A gitleaks configuration (TOML, gitleaks v8 format) → drydock rules and allow-lists, so users can
 * bring their own gitleaks.toml. Understood: `[[rules]]` id/description/regex/path/secretGroup/
 * entropy/keywords, rule allow-lists (`[[rules.allowlists]]` and the older `[rules.allowlist]`) and
 * global ones (`[allowlist]`, `[[allowlists]]` with `targetRules`), each with condition, paths,
 * regexes, regexTarget and stopwords; `[extend] useDefault` (drydock's built-in rules stand in for
 * gitleaks' default config) and `disabledRules`. Go RE2 patterns are translated (re2.ts).
 * Not applicable to images, reported as warnings: allow-list `commits`, `[extend] path/url`,
 * composite rules (`[[rules.required]]`), `skipReport`.
 *
 * gitleaks has no severities: its rules are reported as 'high'. Its rules run over the whole file when
 * one of their keywords occurs, exactly as gitleaks does.
 */
import { parse as parseToml } from 'smol-toml';
import * as z from 'zod/mini';
import { AppError, errorMessage } from '../core/errors.js';
import { translateRe2 } from './re2.js';
import type { AllowList, RuleSpec } from './rule.js';
import { issueLines } from './schema-issues.js';

export interface GitleaksConfig {
  readonly title?: string;
  readonly rules: readonly RuleSpec[];
  /** Global allow-lists (those without targetRules). */
  readonly allowlists: readonly AllowList[];
  readonly warnings: readonly string[];
}

export interface GitleaksOptions {
  /** The rules `[extend] useDefault = true` extends (drydock's SECRET_RULES). */
  readonly defaults?: readonly RuleSpec[];
}

const strings = z.optional(z.array(z.string()));
const allowlistSchema = z.object({
  description: z.optional(z.string()),
  condition: z.optional(z.string()),
  commits: strings,
  paths: strings,
  regexTarget: z.optional(z.string()),
  regexes: strings,
  stopwords: strings,
  targetRules: strings,
});
type RawAllowlist = z.infer<typeof allowlistSchema>;

const ruleSchema = z.object({
  id: z.string().check(z.minLength(1, { error: 'rule id is empty' })),
  description: z.optional(z.string()),
  regex: z.optional(z.string()),
  path: z.optional(z.string()),
  secretGroup: z.optional(z.int().check(z.nonnegative())),
  entropy: z.optional(z.number().check(z.nonnegative())),
  keywords: strings,
  tags: strings,
  allowlist: z.optional(allowlistSchema),
  allowlists: z.optional(z.array(allowlistSchema)),
  required: z.optional(z.array(z.unknown())),
  skipReport: z.optional(z.boolean()),
});
type RawRule = z.infer<typeof ruleSchema>;

const configSchema = z.object({
  title: z.optional(z.string()),
  description: z.optional(z.string()),
  minVersion: z.optional(z.string()),
  extend: z.optional(
    z.object({ path: z.optional(z.string()), url: z.optional(z.string()), useDefault: z.optional(z.boolean()), disabledRules: strings }),
  ),
  rules: z.optional(z.array(ruleSchema)),
  allowlist: z.optional(allowlistSchema),
  allowlists: z.optional(z.array(allowlistSchema)),
});

/** Parse a gitleaks TOML document; `file` names it in errors. */
export function parseGitleaksToml(text: string, file: string, options: GitleaksOptions = {}): GitleaksConfig {
  let raw: unknown;
  try {
    raw = parseToml(text);
  } catch (err) {
    throw new AppError('INPUT', `${file}: not valid TOML: ${errorMessage(err)}`, { cause: err });
  }
  const parsed = configSchema.safeParse(raw);
  if (!parsed.success) throw new AppError('INPUT', `${file}: invalid gitleaks config: ${issueLines(parsed.error.issues).join('; ')}`);
  const cfg = parsed.data;
  const warnings: string[] = [];
  const ruleAllows = new Map<string, AllowList[]>();
  const global: AllowList[] = [];
  const globals = [...(cfg.allowlist === undefined ? [] : [cfg.allowlist]), ...(cfg.allowlists ?? [])];
  globals.forEach((a, i) => {
    const list = toAllowList(a, `${file}: global allow-list ${i + 1}`, warnings);
    if (list === undefined) return;
    if (a.targetRules === undefined || a.targetRules.length === 0) global.push(list);
    for (const id of a.targetRules ?? []) ruleAllows.set(id, [...(ruleAllows.get(id) ?? []), list]);
  });
  let rules = (cfg.rules ?? []).map((r) => toRule(r, file, warnings));
  if (cfg.extend?.path !== undefined || cfg.extend?.url !== undefined) warnings.push(`${file}: [extend] path/url is not supported; ignored`);
  if (cfg.extend?.useDefault === true) rules = extendDefaults(rules, options.defaults ?? [], cfg.extend.disabledRules ?? []);
  // checked after extending: a rule that only adjusts a default one needs neither
  for (const r of rules) {
    if (r.pattern === undefined && r.path === undefined) throw new AppError('INPUT', `${file}: rule ${r.id}: both regex and path are empty`);
  }
  rules = rules.map((r) => {
    const extra = ruleAllows.get(r.id);
    ruleAllows.delete(r.id);
    return extra === undefined ? r : { ...r, allowlists: [...(r.allowlists ?? []), ...extra] };
  });
  for (const id of ruleAllows.keys()) throw new AppError('INPUT', `${file}: allow-list targetRules names rule ${id}, which does not exist`);
  return { ...(cfg.title === undefined ? {} : { title: cfg.title }), rules, allowlists: global, warnings };
}

function toRule(r: RawRule, file: string, warnings: string[]): RuleSpec {
  const who = `${file}: rule ${r.id}`;
  if (r.required !== undefined) warnings.push(`${who}: composite rules ([[rules.required]]) are not supported; the rule runs on its own`);
  if (r.skipReport === true) warnings.push(`${who}: skipReport is not supported; the rule reports`);
  if (r.allowlist !== undefined && r.allowlists !== undefined) throw new AppError('INPUT', `${who}: [rules.allowlist] cannot be used alongside [[rules.allowlists]]`);
  const allows = [...(r.allowlist === undefined ? [] : [r.allowlist]), ...(r.allowlists ?? [])]
    .map((a, i) => toAllowList(a, `${who}: allow-list ${i + 1}`, warnings))
    .filter((a): a is AllowList => a !== undefined);
  const spec: RuleSpec = {
    id: r.id,
    title: r.description ?? r.id,
    severity: 'high',
    keywords: (r.keywords ?? []).map((k) => k.toLowerCase()),
    multiline: true,
    ...(r.path === undefined ? {} : { path: translateRe2(r.path, `${who}: path`, false).source }),
    ...(r.secretGroup !== undefined && r.secretGroup > 0 ? { secretGroup: r.secretGroup } : {}),
    ...(r.entropy !== undefined && r.entropy > 0 ? { entropy: r.entropy } : {}),
    ...(allows.length > 0 ? { allowlists: allows } : {}),
  };
  if (r.regex === undefined) return spec;
  const t = translateRe2(r.regex, who);
  if (r.secretGroup !== undefined && r.secretGroup > t.groupCount) {
    throw new AppError('INPUT', `${who}: invalid secretGroup ${r.secretGroup}, the regex has ${t.groupCount} groups`);
  }
  // gitleaks' generic-style patterns start with a lazy identifier prefix, tried at every position;
  // starting at the keyword instead and extending the match back afterwards finds the same matches.
  const prefix = '[\\-.0-9A-Z_a-z]{0,50}?';
  const stripped = t.source.startsWith(prefix) && !t.source.slice(prefix.length).startsWith('|') && !hasTopLevelAlternation(t.source);
  return { ...spec, pattern: stripped ? t.source.slice(prefix.length) : t.source, flags: t.flags, ...(stripped ? { identifierPrefix: true } : {}) };
}

function toAllowList(a: RawAllowlist, who: string, warnings: string[]): AllowList | undefined {
  const condition = (a.condition ?? '').toUpperCase();
  if (!['', 'OR', '||', 'AND', '&&'].includes(condition)) throw new AppError('INPUT', `${who}: unknown condition ${JSON.stringify(a.condition)} (expected AND or OR)`);
  const target = a.regexTarget ?? 'secret';
  if (target !== '' && target !== 'secret' && target !== 'match' && target !== 'line') {
    throw new AppError('INPUT', `${who}: unknown regexTarget ${JSON.stringify(a.regexTarget)} (expected secret, match or line)`);
  }
  if (!a.commits?.length && !a.paths?.length && !a.regexes?.length && !a.stopwords?.length) {
    throw new AppError('INPUT', `${who}: must contain at least one of commits, paths, regexes or stopwords`);
  }
  if (a.commits?.length) warnings.push(`${who}: commits do not apply to images; ignored`);
  if (!a.paths?.length && !a.regexes?.length && !a.stopwords?.length) return undefined;
  return {
    ...(a.description === undefined ? {} : { description: a.description }),
    condition: condition === 'AND' || condition === '&&' ? 'and' : 'or',
    paths: (a.paths ?? []).map((p, i) => translateRe2(p, `${who}: path ${i + 1}`, false).source),
    regexes: (a.regexes ?? []).map((p, i) => translateRe2(p, `${who}: regex ${i + 1}`, false).source),
    target: target === '' ? 'secret' : target,
    stopwords: a.stopwords ?? [],
  };
}

/** gitleaks' extend: the user's fields override the base rule of the same id, lists are appended. */
function extendDefaults(own: readonly RuleSpec[], defaults: readonly RuleSpec[], disabled: readonly string[]): RuleSpec[] {
  const mine = new Map(own.map((r) => [r.id, r]));
  const merged = defaults
    .filter((base) => !disabled.includes(base.id))
    .map((base) => {
      const o = mine.get(base.id);
      if (o === undefined) return base;
      mine.delete(base.id);
      return {
        ...base,
        ...(o.title !== o.id ? { title: o.title } : {}),
        ...(o.pattern === undefined ? {} : { pattern: o.pattern, flags: o.flags ?? '', multiline: true }),
        ...(o.path === undefined ? {} : { path: o.path }),
        ...(o.entropy === undefined ? {} : { entropy: o.entropy }),
        ...(o.secretGroup === undefined ? {} : { secretGroup: o.secretGroup }),
        keywords: [...base.keywords, ...o.keywords],
        allowlists: [...(base.allowlists ?? []), ...(o.allowlists ?? [])],
      };
    });
  return [...merged, ...mine.values()];
}

/** A `|` outside any group or class: the prefix then belongs to the first branch only. */
function hasTopLevelAlternation(source: string): boolean {
  let depth = 0;
  let inClass = false;
  for (let i = 0; i < source.length; i++) {
    const c = source[i];
    if (c === '\\') i++;
    else if (inClass) inClass = c !== ']';
    else if (c === '[') inClass = true;
    else if (c === '(') depth++;
    else if (c === ')') depth--;
    else if (c === '|' && depth === 0) return true;
  }
  return false;
}
