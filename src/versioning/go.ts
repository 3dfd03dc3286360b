import { stdlibVersion } from '../inventory/parsers/go/toolchain.js';
import { parseComparatorRanges, satisfiesComparatorRanges } from './comparator-ranges.js';
import { InvalidVersionError, comparer, type Ordering, type VersionScheme } from './scheme.js';
import { compareSemver, parsePreIds, toNum, validBuild, type SemVerParts } from './semver-core.js';

/**
 * Go modules: golang.org/x/mod/semver. `v1.2.3`, the shorthands `v1` = `v1.0.0` and `v1.2` = `v1.2.0`
 * (without pre-release or build), pre-releases per SemVer, build metadata ignored — so
 * `v2.0.0+incompatible` = `v2.0.0`, and pseudo-versions (`v0.0.0-20191109021931-daa7c04131f5`,
 * `v1.2.4-0.20191109021931-daa7c04131f5`) are pre-releases that sort below the release they precede.
 *
 * What drydock accepts beyond x/mod, and why:
 * - no `v`: Go vulndb's OSV `SEMVER` ranges write `1.21.0-0`, `1.21.3` (the `v` is implied; for
 *   modules and for `stdlib`/`toolchain` alike). `1.21.3` orders exactly as `v1.21.3`.
 * - Go toolchain names `go1.21.3`, `go1.21rc2`, `go1.20`: mapped the way the inventory reports the
 *   standard library (src/inventory/parsers/go/toolchain.ts: `go1.21.3` → `v1.21.3`, `go1.21rc2` →
 *   `v1.21.0-rc.2`, `go1.20` → `v1.20.0`), which is also how Go vulndb names stdlib versions. The
 *   inventory already emits `v1.21.3` for stdlib; the `go…` form is accepted so a toolchain string
 *   from anywhere else compares the same. (Go's own go/version orders the language version `go1.21`
 *   below `go1.21rc1`; no Go binary reports a bare `go1.21` from 1.21 on, so the release reading is
 *   used, as vulndb does for `go1.20` and earlier.)
 *
 * `satisfies` takes plain comparator ranges (see comparator-ranges.ts): `>=1.21.0-0 <1.21.3`.
 */
const GO_SEMVER = /^v?(0|[1-9]\d*)(?:\.(0|[1-9]\d*)(?:\.(0|[1-9]\d*)(?:-([^+]*))?(?:\+(.*))?)?)?$/s;

/** x/mod/semver parse of a `v`-less or `v` version; a reason string when invalid. */
function parseModule(text: string): SemVerParts | string {
  const m = GO_SEMVER.exec(text);
  if (!m) return 'not vMAJOR[.MINOR[.PATCH[-PRERELEASE][+BUILD]]] (numbers without leading zeros)';
  const [, major = '', minor, patch, preText, build] = m;
  const pre = preText === undefined ? [] : parsePreIds(preText);
  if (typeof pre === 'string') return pre;
  if (build !== undefined && !validBuild(build)) return `bad build metadata "${build}"`;
  return { major: toNum(major), minor: toNum(minor ?? '0'), patch: toNum(patch ?? '0'), pre, build: build ?? '' };
}

function parse(version: string): SemVerParts {
  let text = version;
  if (version.startsWith('go')) {
    const std = stdlibVersion(version);
    if (std === undefined) throw new InvalidVersionError('go', version, 'not a Go release toolchain version (go1.N[.P], go1.NrcN, go1.NbetaN)');
    text = std;
  }
  const parsed = parseModule(text);
  if (typeof parsed === 'string') throw new InvalidVersionError('go', version, parsed);
  return parsed;
}

/** x/mod/semver.Canonical: `v1.2` → `v1.2.0`, build metadata dropped; '' when invalid (`v` required). */
export function goCanonical(version: string): string {
  if (!version.startsWith('v')) return '';
  const p = parseModule(version);
  if (typeof p === 'string') return '';
  const core = `v${p.major}.${p.minor}.${p.patch}`;
  return p.pre.length === 0 ? core : `${core}-${p.pre.join('.')}`;
}

/**
 * x/mod/semver.Compare exactly, for conformance: `v` required; an invalid version compares equal to
 * every other invalid one and below every valid one. drydock's matcher never uses this (an invalid
 * version there is an unknown, not "lowest").
 */
export function goModCompare(a: string, b: string): Ordering {
  const pa = a.startsWith('v') ? parseModule(a) : '';
  const pb = b.startsWith('v') ? parseModule(b) : '';
  if (typeof pa === 'string' || typeof pb === 'string') {
    return typeof pa === typeof pb ? 0 : typeof pa === 'string' ? -1 : 1;
  }
  return compareSemver(pa, pb);
}

export const goScheme: VersionScheme<SemVerParts> = {
  id: 'go',
  aliases: ['golang', 'gomod'],
  parse,
  compareParsed: compareSemver,
  compare: comparer(parse, compareSemver),
  satisfies(version, range) {
    return satisfiesComparatorRanges(parse(version), parseComparatorRanges('go', range, parse), compareSemver);
  },
};
