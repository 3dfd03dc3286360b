import { AppError } from '../core/errors.js';

/**
 * Version ordering schemes. Each ecosystem's rules live in one file (deb.ts, rpm.ts, ...) exporting one
 * `VersionScheme`; `index.ts` lists them. Ordering is exact: a version a scheme cannot parse is an
 * `InvalidVersionError`, which matchers record as an unknown — never silently "not vulnerable".
 */
export type SchemeId =
  | 'deb'
  | 'apk'
  | 'rpm'
  | 'semver' // strict SemVer 2.0.0 (OSV "SEMVER" ranges)
  | 'npm' // node-semver (ranges: `>=1.2.3 <2 || 3.x`)
  | 'pep440' // PyPI (specifiers: `>=1.0,!=1.3.*`)
  | 'maven' // Maven ComparableVersion (ranges: `[1.0,2.0)`)
  | 'go' // Go modules: semver with `v`, +incompatible, pseudo-versions; Go toolchain `go1.21.3`
  | 'gem' // RubyGems Gem::Version (requirements: `~> 1.2, >= 1.2.3`)
  | 'cargo' // Cargo semver (requirements: `^1.2`, `>=1, <2`)
  | 'composer' // Composer (constraints: `^1.2 || ~2.0`)
  | 'nuget'; // NuGet (ranges: `[1.0,2.0)`)

export type Ordering = -1 | 0 | 1;

export class InvalidVersionError extends AppError {
  readonly scheme: SchemeId;
  readonly version: string;

  constructor(scheme: SchemeId, version: string, reason: string) {
    super('INPUT', `invalid ${scheme} version "${version}": ${reason}`);
    this.name = 'InvalidVersionError';
    this.scheme = scheme;
    this.version = version;
  }
}

export class InvalidRangeError extends AppError {
  readonly scheme: SchemeId;
  readonly range: string;

  constructor(scheme: SchemeId, range: string, reason: string) {
    super('INPUT', `invalid ${scheme} range "${range}": ${reason}`);
    this.name = 'InvalidRangeError';
    this.scheme = scheme;
    this.range = range;
  }
}

export interface VersionScheme<P = unknown> {
  readonly id: SchemeId;
  /** Other names accepted on the command line and in feeds (`pypi`, `golang`, `debian`, `crates.io`, ...). */
  readonly aliases: readonly string[];
  /** Parse a version; throws `InvalidVersionError` with the reason. Pure; may be memoised by callers. */
  parse(version: string): P;
  /** Order two parsed versions. */
  compareParsed(a: P, b: P): Ordering;
  /** Order two version strings (parse both, then compare); throws `InvalidVersionError`. */
  compare(a: string, b: string): Ordering;
  /**
   * Does `version` satisfy the ecosystem's own range/requirement syntax (npm ranges, PEP 440 specifier
   * sets, Maven/NuGet interval ranges, gem requirements, Composer constraints...)? Throws
   * `InvalidVersionError` / `InvalidRangeError`. Absent for schemes whose ecosystems have no range syntax
   * (deb, apk, rpm): their advisories give fixed versions.
   */
  satisfies?(version: string, range: string): boolean;
  /**
   * One key per version such that versions comparing equal have equal keys (a necessary condition of
   * equality, not a sufficient one). Lets a long list be searched for a version equal to X by parsing
   * only the entries with X's key. Takes a whole list so a scheme can compute the keys with a few
   * native string operations instead of a call per entry. Absent: every entry must be parsed.
   */
  equalityKeys?(versions: readonly string[]): string[];
}

/** Build `compare` from `parse` + `compareParsed` (every scheme file can use it). */
export function comparer<P>(parse: (v: string) => P, compareParsed: (a: P, b: P) => Ordering): (a: string, b: string) => Ordering {
  return (a, b) => compareParsed(parse(a), parse(b));
}
