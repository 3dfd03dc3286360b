/**
 * `.hadolint.yaml`: Hadolint's configuration file, read into drydock's `PartialLintSettings`.
 *
 * Keys (Hadolint's README "Configure"): failure-threshold, format / formats, ignored, label-schema,
 * no-color, no-fail, verbose, override {error, warning, info, style}, strict-labels,
 * disable-ignore-pragma, trustedRegistries (a string or a list). Every bad field is reported at once
 * in one AppError('INPUT') naming the file; unknown keys are not an error (a newer Hadolint may know
 * them) but come back as warnings. An empty file is an error, as in Hadolint ("empty YAML stream").
 */
import { parseDocument } from 'yaml';
import * as z from 'zod/mini';
import { AppError } from '../../core/errors.js';
import { HADOLINT_ONLY_FORMATS, resolveLintFormatName, type LintFormatId } from '../format/names.js';
import type { LintLevel } from '../rule.js';
import { LABEL_TYPES, OVERRIDE_LEVELS, parseFailureThreshold, type LabelType, type PartialLintSettings } from './settings.js';

export interface ParsedLintConfig {
  readonly settings: PartialLintSettings;
  /** Things ignored on purpose (unknown keys, Hadolint-only formats), for `--verbose` / stderr. */
  readonly warnings: readonly string[];
}

const code = z.string({ error: 'expected a rule code (a string)' }).check(z.minLength(1, { error: 'empty rule code' }));
const codes = z.nullish(z.array(code, { error: 'expected a list of rule codes' }));
const flag = z.nullish(z.boolean({ error: 'expected true or false' }));
const text = (what: string) => z.nullish(z.string({ error: `expected ${what}` }));

/** The keys Hadolint knows, by type (values checked further in `toSettings`). */
export const HADOLINT_KEYS = {
  'failure-threshold': text('one of error, warning, info, style, ignore, none'),
  format: text('a format name'),
  formats: z.nullish(z.array(z.string({ error: 'expected a format name' }), { error: 'expected a list of format names' })),
  ignored: codes,
  'label-schema': z.nullish(
    z.record(z.string(), z.enum(LABEL_TYPES, { error: `expected one of ${LABEL_TYPES.join(', ')}` }), { error: 'expected a mapping of label → format' }),
  ),
  'no-color': flag,
  'no-fail': flag,
  verbose: flag,
  override: z.nullish(
    z.looseObject({ error: codes, warning: codes, info: codes, style: codes }, { error: 'expected a mapping with error/warning/info/style lists' }),
  ),
  'strict-labels': flag,
  'disable-ignore-pragma': flag,
  trustedRegistries: z.nullish(
    z.union([z.string(), z.array(z.string({ error: 'expected a registry name' }))], { error: 'expected a registry or a list of registries' }),
  ),
} as const;

type HadolintConfig = z.infer<z.ZodMiniObject<typeof HADOLINT_KEYS>>;

/** Zod issues as `path: message` lines. */
export function issueLines(issues: ReadonlyArray<{ path: PropertyKey[]; message: string }>, prefix = ''): string[] {
  return issues.map((i) => `${[prefix, ...i.path.map(String)].filter((p) => p !== '').join('.') || '(top level)'}: ${i.message}`);
}

/**
 * Each known key checked on its own, so that every bad field is reported, not just the first kind;
 * returns the keys that passed and the problems (`prefix.key.path: message`).
 */
export function checkKeys<S extends Record<string, z.ZodMiniType>>(
  value: Record<string, unknown>,
  schemas: S,
  prefix = '',
): { data: Partial<{ [K in keyof S]: z.infer<S[K]> }>; problems: string[] } {
  const data: Record<string, unknown> = {};
  const problems: string[] = [];
  for (const [key, schema] of Object.entries(schemas)) {
    if (!(key in value)) continue;
    const r = schema.safeParse(value[key]);
    if (r.success) data[key] = r.data;
    else problems.push(...issueLines(r.error.issues, prefix === '' ? key : `${prefix}.${key}`));
  }
  return { data: data as Partial<{ [K in keyof S]: z.infer<S[K]> }>, problems };
}

/** The YAML text as a plain value; YAML syntax errors (and an empty stream unless allowed) throw AppError('INPUT'). */
export function loadYaml(yamlText: string, file: string, allowEmpty = false): unknown {
  const doc = parseDocument(yamlText, { prettyErrors: true, uniqueKeys: true });
  if (doc.errors.length > 0) {
    throw new AppError('INPUT', `${file}: not valid YAML: ${doc.errors.map((e) => (e.message.split('\n')[0] ?? '').replace(/:$/, '')).join('; ')}`);
  }
  if (doc.contents === null && allowEmpty) return undefined;
  if (doc.contents === null) throw new AppError('INPUT', `${file}: empty YAML stream (an empty config file is an error, as in Hadolint)`);
  return doc.toJS({ maxAliasCount: 100 }) as unknown;
}

