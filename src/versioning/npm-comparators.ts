import { SemVer } from 'semver';
import { opHolds, type Op } from './comparator-ranges.js';

/** What the npm scheme tests a version against: a node-semver `Range`, or the plain form below. */
export interface RangeTest {
  test(version: SemVer): boolean;
}

const CORE = '(?:0|[1-9][0-9]*)\\.(?:0|[1-9][0-9]*)\\.(?:0|[1-9][0-9]*)';
const COMPARATOR = `(?:[<>]=?|=)${CORE}(?:-[0-9A-Za-z-]+(?:\\.[0-9A-Za-z-]+)*)?`;
const SET = `(?:\\*|${COMPARATOR}(?: ${COMPARATOR})*)`;
const PLAIN = new RegExp(`^${SET}(?: \\|\\| ${SET})*$`);

/**
 * A range written only as comparators on full versions (`>=1.2.3 <2.0.0 || =3.0.0-rc.1 || *`, the
 * canonical form the security-wg importer stores), compiled without node-semver's desugaring passes
 * (carets, tildes, x-ranges, hyphens: a dozen regular expressions per comparator), which dominate
 * matching time in a fresh process. Only with `includePrerelease`, where node-semver's test of a
 * comparator set is exactly "every comparator holds" (its pre-release rule is off); the versions are
 * parsed by node-semver and compared with its `compare`, so the result is node-semver's. Undefined
 * for anything else (the caller uses node-semver's `Range`).
 */
export function plainComparatorRange(range: string, options: { loose: boolean; includePrerelease: boolean }): RangeTest | undefined {
  if (!options.includePrerelease || !PLAIN.test(range)) return undefined;
  const sets: Array<Array<{ op: Op; v: SemVer }>> = [];
  for (const text of range.split(' || ')) {
    const set: Array<{ op: Op; v: SemVer }> = [];
    if (text !== '*') {
      for (const c of text.split(' ')) {
        const opLength = c.charAt(1) === '=' ? 2 : 1;
        let v: SemVer;
        try {
          v = new SemVer(c.slice(opLength), options);
        } catch {
          return undefined; // e.g. a numeric pre-release identifier with a leading zero: node-semver decides
        }
        set.push({ op: c.slice(0, opLength) as Op, v });
      }
    }
    sets.push(set);
  }
  return {
    test(version: SemVer): boolean {
      for (const set of sets) {
        let all = true;
        for (const c of set) {
          if (!opHolds(c.op, version.compare(c.v))) {
            all = false;
            break;
          }
        }
        if (all) return true;
      }
      return false;
    },
  };
}
