import { parseBound } from './comparator-ranges.js';
import { InvalidRangeError, InvalidVersionError, comparer, type Ordering, type VersionScheme } from './scheme.js';

/**
 * NuGet: NuGetVersion and VersionComparer.Default (NuGet.Versioning), written from their documented
 * behaviour and test suite. `MAJOR[.MINOR[.PATCH[.REVISION]]][-LABELS][+METADATA]`: one to four
 * numbers (leading zeros allowed, `1.0` = `1.0.0.0`), release labels compared one by one — numeric
 * labels (what .NET's Int32.TryParse accepts) numerically and below alphanumeric ones, alphanumeric
 * labels case-insensitively — a version without labels above any with; metadata ignored.
 *
 * Ranges are NuGet's interval notation: `1.0` (= `[1.0, )`: a bare version is a minimum), `[1.0]`,
 * `(1.0,)`, `(,1.0]`, `[1.0,2.0)`, empty bounds allowed on one side. Floating ranges (`1.*`,
 * `1.0.0-beta*`) choose a package to install and never appear in advisories: `InvalidRangeError`.
 * Satisfies is pure ordering (NuGet's VersionRange.Satisfies does not exclude pre-releases either).
 */
export interface NuGetVersion {
  /** major, minor, patch, revision. */
  readonly parts: readonly [number, number, number, number];
  readonly labels: readonly Label[];
}

interface Label {
  /** Int32 value of a numeric label, else undefined. */
  readonly num: number | undefined;
  /** Upper-cased text, for OrdinalIgnoreCase comparison. */
  readonly upper: string;
}

const VERSION = /^(\d+)(?:\.(\d+))?(?:\.(\d+))?(?:\.(\d+))?(?:-([0-9A-Za-z.-]+))?(?:\+([0-9A-Za-z.-]+))?$/;
const PART = /^[0-9A-Za-z-]+$/;
const INT32_MAX = 2147483647;

function label(text: string): Label {
  const numeric = /^-?\d+$/.test(text) ? Number(text) : NaN;
  const num = Number.isInteger(numeric) && numeric >= -INT32_MAX - 1 && numeric <= INT32_MAX ? numeric : undefined;
  return { num, upper: text.toUpperCase() };
}

function parse(version: string): NuGetVersion {
  const m = VERSION.exec(version.trim());
  const fail = (why: string): never => {
    throw new InvalidVersionError('nuget', version, why);
  };
  if (!m) return fail('not MAJOR[.MINOR[.PATCH[.REVISION]]][-LABELS][+METADATA]');
  const nums = [m[1], m[2], m[3], m[4]].map((p) => (p === undefined ? 0 : Number(p)));
  if (nums.some((n) => n > INT32_MAX)) fail('a version number is larger than 2147483647');
  const labels = m[5] === undefined ? [] : m[5].split('.');
  if (!labels.every((l) => PART.test(l))) fail('empty release label');
  if (m[6] !== undefined && !m[6].split('.').every((l) => PART.test(l))) fail('empty metadata part');
  return { parts: nums as unknown as [number, number, number, number], labels: labels.map(label) };
}

function compareLabel(a: Label, b: Label): number {
  if (a.num !== undefined && b.num !== undefined) return a.num - b.num;
  if (a.num !== undefined || b.num !== undefined) return a.num !== undefined ? -1 : 1;
  return a.upper < b.upper ? -1 : a.upper > b.upper ? 1 : 0;
}

function compareParsed(a: NuGetVersion, b: NuGetVersion): Ordering {
  for (let i = 0; i < 4; i++) {
    const d = (a.parts[i] as number) - (b.parts[i] as number);
    if (d !== 0) return d < 0 ? -1 : 1;
  }
  const la = a.labels;
  const lb = b.labels;
  if (la.length === 0 || lb.length === 0) return la.length === lb.length ? 0 : la.length === 0 ? 1 : -1;
  const n = Math.max(la.length, lb.length);
  for (let i = 0; i < n; i++) {
    const x = la[i];
    const y = lb[i];
    if (x === undefined || y === undefined) return x === undefined ? -1 : 1;
    const c = compareLabel(x, y);
    if (c !== 0) return c < 0 ? -1 : 1;
  }
  return 0;
}

interface Interval {
  readonly min: NuGetVersion | undefined;
  readonly minInclusive: boolean;
  readonly max: NuGetVersion | undefined;
  readonly maxInclusive: boolean;
}

/** A NuGet version range; throws `InvalidRangeError`. */
export function parseNuGetRange(range: string): Interval {
  const text = range.trim();
  const bound = (t: string): NuGetVersion | undefined => {
    if (t.includes('*')) throw new InvalidRangeError('nuget', range, 'floating ranges are not supported');
    return t === '' ? undefined : parseBound('nuget', range, t, parse);
  };
  if (text === '') throw new InvalidRangeError('nuget', range, 'empty range');
  if (!text.startsWith('[') && !text.startsWith('(')) return { min: bound(text), minInclusive: true, max: undefined, maxInclusive: false };
  const last = text[text.length - 1];
  if (text.length < 3 || (last !== ']' && last !== ')')) throw new InvalidRangeError('nuget', range, 'unclosed interval');
  const minInclusive = text.startsWith('[');
  const maxInclusive = last === ']';
  const bounds = text.slice(1, -1).split(',').map((s) => s.trim());
  if (bounds.length > 2) throw new InvalidRangeError('nuget', range, 'more than two bounds');
  if (bounds.length === 1) {
    if (!minInclusive || !maxInclusive) throw new InvalidRangeError('nuget', range, 'a single version must be written [x]');
    const v = bound(bounds[0] ?? '');
    if (v === undefined) throw new InvalidRangeError('nuget', range, 'empty interval');
    return { min: v, minInclusive, max: v, maxInclusive };
  }
  const [min, max] = [bound(bounds[0] ?? ''), bound(bounds[1] ?? '')];
  if (min === undefined && max === undefined) throw new InvalidRangeError('nuget', range, 'an interval needs a bound');
  if (min && max && compareParsed(min, max) > 0) throw new InvalidRangeError('nuget', range, 'the lower bound is above the upper bound');
  return { min, minInclusive, max, maxInclusive };
}

function within(r: Interval, v: NuGetVersion): boolean {
  if (r.min) {
    const c = compareParsed(v, r.min);
    if (c < 0 || (c === 0 && !r.minInclusive)) return false;
  }
  if (r.max) {
    const c = compareParsed(v, r.max);
    if (c > 0 || (c === 0 && !r.maxInclusive)) return false;
  }
  return true;
}

export const nugetScheme: VersionScheme<NuGetVersion> = {
  id: 'nuget',
  aliases: ['dotnet'],
  parse,
  compareParsed,
  compare: comparer(parse, compareParsed),
  satisfies: (version, range) => within(parseNuGetRange(range), parse(version)),
};
