/**
 * Lint settings: what one source (config file, environment, command line) says — a
 * `PartialLintSettings` — and what the run uses after merging them — a `LintSettings`.
 * The vocabulary is Hadolint's, so `.hadolint.yaml` files and `HADOLINT_*` variables keep working.
 */
import { LINT_LEVELS, type LintLevel } from '../rule.js';
import type { LintFormatId } from '../format/names.js';

/** Label value formats of `label-schema` (Hadolint's names; `text` accepts anything). */
export const LABEL_TYPES = ['text', 'url', 'semver', 'hash', 'rfc3339', 'spdx', 'email'] as const;
export type LabelType = (typeof LABEL_TYPES)[number];

/** The levels a rule's severity can be overridden to (`override:` lists, `--error` ...). */
export const OVERRIDE_LEVELS = ['error', 'warning', 'info', 'style'] as const;
export type OverrideLevel = (typeof OVERRIDE_LEVELS)[number];

/**
 * Values of `failure-threshold`. Hadolint reads `none` as `ignore`; both make every finding fail the
 * run (a finding fails when its level is at or above the threshold, `ignore` being the lowest).
 */
export const FAILURE_THRESHOLD_NAMES = ['error', 'warning', 'info', 'style', 'ignore', 'none'] as const;

/** One source's settings; absent = this source does not say. */
export interface PartialLintSettings {
  readonly failureThreshold?: LintLevel;
  /** Output formats, in order (Hadolint's `formats:` may name several). */
  readonly formats?: readonly LintFormatId[];
  readonly ignored?: readonly string[];
  /** Rule code → level; `ignore` switches a rule off (drydock's `rules:` spelling allows it). */
  readonly overrides?: ReadonlyMap<string, LintLevel>;
  readonly labelSchema?: ReadonlyMap<string, LabelType>;
  readonly strictLabels?: boolean;
  readonly disableIgnorePragma?: boolean;
  readonly trustedRegistries?: readonly string[];
  readonly noColor?: boolean;
  readonly noFail?: boolean;
  readonly verbose?: boolean;
}

/** The settings a lint run uses. */
export interface LintSettings {
  readonly failureThreshold: LintLevel;
  /** The first of `formats`. */
  readonly format: LintFormatId;
  readonly formats: readonly LintFormatId[];
  readonly ignored: ReadonlySet<string>;
  readonly overrides: ReadonlyMap<string, LintLevel>;
  readonly labelSchema: ReadonlyMap<string, LabelType>;
  readonly strictLabels: boolean;
  readonly disableIgnorePragma: boolean;
  readonly trustedRegistries: readonly string[];
  readonly noColor: boolean;
  readonly noFail: boolean;
  readonly verbose: boolean;
}

/** Hadolint's defaults: tty output, fail on `info` and above. */
export const DEFAULT_LINT_SETTINGS: LintSettings = {
  failureThreshold: 'info',
  format: 'tty',
  formats: ['tty'],
  ignored: new Set(),
  overrides: new Map(),
  labelSchema: new Map(),
  strictLabels: false,
  disableIgnorePragma: false,
  trustedRegistries: [],
  noColor: false,
  noFail: false,
  verbose: false,
};

/** `none` → `ignore`; any other threshold name as is (case-insensitive); undefined when not a threshold. */
export function parseFailureThreshold(text: string): LintLevel | undefined {
  const t = text.trim().toLowerCase();
  if (t === 'none') return 'ignore';
  return (LINT_LEVELS as readonly string[]).includes(t) ? (t as LintLevel) : undefined;
}

export function isLabelType(text: string): text is LabelType {
  return (LABEL_TYPES as readonly string[]).includes(text);
}

/** `maintainer:text` (`--require-label`, `HADOLINT_REQUIRE_LABELS`) → [name, type], or undefined if malformed. */
export function parseLabelRequirement(text: string): [string, LabelType] | undefined {
  const i = text.indexOf(':');
  if (i <= 0) return undefined;
  const name = text.slice(0, i).trim();
  const type = text.slice(i + 1).trim();
  return name !== '' && isLabelType(type) ? [name, type] : undefined;
}

/** The level a finding of `code` is reported at: ignored → `ignore`, else the override, else the rule's default. */
export function effectiveLevel(code: string, defaultLevel: LintLevel, settings: Pick<LintSettings, 'ignored' | 'overrides'>): LintLevel {
  if (settings.ignored.has(code)) return 'ignore';
  return settings.overrides.get(code) ?? defaultLevel;
}

const RANK: Readonly<Record<LintLevel, number>> = { error: 0, warning: 1, info: 2, style: 3, ignore: 4 };

/** Whether a finding at `level` fails the run under `threshold` (Hadolint: level at or above the threshold). */
export function failsThreshold(level: LintLevel, threshold: LintLevel): boolean {
  return level !== 'ignore' && RANK[level] <= RANK[threshold];
}
