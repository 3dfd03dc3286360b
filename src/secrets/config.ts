/**
 * drydock's secret-scanning configuration: custom rules and allow-lists in YAML. The keys are Trivy's
 * (`trivy-secret.yaml` works as is), either as a whole file or as the `secrets:` section of
 * `.drydock.yaml`:
 *
 *   rules:                      # custom rules (Go RE2 regexes, as in Trivy and gitleaks)
 *     - id: acme-token
 *       title: ACME API token
 *       severity: HIGH          # critical/high/medium/low/unknown, any case; missing or bad → unknown
 *       regex: '(?i)acme_token\s*=\s*(?P<secret>[a-z0-9]{32})'
 *       secret-group-name: secret
 *       keywords: [acme_token]
 *       path: '\.env$'          # optional: only these files
 *       entropy: 3.5            # drydock extension: Shannon floor on the secret
 *       allow-rules: [{ regex: 'acme_token\s*=\s*0+', path: 'fixtures/' }]
 *       exclude-block: { regexes: ['BEGIN EXAMPLE(.|\s)*END EXAMPLE'] }
 *   allow-rules: [...]          # for every rule: `path` skips files, `regex` drops matches
 *   exclude-block: {...}        # for every rule
 *   enable-builtin-rules: [...] # only these built-in rules (default: all)
 *   disable-rules: [...]        # built-in or custom rule ids
 *   disable-allow-rules: [...]  # known-safe path ids (src/secrets/paths.ts)
 *
 * Every bad field is reported at once (AppError 'INPUT' naming the file); unknown keys and unknown ids
 * in the disable lists are warnings. Custom rules run over the whole file when a keyword occurs (Trivy's
 * semantics); a `regex` allow rule is tested against the whole match, as in Trivy.
 */
import { parseDocument } from 'yaml';
import * as z from 'zod/mini';
import { AppError } from '../core/errors.js';
import { isSeverity, type Severity } from '../core/severity.js';
import { compileRules, type CompiledRules } from './compile.js';
import { SAFE_PATHS, type SafePath } from './paths.js';
import { translateRe2 } from './re2.js';
import type { AllowList, RuleSpec } from './rule.js';
import { BUILTIN_ALLOWLISTS, SECRET_RULES } from './rules/index.js';
import { issueLines } from './schema-issues.js';

export interface SecretConfig {
  readonly rules: readonly RuleSpec[];
  readonly allowlists: readonly AllowList[];
  readonly safePaths: readonly SafePath[];
  /** Global exclude-block regexes (JS sources). */
  readonly excludeBlocks: readonly string[];
  readonly warnings: readonly string[];
}

/** What the config adjusts: the built-in rules, global allow-lists and known-safe paths. */
export interface SecretDefaults {
  readonly rules: readonly RuleSpec[];
  readonly allowlists: readonly AllowList[];
  readonly safePaths?: readonly SafePath[];
}

/** drydock's built-in rules, allow-lists and known-safe paths: what a config adjusts by default. */
export const BUILTIN_DEFAULTS: SecretDefaults = { rules: SECRET_RULES, allowlists: BUILTIN_ALLOWLISTS, safePaths: SAFE_PATHS };

/** The rule set a config describes, ready for scanContent. */
export function compileSecretConfig(cfg: SecretConfig, maxFileBytes?: number): CompiledRules {
  return compileRules(cfg.rules, {
    allowlists: cfg.allowlists,
    safePaths: cfg.safePaths,
    excludeBlocks: cfg.excludeBlocks,
    ...(maxFileBytes === undefined ? {} : { maxFileBytes }),
  });
}

const ids = z.optional(z.array(z.string()));
const allowRule = z.object({ id: z.optional(z.string()), description: z.optional(z.string()), regex: z.optional(z.string()), path: z.optional(z.string()) });
const excludeBlock = z.object({ description: z.optional(z.string()), regexes: z.optional(z.array(z.string())) });
type RawAllowRule = z.infer<typeof allowRule>;
type RawExcludeBlock = z.infer<typeof excludeBlock>;

const ruleSchema = z.object({
  id: z.string().check(z.minLength(1, { error: 'rule id is empty' })),
  category: z.optional(z.string()),
  title: z.optional(z.string()),
  description: z.optional(z.string()),
  severity: z.optional(z.string()),
  regex: z.optional(z.string()),
  keywords: ids,
  path: z.optional(z.string()),
  'secret-group-name': z.optional(z.string()),
  entropy: z.optional(z.number().check(z.nonnegative())),
  'allow-rules': z.optional(z.array(allowRule)),
  'exclude-block': z.optional(excludeBlock),
});
type RawRule = z.infer<typeof ruleSchema>;

const KEYS = {
  rules: z.optional(z.array(ruleSchema)),
  'allow-rules': z.optional(z.array(allowRule)),
  'exclude-block': z.optional(excludeBlock),
  'enable-builtin-rules': ids,
  'disable-rules': ids,
  'disable-allow-rules': ids,
};
const configSchema = z.object(KEYS);

/** The text of a secret config file (a trivy-secret.yaml, or a .drydock.yaml whose `secrets:` section is used). */
export function parseSecretConfigYaml(text: string, file: string, defaults: SecretDefaults = BUILTIN_DEFAULTS): SecretConfig {
  const doc = parseDocument(text, { prettyErrors: true, uniqueKeys: true });
  if (doc.errors.length > 0) throw new AppError('INPUT', `${file}: not valid YAML: ${doc.errors.map((e) => e.message).join('; ')}`);
  const value: unknown = doc.toJS();
  const section = isRecord(value) && 'secrets' in value ? value['secrets'] : value;
  return parseSecretConfig(section ?? {}, file, defaults);
}

