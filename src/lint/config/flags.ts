/**
 * `drydock lint` command-line options (Hadolint's flags) → the settings they give. Pure: the CLI
 * parses argv with commander and hands the values over. A bad value is a USAGE error naming the flag.
 *
 *   --error/--warning/--info/--style RULE (repeatable)   --ignore RULE   --trusted-registry R
 *   --require-label label:format   --strict-labels   --disable-ignore-pragma
 *   -t/--failure-threshold LEVEL   --no-fail   --no-color   -f/--format NAME   -V/--verbose
 */
import { AppError } from '../../core/errors.js';
import { LINT_FORMAT_NAMES, resolveLintFormatName } from '../format/names.js';
import type { LintLevel } from '../rule.js';
import { OVERRIDE_LEVELS, parseFailureThreshold, parseLabelRequirement, type LabelType, type OverrideLevel, type PartialLintSettings } from './settings.js';

export interface LintFlags {
  readonly error?: readonly string[];
  readonly warning?: readonly string[];
  readonly info?: readonly string[];
  readonly style?: readonly string[];
  readonly ignore?: readonly string[];
  readonly trustedRegistry?: readonly string[];
  readonly requireLabel?: readonly string[];
  readonly strictLabels?: boolean;
  readonly disableIgnorePragma?: boolean;
  readonly failureThreshold?: string;
  readonly noFail?: boolean;
  readonly noColor?: boolean;
  readonly format?: string;
  readonly verbose?: boolean;
}

type Mutable = { -readonly [K in keyof PartialLintSettings]: PartialLintSettings[K] };

function overrides(flags: LintFlags): Map<string, LintLevel> | undefined {
  const out = new Map<string, LintLevel>();
  // most severe last: it wins for a code given to several flags (Hadolint applies --error last)
  for (const level of [...OVERRIDE_LEVELS].reverse() as OverrideLevel[]) for (const c of flags[level] ?? []) out.set(c.trim(), level);
  return out.size > 0 ? out : undefined;
}

function labels(items: readonly string[]): Map<string, LabelType> | undefined {
  const out = new Map<string, LabelType>();
  for (const item of items) {
    const req = parseLabelRequirement(item);
    if (!req) throw new AppError('USAGE', `--require-label: "${item}" is not label:format (format one of text, url, semver, hash, rfc3339, spdx, email)`);
    out.set(req[0], req[1]);
  }
  return out.size > 0 ? out : undefined;
}

/** Only what was given on the command line: absent flags leave lower sources in charge. */
export function lintSettingsFromFlags(flags: LintFlags): PartialLintSettings {
  const out: Mutable = {};
  const o = overrides(flags);
  if (o) out.overrides = o;
  const l = labels(flags.requireLabel ?? []);
  if (l) out.labelSchema = l;
  if (flags.ignore && flags.ignore.length > 0) out.ignored = flags.ignore.map((c) => c.trim());
  if (flags.trustedRegistry && flags.trustedRegistry.length > 0) out.trustedRegistries = [...flags.trustedRegistry];
  if (flags.failureThreshold !== undefined) {
    const t = parseFailureThreshold(flags.failureThreshold);
    if (t === undefined) throw new AppError('USAGE', `--failure-threshold: "${flags.failureThreshold}" is not one of error, warning, info, style, ignore, none`);
    out.failureThreshold = t;
  }
  if (flags.format !== undefined) {
    const id = resolveLintFormatName(flags.format);
    if (id === undefined) throw new AppError('USAGE', `--format: unknown lint format "${flags.format}" (one of: ${LINT_FORMAT_NAMES.join(', ')})`);
    out.formats = [id];
  }
  if (flags.strictLabels === true) out.strictLabels = true;
  if (flags.disableIgnorePragma === true) out.disableIgnorePragma = true;
  if (flags.noFail === true) out.noFail = true;
  if (flags.noColor === true) out.noColor = true;
  if (flags.verbose === true) out.verbose = true;
  return out;
}
