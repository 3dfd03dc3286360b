/**
 * Merging settings sources into the `LintSettings` of a run.
 *
 * Precedence, lowest first — Hadolint's own order (app/Main.hs: `fromEnvironment <> fromConfigfile <>
 * fromCommandline`, applied over the defaults), so a file that works with Hadolint works the same here:
 *
 *   defaults < environment (HADOLINT_*, then DRYDOCK_LINT_*) < .hadolint.yaml < .drydock.yaml `lint:` < command line
 *
 * Single values (threshold, format, flags): the highest source that sets one wins. Lists (ignored,
 * trusted registries) are joined across sources, as in Hadolint. Maps (overrides, label schema) are
 * joined with the higher source winning per key — where Hadolint would keep every override and let
 * the most severe level win, drydock lets the command line lower a level the config file raised.
 * An ignored code stays ignored whatever overrides say.
 */
import { DEFAULT_LINT_SETTINGS, type LintSettings, type PartialLintSettings } from './settings.js';

function union<T>(a: readonly T[] | undefined, b: readonly T[] | undefined): readonly T[] | undefined {
  if (a === undefined) return b;
  if (b === undefined) return a;
  return [...new Set([...a, ...b])];
}

function mapUnion<K, V>(a: ReadonlyMap<K, V> | undefined, b: ReadonlyMap<K, V> | undefined): ReadonlyMap<K, V> | undefined {
  if (a === undefined) return b;
  if (b === undefined) return a;
  return new Map([...a, ...b]);
}

type Mutable = { -readonly [K in keyof PartialLintSettings]: PartialLintSettings[K] };

/** `higher` over `lower`. */
export function mergePartialSettings(lower: PartialLintSettings, higher: PartialLintSettings): PartialLintSettings {
  const out: Mutable = { ...lower };
  for (const [key, v] of Object.entries(higher) as Array<[keyof PartialLintSettings, unknown]>) {
    if (v !== undefined) (out as Record<string, unknown>)[key] = v;
  }
  const ignored = union(lower.ignored, higher.ignored);
  if (ignored) out.ignored = ignored;
  const registries = union(lower.trustedRegistries, higher.trustedRegistries);
  if (registries) out.trustedRegistries = registries;
  const overrides = mapUnion(lower.overrides, higher.overrides);
  if (overrides) out.overrides = overrides;
  const labels = mapUnion(lower.labelSchema, higher.labelSchema);
  if (labels) out.labelSchema = labels;
  return out;
}

/** Sources, lowest precedence first, over the defaults. */
export function resolveLintSettings(sources: readonly PartialLintSettings[]): LintSettings {
  const p = sources.reduce<PartialLintSettings>((acc, s) => mergePartialSettings(acc, s), {});
  const d = DEFAULT_LINT_SETTINGS;
  const formats = p.formats !== undefined && p.formats.length > 0 ? p.formats : d.formats;
  return {
    failureThreshold: p.failureThreshold ?? d.failureThreshold,
    format: formats[0] ?? d.format,
    formats,
    ignored: new Set(p.ignored ?? []),
    overrides: new Map(p.overrides ?? []),
    labelSchema: new Map(p.labelSchema ?? []),
    strictLabels: p.strictLabels ?? d.strictLabels,
    disableIgnorePragma: p.disableIgnorePragma ?? d.disableIgnorePragma,
    trustedRegistries: [...(p.trustedRegistries ?? [])],
    noColor: p.noColor ?? d.noColor,
    noFail: p.noFail ?? d.noFail,
    verbose: p.verbose ?? d.verbose,
  };
}

/** The named sources of a `drydock lint` run, merged in the documented order. */
export interface LintSettingSources {
  readonly env?: PartialLintSettings;
  readonly hadolintFile?: PartialLintSettings;
  readonly drydockFile?: PartialLintSettings;
  readonly cli?: PartialLintSettings;
}

export function mergeLintSettings(s: LintSettingSources): LintSettings {
  return resolveLintSettings([s.env ?? {}, s.hadolintFile ?? {}, s.drydockFile ?? {}, s.cli ?? {}]);
}