/** An already-loaded config value (the `secrets:` section or a whole Trivy file). */
export function parseSecretConfig(value: unknown, file: string, defaults: SecretDefaults = BUILTIN_DEFAULTS): SecretConfig {
  if (!isRecord(value)) throw new AppError('INPUT', `${file}: expected a mapping of secret-scanning settings`);
  const parsed = configSchema.safeParse(value);
  if (!parsed.success) throw new AppError('INPUT', `${file}: invalid secret config: ${issueLines(parsed.error.issues).join('; ')}`);
  const cfg = parsed.data;
  const warnings = Object.keys(value)
    .filter((k) => !(k in KEYS))
    .map((k) => `${file}: unknown key ${k}; ignored`);
  const problems: string[] = [];
  const custom = (cfg.rules ?? []).flatMap((r) => collect(problems, () => toRule(r, file, warnings)));
  const allowlists = (cfg['allow-rules'] ?? []).flatMap((a, i) => collect(problems, () => toAllowList(a, `${file}: allow-rules[${i}]`)));
  const excludeBlocks = collect(problems, () => blockSources(cfg['exclude-block'], `${file}: exclude-block`)).flat();
  if (problems.length > 0) throw new AppError('INPUT', `${file}: invalid secret config: ${problems.join('; ')}`);

  const enable = cfg['enable-builtin-rules'] ?? [];
  const disable = new Set(cfg['disable-rules'] ?? []);
  const builtins = enable.length === 0 ? defaults.rules : defaults.rules.filter((r) => enable.includes(r.id));
  const known = new Set([...defaults.rules, ...custom].map((r) => r.id));
  for (const id of [...enable, ...disable]) if (!known.has(id)) warnings.push(`${file}: no secret rule ${id}`);
  const disabledPaths = new Set(cfg['disable-allow-rules'] ?? []);
  const safe = defaults.safePaths ?? SAFE_PATHS;
  for (const id of disabledPaths) if (!safe.some((s) => s.id === id)) warnings.push(`${file}: no known-safe path entry ${id}`);
  return {
    rules: [...builtins, ...custom].filter((r) => !disable.has(r.id)),
    allowlists: [...defaults.allowlists, ...allowlists],
    safePaths: safe.filter((s) => !disabledPaths.has(s.id)),
    excludeBlocks,
    warnings,
  };
}

function toRule(r: RawRule, file: string, warnings: string[]): RuleSpec {
  const who = `${file}: rule ${r.id}`;
  if (r.regex === undefined) throw new AppError('INPUT', `${who}: regex is missing`);
  const t = translateRe2(r.regex, who);
  let secretGroup: number | readonly number[] = 0;
  const name = r['secret-group-name'];
  if (name !== undefined && name !== '') {
    const groups = t.groupNames.get(name);
    if (groups === undefined) throw new AppError('INPUT', `${who}: the regex has no group named ${name}`);
    secretGroup = groups.length === 1 ? (groups[0] ?? 0) : groups;
  }
  const allows = (r['allow-rules'] ?? []).map((a, i) => toAllowList(a, `${who}: allow-rules[${i}]`));
  const blocks = blockSources(r['exclude-block'], `${who}: exclude-block`);
  return {
    id: r.id,
    title: r.title ?? r.description ?? r.id,
    severity: severityOf(r.severity, who, warnings),
    keywords: (r.keywords ?? []).map((k) => k.toLowerCase()),
    pattern: t.source,
    flags: t.flags,
    secretGroup,
    multiline: true,
    ...(r.path === undefined ? {} : { path: translateRe2(r.path, `${who}: path`, false).source }),
    ...(r.entropy === undefined ? {} : { entropy: r.entropy }),
    ...(allows.length > 0 ? { allowlists: allows } : {}),
    ...(blocks.length > 0 ? { excludeBlocks: blocks } : {}),
  };
}

/** Trivy's allow rule: `path` exempts files, `regex` drops a finding whose whole match it matches. */
function toAllowList(a: RawAllowRule, who: string): AllowList {
  if (a.regex === undefined && a.path === undefined) throw new AppError('INPUT', `${who}: needs a regex or a path`);
  return {
    ...(a.description === undefined ? {} : { description: a.description }),
    ...(a.path === undefined ? {} : { paths: [translateRe2(a.path, `${who}: path`, false).source] }),
    ...(a.regex === undefined ? {} : { regexes: [translateRe2(a.regex, `${who}: regex`, false).source], target: 'match' as const }),
  };
}

function blockSources(block: RawExcludeBlock | undefined, who: string): string[] {
  return (block?.regexes ?? []).map((re, i) => translateRe2(re, `${who}: regexes[${i}]`, false).source);
}

function severityOf(raw: string | undefined, who: string, warnings: string[]): Severity {
  if (raw === undefined) return 'unknown';
  const s = raw.toLowerCase();
  if (isSeverity(s)) return s;
  warnings.push(`${who}: unknown severity ${JSON.stringify(raw)}; using unknown`);
  return 'unknown';
}

function collect<T>(problems: string[], f: () => T): T[] {
  try {
    return [f()];
  } catch (err) {
    if (!(err instanceof AppError)) throw err;
    problems.push(err.message);
    return [];
  }
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
