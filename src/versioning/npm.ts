import { Range, SemVer } from 'semver';
import { plainComparatorRange, type RangeTest } from './npm-comparators.js';
import { InvalidRangeError, InvalidVersionError, comparer, type Ordering, type VersionScheme } from './scheme.js';

/**
 * npm: node-semver itself (the `semver` package npm uses), so versions and ranges mean exactly what
 * they mean to npm. Strict parsing (node-semver's default: `1.2.3`, `v1.2.3`, surrounding
 * whitespace) unless `loose`.
 *
 * `satisfies` uses `includePrerelease: true` by default, deliberately unlike node-semver's default.
 * node-semver excludes a pre-release from a range unless a comparator of the same `major.minor.patch`
 * names a pre-release — a rule for *choosing* what to install. An advisory range asks a different
 * question: does the installed version carry the bug? `1.2.4-beta.1` is below the fix `1.2.4`, so it
 * lies inside `<1.2.4`; node-semver's default would call it unaffected (a false negative). With
 * `includePrerelease` every comparator is a plain ordering test, and the upper bounds node-semver
 * derives (`^1.2.3` → `<2.0.0-0`) still keep the next line's pre-releases out.
 */
export interface NpmOptions {
  readonly loose: boolean;
  readonly includePrerelease: boolean;
}

export function createNpmScheme(options: NpmOptions): VersionScheme<SemVer> {
  const opts = { loose: options.loose, includePrerelease: options.includePrerelease };
  const parse = (version: string): SemVer => {
    try {
      return new SemVer(version, opts);
    } catch (err) {
      throw new InvalidVersionError('npm', version, err instanceof Error ? err.message : String(err));
    }
  };
  const compareParsed = (a: SemVer, b: SemVer): Ordering => a.compare(b);
  // Advisory ranges recur for every package of the same name, installed versions for every advisory
  // of it: compile and parse each once (bounded memos).
  const ranges = new Map<string, RangeTest>();
  const rangeOf = (range: string): RangeTest => {
    let r = ranges.get(range);
    if (r === undefined) {
      r = plainComparatorRange(range, opts) ?? parseNpmRange(range, options);
      if (ranges.size >= 10_000) ranges.clear();
      ranges.set(range, r);
    }
    return r;
  };
  const versions = new Map<string, SemVer>();
  const installed = (version: string): SemVer => {
    let v = versions.get(version);
    if (v === undefined) {
      v = parse(version);
      if (versions.size >= 10_000) versions.clear();
      versions.set(version, v);
    }
    return v;
  };
  return {
    id: 'npm',
    aliases: ['node'],
    parse,
    compareParsed,
    compare: comparer(parse, compareParsed),
    satisfies(version, range) {
      return rangeOf(range).test(installed(version));
    },
  };
}

/** A node-semver range; throws `InvalidRangeError`. `range.range` is node-semver's canonical form. */
export function parseNpmRange(range: string, options: NpmOptions): Range {
  try {
    return new Range(range, { loose: options.loose, includePrerelease: options.includePrerelease });
  } catch (err) {
    throw new InvalidRangeError('npm', range, err instanceof Error ? err.message : String(err));
  }
}

/** The scheme drydock matches with: strict versions, `includePrerelease` ranges (see above). */
export const npmScheme = createNpmScheme({ loose: false, includePrerelease: true });
/** node-semver with `loose: true` (ALL-version-compare.tsv `npm-loose` rows; lockfiles written by old npm). */
export const npmLooseScheme = createNpmScheme({ loose: true, includePrerelease: true });
