import { InvalidVersionError, comparer, type Ordering, type VersionScheme } from './scheme.js';

/**
 * Alpine (apk-tools) versions: `digits{.digits}...{letter}{_suffix{digits}}...{~hash}{-rN}`, ordered
 * as apk-tools 3 orders them (src/version.c). A version is a token stream; two versions compare
 * token by token while the token kinds agree:
 * - the first number numerically; later `.numbers` numerically unless either has a leading zero,
 *   then as strings (Gentoo rule: 1.01 < 1.1, 1.001 < 1.01);
 * - a letter by its character; `_alpha` < `_beta` < `_pre` < `_rc` < (no suffix) < `_cvs` < `_svn` <
 *   `_git` < `_hg` < `_p`; suffix numbers, `-rN` numerically; `~hash` as a string.
 * When one stream runs out or switches kind first, a pre-release suffix (`_alpha`.. `_rc`) makes its
 * version older, otherwise the version whose next token kind comes earlier in the grammar is newer
 * (1.0.1 > 1.0a > 1.0_p1 > 1.0 > 1.0_rc1).
 *
 * `parse` rejects what `apk version --check` rejects (`InvalidVersionError`). apk-tools still
 * orders invalid strings by their valid prefix; `compareApkLenient` reproduces that for tests and
 * debugging, the scheme itself never orders an invalid version. Deliberate differences from the C
 * code: numbers of any length compare exactly (apk-tools keeps them in a wrapping uint64), and
 * non-ASCII characters are always invalid (apk-tools lets bytes >= 0x80 into suffixes and hashes).
 */
export interface ApkVersion {
  readonly raw: string;
  /** Four ints per token: kind, start, end (the token's text in `raw`), aux (see below). */
  readonly tokens: Int32Array;
  /** Number of tokens, the last being END or INVALID. */
  readonly count: number;
}

// Token kinds, in grammar order (the order matters: see the end of compareApkVersions).
const INITIAL_DIGIT = 0;
const DIGIT = 1;
const LETTER = 2;
const SUFFIX = 3;
const SUFFIX_NO = 4;
const COMMIT_HASH = 5;
const REVISION_NO = 6;
const END = 7;
const INVALID = 8;

// Suffix ranks (the token's aux value): pre-releases below NONE, post-releases above.
const SUFFIX_NONE = 5;
const SUFFIXES: ReadonlyMap<string, number> = new Map([
  ['alpha', 1],
  ['beta', 2],
  ['pre', 3],
  ['rc', 4],
  ['cvs', 6],
  ['svn', 7],
  ['git', 8],
  ['hg', 9],
  ['p', 10],
]);

const isDigit = (c: number): boolean => c >= 48 && c <= 57;
const isLower = (c: number): boolean => c >= 97 && c <= 122;
const isHex = (c: number): boolean => isDigit(c) || (c >= 97 && c <= 102);

/** Tokenise like apk-tools' token_first/token_next; the stream always ends with END or INVALID. */
function tokenize(raw: string): ApkVersion {
  const out: number[] = [];
  const n = raw.length;
  let p = 0;
  let kind = INITIAL_DIGIT;
  const push = (k: number, start: number, end: number, aux: number): void => {
    out.push(k, start, end, aux);
    kind = k;
  };
  const digits = (k: number): void => {
    const start = p;
    while (p < n && isDigit(raw.charCodeAt(p))) p++;
    let nz = start;
    while (nz < p - 1 && raw.charCodeAt(nz) === 48) nz++;
    push(p === start ? INVALID : k, start, p, nz); // aux: first significant digit
  };
  digits(INITIAL_DIGIT);
  while (kind < END) {
    if (p >= n) {
      push(END, p, p, 0);
      break;
    }
    const c = raw.charCodeAt(p);
    if (isLower(c) && kind <= DIGIT) {
      push(LETTER, p, p + 1, c);
      p++;
    } else if ((c === 46 && kind <= DIGIT) || (isDigit(c) && kind <= SUFFIX)) {
      if (c === 46) p++;
      digits(kind === SUFFIX ? SUFFIX_NO : kind <= DIGIT ? DIGIT : INVALID);
    } else if (c === 95 && kind <= SUFFIX_NO) {
      const start = ++p;
      while (p < n && isLower(raw.charCodeAt(p))) p++;
      const rank = SUFFIXES.get(raw.slice(start, p));
      push(rank === undefined ? INVALID : SUFFIX, start, p, rank ?? 0);
    } else if (c === 126 && kind < COMMIT_HASH) {
      const start = ++p;
      while (p < n && isHex(raw.charCodeAt(p))) p++;
      push(p === start ? INVALID : COMMIT_HASH, start, p, 0);
    } else if (c === 45 && kind < REVISION_NO && raw.charCodeAt(p + 1) === 114) {
      p += 2;
      digits(REVISION_NO);
    } else {
      push(INVALID, p, p, 0);
    }
  }
  return { raw, tokens: Int32Array.from(out), count: out.length / 4 };
}

