import { parseBound } from './comparator-ranges.js';
import { canonicalOf, cmpItem, parseMavenItems, type ListItem } from './maven-items.js';
import { InvalidRangeError, InvalidVersionError, comparer, type Ordering, type VersionScheme } from './scheme.js';

/**
 * Maven: ComparableVersion of the Maven 4 line (maven-items.ts). Every string is a Maven version
 * except the empty one and, as in Maven 4, one longer than 256 characters.
 *
 * Maven 3.8/3.9 order some versions differently (e.g. MNG-7644 `1.0.RC1` vs `1.0-RC1`, MNG-6964
 * `1-0.alpha` vs `1`): the ecosystem follows Maven 4's, which is what current tooling (and the
 * conformance suite) uses; test/versioning/differential-lang.test.ts compares with Maven 3.8.7 on the
 * versions where the two lines agree.
 *
 * `satisfies` takes Maven version ranges: `[1.0,2.0)`, `(,1.0]`, `[1.2,)`, `[1.5]`, and unions
 * `(,1.0],[1.2,)`. A bare version (`1.0`) is a "soft requirement" to Maven — it admits every version
 * and only recommends 1.0; in an advisory it can only mean "this version", so drydock reads it as
 * `[1.0]`. Matching a soft requirement as "everything" would flag every version ever released.
 */
export interface MavenVersion {
  readonly text: string;
  readonly items: ListItem;
}

const MAX_LENGTH = 256;

function parse(version: string): MavenVersion {
  if (version.trim() === '') throw new InvalidVersionError('maven', version, 'empty version');
  if (version.length > MAX_LENGTH) throw new InvalidVersionError('maven', version, `longer than ${MAX_LENGTH} characters`);
  return { text: version, items: parseMavenItems(version) };
}

function compareParsed(a: MavenVersion, b: MavenVersion): Ordering {
  const c = cmpItem(a.items, b.items);
  return c < 0 ? -1 : c > 0 ? 1 : 0;
}

/** ComparableVersion.getCanonical(). */
export function mavenCanonical(version: string): string {
  return canonicalOf(parse(version).items);
}

interface Restriction {
  readonly lower: MavenVersion | undefined;
  readonly lowerInclusive: boolean;
  readonly upper: MavenVersion | undefined;
  readonly upperInclusive: boolean;
}

function parseRestriction(range: string, spec: string): Restriction {
  const lowerInclusive = spec.startsWith('[');
  const upperInclusive = spec.endsWith(']');
  const body = spec.slice(1, -1).trim();
  const comma = body.indexOf(',');
  const bound = (t: string): MavenVersion | undefined => (t === '' ? undefined : parseBound('maven', range, t, parse));
  if (comma < 0) {
    if (!lowerInclusive || !upperInclusive) throw new InvalidRangeError('maven', range, `single version must be surrounded by []: ${spec}`);
    const v = bound(body);
    if (v === undefined) throw new InvalidRangeError('maven', range, `empty restriction ${spec}`);
    return { lower: v, lowerInclusive, upper: v, upperInclusive };
  }
  const upperText = body.slice(comma + 1).trim();
  if (upperText.includes(',')) throw new InvalidRangeError('maven', range, `more than two bounds in ${spec}`);
  const lower = bound(body.slice(0, comma).trim());
  const upper = bound(upperText);
  if (lower && upper && compareParsed(upper, lower) < 0) throw new InvalidRangeError('maven', range, `range defies version ordering: ${spec}`);
  return { lower, lowerInclusive, upper, upperInclusive };
}

/** Maven's VersionRange.createFromVersionSpec restrictions (a bare version → exact, see above). */
export function parseMavenRange(range: string): Restriction[] {
  const out: Restriction[] = [];
  let rest = range.trim();
  while (rest.startsWith('[') || rest.startsWith('(')) {
    const close1 = rest.indexOf(')');
    const close2 = rest.indexOf(']');
    const end = close2 < 0 || (close1 >= 0 && close1 < close2) ? close1 : close2;
    if (end < 0) throw new InvalidRangeError('maven', range, 'unbounded range');
    const r = parseRestriction(range, rest.slice(0, end + 1));
    const prev = out[out.length - 1];
    if (prev?.upper && r.lower && compareParsed(r.lower, prev.upper) < 0) throw new InvalidRangeError('maven', range, 'ranges overlap');
    out.push(r);
    rest = rest.slice(end + 1).trim();
    if (rest.startsWith(',')) rest = rest.slice(1).trim();
  }
  if (rest !== '') {
    if (out.length > 0) throw new InvalidRangeError('maven', range, 'only fully-qualified sets are allowed in a multiple-set range');
    const v = parseBound('maven', range, rest, parse);
    out.push({ lower: v, lowerInclusive: true, upper: v, upperInclusive: true });
  }
  if (out.length === 0) throw new InvalidRangeError('maven', range, 'empty range');
  return out;
}

function contains(r: Restriction, v: MavenVersion): boolean {
  if (r.lower) {
    const c = compareParsed(r.lower, v);
    if (c > 0 || (c === 0 && !r.lowerInclusive)) return false;
  }
  if (r.upper) {
    const c = compareParsed(r.upper, v);
    if (c < 0 || (c === 0 && !r.upperInclusive)) return false;
  }
  return true;
}

export const mavenScheme: VersionScheme<MavenVersion> = {
  id: 'maven',
  aliases: ['java'],
  parse,
  compareParsed,
  compare: comparer(parse, compareParsed),
  satisfies(version, range) {
    const v = parse(version);
    return parseMavenRange(range).some((r) => contains(r, v));
  },
};
