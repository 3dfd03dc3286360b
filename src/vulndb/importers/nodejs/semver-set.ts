import semver from 'semver';
import type { RangeEvent, VersionRange } from '../../model.js';

/**
 * node-semver ranges as sets of versions, for the nodejs security-wg feed, whose advisories say
 * "vulnerable: R1, patched: R2" and mean R1 minus R2 (`8.x` vulnerable, `^8.1.4` patched). The set
 * arithmetic is over SemVer 2.0 precedence (prereleases included, build metadata ignored); the result
 * is written back both as a node-semver range and as OSV SEMVER ranges that denote the same set.
 */
interface Bound {
  v: semver.SemVer;
  inclusive: boolean;
}

/** A convex set of versions; an absent bound is unbounded. */
export interface Interval {
  lo?: Bound;
  hi?: Bound;
}

const cmp = (a: semver.SemVer, b: semver.SemVer): number => a.compare(b);

/** The larger of two lower bounds (undefined = −∞). */
function maxLo(a: Bound | undefined, b: Bound | undefined): Bound | undefined {
  if (!a) return b;
  if (!b) return a;
  const c = cmp(a.v, b.v);
  if (c !== 0) return c > 0 ? a : b;
  return a.inclusive ? b : a;
}

/** The smaller of two upper bounds (undefined = +∞). */
function minHi(a: Bound | undefined, b: Bound | undefined): Bound | undefined {
  if (!a) return b;
  if (!b) return a;
  const c = cmp(a.v, b.v);
  if (c !== 0) return c < 0 ? a : b;
  return a.inclusive ? b : a;
}

function isEmpty(i: Interval): boolean {
  if (!i.lo || !i.hi) return false;
  const c = cmp(i.lo.v, i.hi.v);
  return c > 0 || (c === 0 && !(i.lo.inclusive && i.hi.inclusive));
}

function comparatorInterval(c: semver.Comparator): Interval {
  if (c.value === '') return {}; // `*`: any version
  const v = c.semver;
  switch (c.operator) {
    case '>':
      return { lo: { v, inclusive: false } };
    case '>=':
      return { lo: { v, inclusive: true } };
    case '<':
      return { hi: { v, inclusive: false } };
    case '<=':
      return { hi: { v, inclusive: true } };
    default:
      return { lo: { v, inclusive: true }, hi: { v, inclusive: true } };
  }
}

/** The intervals a node-semver range denotes; throws TypeError on an invalid range. */
export function rangeIntervals(range: string): Interval[] {
  const r = new semver.Range(range);
  const out: Interval[] = [];
  for (const set of r.set) {
    let acc: Interval = {};
    for (const c of set) {
      const ci = comparatorInterval(c);
      acc = { ...optional('lo', maxLo(acc.lo, ci.lo)), ...optional('hi', minHi(acc.hi, ci.hi)) };
    }
    if (!isEmpty(acc)) out.push(acc);
  }
  return out;
}

function optional<K extends 'lo' | 'hi'>(key: K, b: Bound | undefined): Partial<Record<K, Bound>> {
  return b ? ({ [key]: b } as Partial<Record<K, Bound>>) : {};
}

/** `a` minus `b`: up to two intervals. */
function subtractOne(a: Interval, b: Interval): Interval[] {
  const out: Interval[] = [];
  if (b.lo) {
    const left: Interval = { ...optional('lo', a.lo), hi: minHi(a.hi, { v: b.lo.v, inclusive: !b.lo.inclusive }) ?? b.lo };
    if (!isEmpty(left)) out.push(left);
  }
  if (b.hi) {
    const right: Interval = { lo: maxLo(a.lo, { v: b.hi.v, inclusive: !b.hi.inclusive }) ?? b.hi, ...optional('hi', a.hi) };
    if (!isEmpty(right)) out.push(right);
  }
  return out;
}

/** Sorted, merged intervals of `a` minus every interval of `b`. */
export function subtract(a: readonly Interval[], b: readonly Interval[]): Interval[] {
  let acc = [...a];
  for (const cut of b) acc = acc.flatMap((i) => subtractOne(i, cut));
  return merge(acc);
}

function loBefore(x: Interval, y: Interval): number {
  if (!x.lo) return y.lo ? -1 : 0;
  if (!y.lo) return 1;
  return cmp(x.lo.v, y.lo.v) || (x.lo.inclusive === y.lo.inclusive ? 0 : x.lo.inclusive ? -1 : 1);
}

