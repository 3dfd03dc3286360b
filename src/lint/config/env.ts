/**
 * Lint settings from environment variables — a pure function of an env object (only src/cli reads
 * process.env). Hadolint's variables, and the same names with drydock's prefix:
 *
 *   HADOLINT_NOFAIL, HADOLINT_VERBOSE, HADOLINT_STRICT_LABELS, HADOLINT_DISABLE_IGNORE_PRAGMA
 *       truthy = 1, y, yes, on, true (any case); any other non-empty value = false
 *   HADOLINT_FORMAT=json   HADOLINT_FAILURE_THRESHOLD=warning
 *   HADOLINT_OVERRIDE_{ERROR,WARNING,INFO,STYLE}=DL3010,DL3020   HADOLINT_IGNORE=DL3010,DL3020
 *   HADOLINT_TRUSTED_REGISTRIES=docker.io,my.registry:5000   HADOLINT_REQUIRE_LABELS=maintainer:text,version:semver
 *   DRYDOCK_LINT_<same suffix>   (wins over HADOLINT_<suffix>; lists are joined)
 *   NO_COLOR                     any non-empty value turns colour off (https://no-color.org)
 *
 * Empty variables count as unset. Values Hadolint would silently drop (an unknown format or threshold,
 * a malformed label requirement) are dropped too, with a warning.
 */
import { HADOLINT_ONLY_FORMATS, resolveLintFormatName } from '../format/names.js';
import type { LintLevel } from '../rule.js';
import { mergePartialSettings } from './merge.js';
import { OVERRIDE_LEVELS, parseFailureThreshold, parseLabelRequirement, type LabelType, type PartialLintSettings } from './settings.js';

export type Env = Readonly<Record<string, string | undefined>>;

export interface EnvLintSettings {
  readonly settings: PartialLintSettings;
  readonly warnings: readonly string[];
}

const TRUTHY = new Set(['1', 'y', 'yes', 'on', 'true']);

function value(env: Env, name: string): string | undefined {
  const v = env[name];
  return v === undefined || v.trim() === '' ? undefined : v.trim();
}

function list(text: string | undefined): string[] {
  return (text ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

type Mutable = { -readonly [K in keyof PartialLintSettings]: PartialLintSettings[K] };

function readFlags(env: Env, prefix: string, out: Mutable): void {
  const flag = (suffix: string): boolean | undefined => {
    const v = value(env, prefix + suffix);
    return v === undefined ? undefined : TRUTHY.has(v.toLowerCase());
  };
  const noFail = flag('NOFAIL');
  if (noFail !== undefined) out.noFail = noFail;
  const verbose = flag('VERBOSE');
  if (verbose !== undefined) out.verbose = verbose;
  const strict = flag('STRICT_LABELS');
  if (strict !== undefined) out.strictLabels = strict;
  const disable = flag('DISABLE_IGNORE_PRAGMA');
  if (disable !== undefined) out.disableIgnorePragma = disable;
}

function readLists(env: Env, prefix: string, out: Mutable, warnings: string[]): void {
  const overrides = new Map<string, LintLevel>();
  // Most severe last, so it wins for a code in several lists (as in config files).
  for (const level of [...OVERRIDE_LEVELS].reverse()) for (const c of list(value(env, `${prefix}OVERRIDE_${level.toUpperCase()}`))) overrides.set(c, level);
  if (overrides.size > 0) out.overrides = overrides;
  const ignored = list(value(env, `${prefix}IGNORE`));
  if (ignored.length > 0) out.ignored = ignored;
  const registries = list(value(env, `${prefix}TRUSTED_REGISTRIES`));
  if (registries.length > 0) out.trustedRegistries = registries;
  const labels = new Map<string, LabelType>();
  for (const item of list(value(env, `${prefix}REQUIRE_LABELS`))) {
    const req = parseLabelRequirement(item);
    if (req) labels.set(req[0], req[1]);
    else warnings.push(`${prefix}REQUIRE_LABELS: "${item}" is not label:format (format one of text, url, semver, hash, rfc3339, spdx, email): ignored`);
  }
  if (labels.size > 0) out.labelSchema = labels;
}

function readPrefix(env: Env, prefix: string, warnings: string[]): PartialLintSettings {
  const out: Mutable = {};
  readFlags(env, prefix, out);
  readLists(env, prefix, out, warnings);
  const format = value(env, `${prefix}FORMAT`);
  if (format !== undefined) {
    const id = resolveLintFormatName(format);
    if (id !== undefined) out.formats = [id];
    else if (HADOLINT_ONLY_FORMATS.includes(format.toLowerCase())) warnings.push(`${prefix}FORMAT: "${format}" is a Hadolint format drydock does not write: ignored`);
    else warnings.push(`${prefix}FORMAT: unknown format "${format}": ignored`);
  }
  const threshold = value(env, `${prefix}FAILURE_THRESHOLD`);
  if (threshold !== undefined) {
    const t = parseFailureThreshold(threshold);
    if (t !== undefined) out.failureThreshold = t;
    else warnings.push(`${prefix}FAILURE_THRESHOLD: "${threshold}" is not one of error, warning, info, style, ignore, none: ignored`);
  }
  return out;
}

/** The lint settings the environment gives. */
export function lintSettingsFromEnv(env: Env): EnvLintSettings {
  const warnings: string[] = [];
  const hadolint = readPrefix(env, 'HADOLINT_', warnings);
  const drydock = readPrefix(env, 'DRYDOCK_LINT_', warnings);
  const merged = mergePartialSettings(hadolint, drydock);
  const settings = value(env, 'NO_COLOR') !== undefined ? { ...merged, noColor: true } : merged;
  return { settings, warnings };
}
