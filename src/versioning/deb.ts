import { InvalidVersionError, comparer, type Ordering, type VersionScheme } from './scheme.js';

/**
 * Debian package versions, ordered exactly as dpkg orders them (lib/dpkg/version.c, parsehelp.c):
 * `[epoch:]upstream[-revision]`. The epoch is the text before the first `:`, the revision the text
 * after the last `-`. Fragments compare by `verrevcmp`: alternating non-digit runs (character by
 * character: `~` before the end of the string, the end before letters, letters before everything
 * else) and digit runs (numerically, at any length).
 *
 * Validity follows dpkg's `parseversion`: its hard errors (empty parts, embedded blanks, a bad epoch)
 * throw `InvalidVersionError`; its warnings (upstream not starting with a digit, unusual characters)
 * still parse, as dpkg itself still compares such versions. Stricter than dpkg on one point: control
 * and non-ASCII characters are rejected, because dpkg orders those by raw byte value, which a UTF-16
 * string cannot reproduce faithfully.
 */
export interface DebVersion {
  readonly epoch: number;
  readonly upstream: string;
  /** "" when absent (dpkg treats an absent revision like "0" in comparisons, and so does verrevcmp). */
  readonly revision: string;
}

export interface DebParseResult {
  readonly version: DebVersion;
  /** dpkg's warning for this version, if it would print one (the version still parses). */
  readonly warning: string | undefined;
}

const EPOCH_MAX = 2147483647; // dpkg rejects epochs above INT_MAX

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

function isAlpha(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}

/** C isspace(). */
function isBlank(c: number): boolean {
  return c === 32 || c === 9 || c === 10 || c === 11 || c === 12 || c === 13;
}

/** Sort weight of one non-digit character (`c` = -1 past the end of the string). */
function order(c: number): number {
  if (c < 0) return 0;
  if (isAlpha(c)) return c;
  if (c === 126) return -1; // '~'
  return c + 256;
}

/**
 * dpkg's `verrevcmp` on two fragments (an upstream version or a revision on its own). Walks both
 * strings in place: no allocation, digit runs of any length.
 */
export function debCompareFragment(a: string, b: string): Ordering {
  const al = a.length;
  const bl = b.length;
  let i = 0;
  let j = 0;
  while (i < al || j < bl) {
    let ac = i < al ? a.charCodeAt(i) : -1;
    let bc = j < bl ? b.charCodeAt(j) : -1;
    while ((ac >= 0 && !isDigit(ac)) || (bc >= 0 && !isDigit(bc))) {
      const ao = isDigit(ac) ? 0 : order(ac);
      const bo = isDigit(bc) ? 0 : order(bc);
      if (ao !== bo) return ao < bo ? -1 : 1;
      i++;
      j++;
      ac = i < al ? a.charCodeAt(i) : -1;
      bc = j < bl ? b.charCodeAt(j) : -1;
    }
    while (ac === 48) ac = ++i < al ? a.charCodeAt(i) : -1;
    while (bc === 48) bc = ++j < bl ? b.charCodeAt(j) : -1;
    let firstDiff = 0;
    while (isDigit(ac) && isDigit(bc)) {
      if (firstDiff === 0) firstDiff = ac - bc;
      ac = ++i < al ? a.charCodeAt(i) : -1;
      bc = ++j < bl ? b.charCodeAt(j) : -1;
    }
    if (isDigit(ac)) return 1;
    if (isDigit(bc)) return -1;
    if (firstDiff !== 0) return firstDiff < 0 ? -1 : 1;
  }
  return 0;
}

export function compareDebVersions(a: DebVersion, b: DebVersion): Ordering {
  if (a.epoch !== b.epoch) return a.epoch < b.epoch ? -1 : 1;
  const r = debCompareFragment(a.upstream, b.upstream);
  return r !== 0 ? r : debCompareFragment(a.revision, b.revision);
}

function trimmed(v: string): string {
  let s = 0;
  let e = v.length;
  while (s < e && (v.charCodeAt(s) === 32 || v.charCodeAt(s) === 9)) s++; // dpkg: leading blanks only
  while (e > s && isBlank(v.charCodeAt(e - 1))) e--;
  return s === 0 && e === v.length ? v : v.slice(s, e);
}

function parseEpoch(input: string, text: string): number {
  if (text === '') throw new InvalidVersionError('deb', input, 'epoch is empty');
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 45 && i === 0) throw new InvalidVersionError('deb', input, 'epoch is negative');
    if (!isDigit(c)) throw new InvalidVersionError('deb', input, 'epoch is not a number');
  }
  const n = text.length > 12 ? Infinity : Number(text);
  if (n > EPOCH_MAX) throw new InvalidVersionError('deb', input, 'epoch is too big');
  return n;
}

/** The first character outside `allowed` (ASCII letters and digits always allowed), or undefined. */
function strayChar(text: string, allowed: string): string | undefined {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (!isDigit(c) && !isAlpha(c) && !allowed.includes(text[i] as string)) return text[i];
  }
  return undefined;
}

/** Parse with dpkg's rules, also reporting the warning dpkg would print. Throws `InvalidVersionError`. */
export function parseDebDetailed(input: string): DebParseResult {
  const v = trimmed(input);
  if (v === '') throw new InvalidVersionError('deb', input, 'version string is empty');
  for (let i = 0; i < v.length; i++) {
    const c = v.charCodeAt(i);
    if (isBlank(c)) throw new InvalidVersionError('deb', input, 'version string has embedded spaces');
    if (c < 32 || c > 126) throw new InvalidVersionError('deb', input, 'control or non-ASCII character');
  }
  const colon = v.indexOf(':');
  const epoch = colon < 0 ? 0 : parseEpoch(input, v.slice(0, colon));
  const rest = colon < 0 ? v : v.slice(colon + 1);
  if (colon >= 0 && rest === '') throw new InvalidVersionError('deb', input, 'nothing after colon in version number');
  const hyphen = rest.lastIndexOf('-');
  const upstream = hyphen < 0 ? rest : rest.slice(0, hyphen);
  const revision = hyphen < 0 ? '' : rest.slice(hyphen + 1);
  if (hyphen >= 0 && revision === '') throw new InvalidVersionError('deb', input, 'revision number is empty');
  if (upstream === '') throw new InvalidVersionError('deb', input, 'version number is empty');
  let warning: string | undefined;
  const badUp = strayChar(upstream, '.-+~:');
  const badRev = strayChar(revision, '.+~');
  if (!isDigit(upstream.charCodeAt(0))) warning = 'version number does not start with digit';
  else if (badUp !== undefined) warning = `invalid character '${badUp}' in version number`;
  else if (badRev !== undefined) warning = `invalid character '${badRev}' in revision number`;
  return { version: { epoch, upstream, revision }, warning };
}

export function parseDeb(input: string): DebVersion {
  return parseDebDetailed(input).version;
}

export const debScheme: VersionScheme<DebVersion> = {
  id: 'deb',
  aliases: ['debian', 'ubuntu', 'dpkg'],
  parse: parseDeb,
  compareParsed: compareDebVersions,
  compare: comparer(parseDeb, compareDebVersions),
};
