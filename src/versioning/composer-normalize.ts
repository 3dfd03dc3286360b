/**
 * Composer's version normalisation (composer/semver VersionParser::normalize) and PHP's
 * `version_compare` ordering of the result, written from their documented behaviour and tests.
 *
 * `1.2` → `1.2.0.0`, `v2.0.1-beta.3` → `2.0.1.0-beta3`, `1.0RC1` → `1.0.0.0-RC1`, `1.0-pl2` →
 * `1.0.0.0-patch2`, `2010-01-02` → `2010.01.02`, `1.x-dev` → `1.9999999.9999999.9999999-dev`,
 * `dev-main` → `dev-main` (a branch: no order), `1.0 as 2.0` → `1.0.0.0`, `1.0@beta` → `1.0.0.0`.
 */
// Composer writes the stability number as a possessive `((?:[.-]?\d+)*+)`; JavaScript has no possessive
// quantifiers, and the plain `*` would backtrack exponentially on a long digit run. This form matches the
// same strings without ambiguity (after the first run of digits every further run needs a separator).
export const MODIFIER = String.raw`[._-]?(?:(stable|beta|b|RC|alpha|a|patch|pl|p)((?:[.-]?\d+(?:[.-]\d+)*)?))?([.-]?dev)?`;
const STABILITIES = 'stable|RC|beta|alpha|dev';
const CLASSICAL = new RegExp(String.raw`^v?(\d{1,5})(\.\d+)?(\.\d+)?(\.\d+)?${MODIFIER}$`, 'i');
const DATE = new RegExp(String.raw`^v?(\d{4}(?:[.:-]?\d{2}){1,6}(?:[.:-]?\d{1,3}){0,2})${MODIFIER}$`, 'i');

function expandStability(s: string): string {
  const l = s.toLowerCase();
  return l === 'a' ? 'alpha' : l === 'b' ? 'beta' : l === 'p' || l === 'pl' ? 'patch' : l === 'rc' ? 'RC' : l;
}

/** VersionParser::normalizeBranch: `1.2.x` → `1.2.9999999.9999999-dev`; other names → `dev-NAME`. */
function normalizeBranch(name: string): string {
  const m = /^v?(\d+)(\.(?:\d+|[xX*]))?(\.(?:\d+|[xX*]))?(\.(?:\d+|[xX*]))?$/i.exec(name.trim());
  if (!m) return `dev-${name.trim()}`;
  let v = '';
  for (let i = 1; i < 5; i++) v += m[i] === undefined ? '.x' : m[i]?.replace(/[*X]/g, 'x');
  return `${v.replace(/x/g, '9999999')}-dev`;
}

/** The normalised version, or undefined when Composer would reject it. */
export function normalizeComposer(input: string): string | undefined {
  let version = input.trim();
  const alias = /^([^,\s]+) +as +([^,\s]+)$/.exec(version);
  if (alias?.[1]) version = alias[1];
  const flag = new RegExp(`@(?:${STABILITIES})$`, 'i').exec(version);
  if (flag) version = version.slice(0, version.length - flag[0].length);
  if (version === 'master' || version === 'trunk' || version === 'default') version = `dev-${version}`;
  if (version.toLowerCase().startsWith('dev-')) return `dev-${version.slice(4)}`;
  const build = /^([^,\s+]+)\+\S+$/.exec(version);
  if (build?.[1]) version = build[1];

  let m = CLASSICAL.exec(version);
  let index = 5;
  if (m) version = `${m[1]}${m[2] || '.0'}${m[3] || '.0'}${m[4] || '.0'}`;
  else if ((m = DATE.exec(version))) {
    version = (m[1] ?? '').replace(/\D/g, '.');
    index = 2;
  }
  if (m) {
    const stability = m[index];
    if (stability) {
      if (stability === 'stable') return version;
      version += `-${expandStability(stability)}${(m[index + 1] ?? '').replace(/^[.-]+/, '')}`;
    }
    if (m[index + 2]) version += '-dev';
    return version;
  }
  const dev = /^(.*?)[.-]?dev$/i.exec(version);
  if (dev) {
    const normalized = normalizeBranch(dev[1] ?? '');
    if (!normalized.includes('dev-')) return normalized;
  }
  return undefined;
}

/** VersionParser::parseStability of a normalised version. */
export function stabilityOf(version: string): string {
  const v = version.replace(/#.+$/, '');
  if (v.startsWith('dev-') || v.endsWith('-dev')) return 'dev';
  const m = new RegExp(`${MODIFIER}(?:\\+.*)?$`, 'i').exec(v.toLowerCase());
  if (m?.[3]) return 'dev';
  const s = m?.[1];
  return s === 'beta' || s === 'b' ? 'beta' : s === 'alpha' || s === 'a' ? 'alpha' : s === 'rc' ? 'RC' : 'stable';
}

/**
 * One part of a version as PHP's version_compare sees it after canonicalisation (`-`, `_`, `+` and
 * digit↔letter transitions become `.`): a number, or a special form's rank
 * (dev 0 < alpha/a 1 < beta/b 2 < RC/rc 3 < number 4 < pl/p 5; anything else -1).
 */
export interface PhpPart {
  readonly num: number | undefined;
  readonly rank: number;
}

const FORMS: readonly [string, number][] = [['dev', 0], ['alpha', 1], ['a', 1], ['beta', 2], ['b', 2], ['RC', 3], ['rc', 3], ['#', 4], ['pl', 5], ['p', 5]];
const NUMBER_RANK = 4;

function formRank(part: string): number {
  for (const [name, rank] of FORMS) if (part.startsWith(name)) return rank;
  return -1;
}

const isDigit = (c: string | undefined): boolean => c !== undefined && c >= '0' && c <= '9';
const isAlnum = (c: string): boolean => /^[0-9A-Za-z]$/.test(c);

/** php_canonicalize_version, then split on dots. */
export function phpParts(version: string): PhpPart[] {
  if (version === '') return [];
  let out = version[0] ?? '';
  let prev = out;
  for (const c of version.slice(1)) {
    const lastOut = out[out.length - 1];
    const transition = (!isDigit(prev) && prev !== '.' && isDigit(c)) || (isDigit(prev) && !isDigit(c) && c !== '.');
    if (c === '-' || c === '_' || c === '+') {
      if (lastOut !== '.') out += '.';
    } else if (transition) {
      if (lastOut !== '.') out += '.';
      out += c;
    } else if (!isAlnum(c)) {
      // any other character, `.` included, is one separator (`1..2` = `1.2`)
      if (lastOut !== '.') out += '.';
    } else out += c;
    prev = c;
  }
  return out.split('.').map((p) => (isDigit(p[0]) ? { num: parseInt(p, 10), rank: NUMBER_RANK } : { num: undefined, rank: formRank(p) }));
}

/** PHP version_compare on pre-split parts (allocation-free). */
export function phpCompare(a: readonly PhpPart[], b: readonly PhpPart[]): -1 | 0 | 1 {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a[i] as PhpPart;
    const y = b[i] as PhpPart;
    const c = x.num !== undefined && y.num !== undefined ? x.num - y.num : x.rank - y.rank;
    if (c !== 0) return c < 0 ? -1 : 1;
  }
  // The longer side's next part decides: a number makes it greater, otherwise its form against "#".
  const extra = a.length > n ? a[n] : b[n];
  if (extra === undefined) return 0;
  const c = extra.num !== undefined ? 1 : Math.sign(extra.rank - NUMBER_RANK);
  return (a.length > n ? c : -c) as -1 | 0 | 1;
}