function formatsOf(c: Partial<HadolintConfig>, problems: string[], warnings: string[]): LintFormatId[] | undefined {
  const names = [...(c.format != null ? [c.format] : []), ...(c.formats ?? [])];
  if (names.length === 0) return undefined;
  const out: LintFormatId[] = [];
  for (const name of names) {
    const id = resolveLintFormatName(name);
    if (id !== undefined) {
      if (!out.includes(id)) out.push(id);
    } else if (HADOLINT_ONLY_FORMATS.includes(name.toLowerCase())) warnings.push(`format "${name}" is a Hadolint format drydock does not write: ignored`);
    else problems.push(`format: unknown format "${name}"`);
  }
  return out.length > 0 ? out : undefined;
}

/** Override lists → code → level; a code in several lists gets the most severe (Hadolint applies error last). */
function overridesOf(o: Partial<HadolintConfig>['override']): Map<string, LintLevel> | undefined {
  if (o == null) return undefined;
  const out = new Map<string, LintLevel>();
  for (const level of [...OVERRIDE_LEVELS].reverse()) for (const c of o[level] ?? []) out.set(c.trim(), level);
  return out.size > 0 ? out : undefined;
}

function registriesOf(r: Partial<HadolintConfig>['trustedRegistries']): string[] | undefined {
  if (r == null) return undefined;
  const list = (typeof r === 'string' ? [r] : r).map((s) => s.trim()).filter((s) => s !== '');
  return list.length > 0 ? list : undefined;
}

/** A validated Hadolint mapping → settings; problems and warnings are appended to. */
export function toSettings(c: Partial<HadolintConfig>, problems: string[], warnings: string[]): PartialLintSettings {
  const out: { -readonly [K in keyof PartialLintSettings]: PartialLintSettings[K] } = {};
  if (c['failure-threshold'] != null) {
    const t = parseFailureThreshold(c['failure-threshold']);
    if (t === undefined) problems.push(`failure-threshold: "${c['failure-threshold']}" is not one of error, warning, info, style, ignore, none`);
    else out.failureThreshold = t;
  }
  const formats = formatsOf(c, problems, warnings);
  if (formats) out.formats = formats;
  if (c.ignored != null && c.ignored.length > 0) out.ignored = c.ignored.map((s) => s.trim());
  const overrides = overridesOf(c.override);
  if (overrides) out.overrides = overrides;
  const schema = c['label-schema'];
  if (schema != null && Object.keys(schema).length > 0) out.labelSchema = new Map(Object.entries(schema) as Array<[string, LabelType]>);
  const registries = registriesOf(c.trustedRegistries);
  if (registries) out.trustedRegistries = registries;
  if (c['no-color'] != null) out.noColor = c['no-color'];
  if (c['no-fail'] != null) out.noFail = c['no-fail'];
  if (c.verbose != null) out.verbose = c.verbose;
  if (c['strict-labels'] != null) out.strictLabels = c['strict-labels'];
  if (c['disable-ignore-pragma'] != null) out.disableIgnorePragma = c['disable-ignore-pragma'];
  return out;
}

/** Keys of `value` (and of its `override:` mapping) that `known` does not list, as warnings. */
export function unknownKeys(value: Record<string, unknown>, known: readonly string[], where: string): string[] {
  const out = Object.keys(value)
    .filter((k) => !known.includes(k))
    .map((k) => `${where}unknown key "${k}" ignored`);
  const o = value['override'];
  if (o !== null && typeof o === 'object' && !Array.isArray(o)) {
    for (const k of Object.keys(o)) if (!(OVERRIDE_LEVELS as readonly string[]).includes(k)) out.push(`${where}override: unknown level "${k}" ignored`);
  }
  return out;
}

export function isMapping(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/** Parse the text of a `.hadolint.yaml`; `file` names it in errors and warnings. */
export function parseHadolintYaml(yamlText: string, file: string): ParsedLintConfig {
  const value = loadYaml(yamlText, file);
  if (!isMapping(value)) throw new AppError('INPUT', `${file}: expected a mapping of settings at the top level`);
  const { data, problems } = checkKeys(value, HADOLINT_KEYS);
  const warnings = unknownKeys(value, Object.keys(HADOLINT_KEYS), '');
  const settings = toSettings(data, problems, warnings);
  if (problems.length > 0) throw new AppError('INPUT', `${file}: invalid lint configuration: ${problems.join('; ')}`);
  return { settings, warnings: warnings.map((w) => `${file}: ${w}`) };
}
