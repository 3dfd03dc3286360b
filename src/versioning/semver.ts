import { parseComparatorRanges, satisfiesComparatorRanges } from './comparator-ranges.js';
import { InvalidVersionError, comparer, type VersionScheme } from './scheme.js';
import { compareSemver, parseStrictSemver, type SemVerParts } from './semver-core.js';

/**
 * Strict SemVer 2.0.0 — the scheme of OSV `SEMVER` ranges. Pre-releases order per §11, build metadata
 * is ignored (`1.0.0+a` = `1.0.0+b`).
 *
 * Leniency, on purpose: a leading `v` (or `V`) is accepted and ignored. The OSV schema says SEMVER
 * versions carry no `v`, and Go vulndb writes them without it, but some feeds and SBOMs do carry one
 * (`v1.2.3`); rejecting those would turn a real match into an unknown. Nothing else is relaxed: no
 * leading zeros, no `1.2` shorthand, no whitespace.
 *
 * `satisfies` takes plain comparator ranges (see comparator-ranges.ts): `>=1.0.0 <1.4.2 || =2.0.0`.
 */
function parse(version: string): SemVerParts {
  const text = version.startsWith('v') || version.startsWith('V') ? version.slice(1) : version;
  const parsed = parseStrictSemver(text);
  if (typeof parsed === 'string') throw new InvalidVersionError('semver', version, parsed);
  return parsed;
}

export const semverScheme: VersionScheme<SemVerParts> = {
  id: 'semver',
  aliases: [],
  parse,
  compareParsed: compareSemver,
  compare: comparer(parse, compareSemver),
  satisfies(version, range) {
    return satisfiesComparatorRanges(parse(version), parseComparatorRanges('semver', range, parse), compareSemver);
  },
};
