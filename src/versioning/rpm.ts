import { InvalidVersionError, comparer, type Ordering, type VersionScheme } from './scheme.js';

/**
 * RPM versions `[epoch:]version[-release]`, ordered like librpm (rpmio/rpmvercmp.c, lib/rpmver.c).
 *
 * Splitting follows librpm's EVR parser: the epoch is a run of digits before the first `:` (an
 * empty one, `:1.0`, is epoch 0; `a:1.0` has no epoch, so its version is `a:1.0`), the release is
 * the text after the last `-`. Comparison is python3-rpm's `labelCompare` (and `rpm.ver`'s ordering):
 * a missing epoch is 0; epoch, version and release compare with `rpmvercmp`; a missing release sorts
 * BEFORE any present release (`1.0` < `1.0-1`), and two missing releases are equal.
 *
 * Rejected (`InvalidVersionError`), where librpm would carry on: the empty string, an empty version
 * part (`1:`, `-1`), and whitespace or control characters anywhere (no real rpm version has them;
 * rpmvercmp would silently treat them as separators).
 */
export interface RpmVersion {
  /** The epoch digits; "0" when absent (librpm compares a missing epoch as "0"). */
  readonly epoch: string;
  readonly version: string;
  /** null when the string has no `-release`. */
  readonly release: string | null;
}

// Character classes for rpmvercmp (ASCII; everything else is a separator).
const SEP = 0;
const DIGIT = 1;
const ALPHA = 2;
const CLASS = new Uint8Array(128);
for (let c = 48; c <= 57; c++) CLASS[c] = DIGIT;
for (let c = 65; c <= 90; c++) CLASS[c] = ALPHA;
for (let c = 97; c <= 122; c++) CLASS[c] = ALPHA;
CLASS[126] = 3; // '~'
CLASS[94] = 4; // '^'

function classOf(c: number): number {
  return c < 128 ? (CLASS[c] as number) : SEP;
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

/**
 * librpm's `rpmvercmp` on one field (a version or a release): segments of digits compare
 * numerically (any length), segments of letters with strcmp, a digit segment beats a letter one,
 * `~` sorts before anything (even the end), `^` after the end but before anything else. Separator
 * characters only split segments. Walks the strings in place, without allocating.
 */
export function rpmvercmp(a: string, b: string): Ordering {
  if (a === b) return 0;
  const al = a.length;
  const bl = b.length;
  let i = 0;
  let j = 0;
  while (i < al || j < bl) {
    while (i < al && classOf(a.charCodeAt(i)) === SEP) i++;
    while (j < bl && classOf(b.charCodeAt(j)) === SEP) j++;
    const ac = i < al ? a.charCodeAt(i) : -1;
    const bc = j < bl ? b.charCodeAt(j) : -1;
    if (ac === 126 || bc === 126) {
      if (ac !== 126) return 1;
      if (bc !== 126) return -1;
      i++;
      j++;
      continue;
    }
    if (ac === 94 || bc === 94) {
      if (ac < 0) return -1;
      if (bc < 0) return 1;
      if (ac !== 94) return 1;
      if (bc !== 94) return -1;
      i++;
      j++;
      continue;
    }
    if (ac < 0 || bc < 0) break;
    const r = compareSegment(a, i, b, j);
    if (r.order !== 0) return r.order;
    i = r.aEnd;
    j = r.bEnd;
  }
  if (i >= al && j >= bl) return 0;
  return i >= al ? -1 : 1;
}

// Reused result holder: segment comparison reports where both segments end without allocating.
const seg = { order: 0 as Ordering, aEnd: 0, bEnd: 0 };

function compareSegment(a: string, i: number, b: string, j: number): typeof seg {
  const kind = classOf(a.charCodeAt(i));
  const numeric = kind === DIGIT;
  let ae = i;
  let be = j;
  while (ae < a.length && classOf(a.charCodeAt(ae)) === kind) ae++;
  while (be < b.length && classOf(b.charCodeAt(be)) === kind) be++;
  seg.aEnd = ae;
  seg.bEnd = be;
  if (be === j) {
    // different kinds: a numeric segment is newer than an alphabetic one
    seg.order = numeric ? 1 : -1;
    return seg;
  }
  if (numeric) {
    while (i < ae && a.charCodeAt(i) === 48) i++;
    while (j < be && b.charCodeAt(j) === 48) j++;
    if (ae - i !== be - j) {
      seg.order = ae - i > be - j ? 1 : -1;
      return seg;
    }
  }
  seg.order = compareRange(a, i, ae, b, j, be);
  return seg;
}

/** strcmp of a[i..ae) and b[j..be). */
function compareRange(a: string, i: number, ae: number, b: string, j: number, be: number): Ordering {
  while (i < ae && j < be) {
    const d = a.charCodeAt(i++) - b.charCodeAt(j++);
    if (d !== 0) return d < 0 ? -1 : 1;
  }
  if (i < ae) return 1;
  return j < be ? -1 : 0;
}

export function compareRpmVersions(a: RpmVersion, b: RpmVersion): Ordering {
  const e = a.epoch === b.epoch ? 0 : rpmvercmp(a.epoch, b.epoch);
  if (e !== 0) return e;
  const v = rpmvercmp(a.version, b.version);
  if (v !== 0) return v;
  if (a.release === null || b.release === null) {
    if (a.release === b.release) return 0;
    return a.release === null ? -1 : 1;
  }
  return rpmvercmp(a.release, b.release);
}

export function parseRpm(input: string): RpmVersion {
  if (input === '') throw new InvalidVersionError('rpm', input, 'version string is empty');
  for (let k = 0; k < input.length; k++) {
    const c = input.charCodeAt(k);
    if (c <= 32 || c === 127) throw new InvalidVersionError('rpm', input, 'whitespace or control character');
  }
  let s = 0;
  while (s < input.length && isDigit(input.charCodeAt(s))) s++;
  const hasEpoch = input.charCodeAt(s) === 58; // ':'
  const epoch = hasEpoch && s > 0 ? input.slice(0, s) : '0';
  const vStart = hasEpoch ? s + 1 : 0;
  const dash = input.lastIndexOf('-');
  const hasRelease = dash >= vStart;
  const version = input.slice(vStart, hasRelease ? dash : input.length);
  if (version === '') throw new InvalidVersionError('rpm', input, 'version part is empty');
  return { epoch, version, release: hasRelease ? input.slice(dash + 1) : null };
}

export const rpmScheme: VersionScheme<RpmVersion> = {
  id: 'rpm',
  aliases: ['rhel', 'centos', 'rocky', 'alma', 'fedora', 'amazon', 'oracle', 'suse', 'sles', 'opensuse', 'photon', 'azurelinux', 'mariner'],
  parse: parseRpm,
  compareParsed: compareRpmVersions,
  compare: comparer(parseRpm, compareRpmVersions),
};