/** Do `x` (starting first) and `y` overlap or touch, so that their union is one interval? */
function joins(x: Interval, y: Interval): boolean {
  if (!x.hi || !y.lo) return true;
  const c = cmp(x.hi.v, y.lo.v);
  return c > 0 || (c === 0 && (x.hi.inclusive || y.lo.inclusive));
}

function merge(list: Interval[]): Interval[] {
  const sorted = [...list].sort(loBefore);
  const out: Interval[] = [];
  for (const i of sorted) {
    const last = out[out.length - 1];
    if (last && joins(last, i)) {
      const hi = !last.hi || !i.hi ? undefined : minHi(last.hi, i.hi) === last.hi ? i.hi : last.hi;
      out[out.length - 1] = { ...optional('lo', last.lo), ...optional('hi', hi) };
    } else out.push(i);
  }
  return out;
}

/** The set as a node-semver range (`>=7.0.0 <7.10.1 || >=8.0.0 <8.1.4`); `<0.0.0-0` when empty. */
export function formatRange(list: readonly Interval[]): string {
  if (list.length === 0) return '<0.0.0-0';
  return list
    .map((i) => {
      if (i.lo && i.hi && i.lo.inclusive && i.hi.inclusive && cmp(i.lo.v, i.hi.v) === 0) return `=${i.lo.v.version}`;
      const parts: string[] = [];
      if (i.lo) parts.push(`${i.lo.inclusive ? '>=' : '>'}${i.lo.v.version}`);
      if (i.hi) parts.push(`${i.hi.inclusive ? '<=' : '<'}${i.hi.v.version}`);
      return parts.length > 0 ? parts.join(' ') : '*';
    })
    .join(' || ');
}

/** Is `version` in the set? */
export function contains(list: readonly Interval[], version: string): boolean {
  const v = semver.parse(version);
  if (!v) return false;
  return list.some((i) => {
    if (i.lo && (i.lo.inclusive ? cmp(v, i.lo.v) < 0 : cmp(v, i.lo.v) <= 0)) return false;
    if (i.hi && (i.hi.inclusive ? cmp(v, i.hi.v) > 0 : cmp(v, i.hi.v) >= 0)) return false;
    return true;
  });
}

/** Does the set hold any release at or above 0.0.0 (`<0.0.0`, the feed's "no patch", holds none)? */
export function holdsRelease(list: readonly Interval[]): boolean {
  const zero = new semver.SemVer('0.0.0');
  return list.some((i) => !i.hi || cmp(i.hi.v, zero) > 0 || (i.hi.inclusive && cmp(i.hi.v, zero) === 0));
}

/** The least version greater than `v` in SemVer 2.0 precedence: `1.2.4-0` after `1.2.3`, `1.0.0-rc.1.0` after `1.0.0-rc.1`. */
function successor(v: semver.SemVer): string {
  return v.prerelease.length > 0 ? `${v.version}.0` : `${v.major}.${v.minor}.${v.patch + 1}-0`;
}

/**
 * The same set as OSV SEMVER ranges, one per interval. An upper bound becomes `fixed` when the version
 * just past the interval is a patched one (`isPatched`); for an inclusive bound `<=1.5.1` that is the next
 * patch release `1.5.2`, which also moves `1.5.2-*` prereleases into the range. Otherwise it is
 * `last_affected` (inclusive) or `limit` (exclusive: the end of a vulnerable branch that has no fix).
 */
export function toOsvRanges(list: readonly Interval[], isPatched: (version: string) => boolean): VersionRange[] {
  return list.map((i) => {
    const events: RangeEvent[] = [{ introduced: !i.lo ? '0' : i.lo.inclusive ? i.lo.v.version : successor(i.lo.v) }];
    if (i.hi) {
      const u = i.hi.v;
      const next = `${u.major}.${u.minor}.${u.patch + 1}`;
      if (!i.hi.inclusive) events.push(isPatched(u.version) ? { fixed: u.version } : { limit: u.version });
      else if (u.prerelease.length === 0 && isPatched(next)) events.push({ fixed: next });
      else events.push({ last_affected: u.version });
    }
    return { type: 'SEMVER', events };
  });
}