/** Byte-wise comparison of two token texts (apk_blob_sort). */
function stringSort(a: string, as: number, ae: number, b: string, bs: number, be: number): Ordering {
  while (as < ae && bs < be) {
    const d = a.charCodeAt(as++) - b.charCodeAt(bs++);
    if (d !== 0) return d < 0 ? -1 : 1;
  }
  if (as < ae) return 1;
  return bs < be ? -1 : 0;
}

/** Numeric comparison of two digit runs of any length (aux = first significant digit). */
function numberSort(a: string, as: number, ae: number, b: string, bs: number, be: number): Ordering {
  if (ae - as !== be - bs) return ae - as > be - bs ? 1 : -1;
  return stringSort(a, as, ae, b, bs, be);
}

function tokenCompare(a: ApkVersion, i: number, b: ApkVersion, j: number): Ordering {
  const at = a.tokens;
  const bt = b.tokens;
  const kind = at[i] as number;
  const as = at[i + 1] as number;
  const ae = at[i + 2] as number;
  const bs = bt[j + 1] as number;
  const be = bt[j + 2] as number;
  const aAux = at[i + 3] as number;
  const bAux = bt[j + 3] as number;
  switch (kind) {
    case DIGIT:
      if (a.raw.charCodeAt(as) === 48 || b.raw.charCodeAt(bs) === 48) return stringSort(a.raw, as, ae, b.raw, bs, be);
      return numberSort(a.raw, aAux, ae, b.raw, bAux, be);
    case INITIAL_DIGIT:
    case SUFFIX_NO:
    case REVISION_NO:
      return numberSort(a.raw, aAux, ae, b.raw, bAux, be);
    case LETTER:
    case SUFFIX:
      return aAux === bAux ? 0 : aAux < bAux ? -1 : 1;
    default:
      return stringSort(a.raw, as, ae, b.raw, bs, be);
  }
}

/** apk_version_compare (fuzzy = false) or its `~` prefix match (fuzzy = true) on token streams. */
function compareTokens(a: ApkVersion, b: ApkVersion, fuzzy: boolean): Ordering {
  let i = 0;
  for (; i < a.count * 4 && i < b.count * 4; i += 4) {
    const ak = a.tokens[i] as number;
    if (ak !== b.tokens[i] || ak >= END) break;
    const r = tokenCompare(a, i, b, i);
    if (r !== 0) return r;
  }
  const ak = a.tokens[i] as number;
  const bk = b.tokens[i] as number;
  if (ak === bk) return 0;
  if (bk === END && fuzzy) return 0;
  if (ak === SUFFIX && (a.tokens[i + 3] as number) < SUFFIX_NONE) return -1;
  if (bk === SUFFIX && (b.tokens[i + 3] as number) < SUFFIX_NONE) return 1;
  return ak > bk ? -1 : 1;
}

export function compareApkVersions(a: ApkVersion, b: ApkVersion): Ordering {
  return compareTokens(a, b, false);
}

/** Does apk-tools accept this version (`apk version --check`)? */
export function isValidApk(version: string): boolean {
  const t = tokenize(version);
  return t.tokens[(t.count - 1) * 4] === END;
}

export function parseApk(input: string): ApkVersion {
  const t = tokenize(input);
  const last = (t.count - 1) * 4;
  if (t.tokens[last] !== END) {
    const at = t.tokens[last + 1] as number;
    const where = at >= input.length ? 'at the end' : `at "${input.slice(at)}"`;
    throw new InvalidVersionError('apk', input, input === '' ? 'version string is empty' : `not an apk version (stops ${where})`);
  }
  return t;
}

/**
 * apk-tools' own ordering of ANY two strings, valid or not (an invalid tail compares as a token
 * kind after END). For conformance tests and `drydock version` debugging only.
 */
export function compareApkLenient(a: string, b: string): Ordering {
  return compareTokens(tokenize(a), tokenize(b), false);
}

/**
 * apk's dependency operators on two versions: `<`, `<=`, `=`, `>=`, `>`, `~` (fuzzy: `b` is a
 * prefix of `a` at a token boundary), `<~`, `>~`. Throws `InvalidVersionError` for invalid versions
 * unless `lenient` (apk-tools' own behaviour: invalid strings match by their valid prefix).
 */
export function apkVersionMatches(a: string, op: string, b: string, lenient = false): boolean {
  if (!/^[<>=~]+$/.test(op)) throw new Error(`unknown apk version operator "${op}"`);
  const fuzzy = op.includes('~');
  const r = lenient ? compareTokens(tokenize(a), tokenize(b), fuzzy) : compareTokens(parseApk(a), parseApk(b), fuzzy);
  if (r === 0) return op.includes('=') || fuzzy;
  return op.includes(r < 0 ? '<' : '>');
}

export const apkScheme: VersionScheme<ApkVersion> = {
  id: 'apk',
  aliases: ['alpine', 'wolfi', 'chainguard'],
  parse: parseApk,
  compareParsed: compareApkVersions,
  compare: comparer(parseApk, compareApkVersions),
};
