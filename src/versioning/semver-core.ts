import type { Ordering } from './scheme.js';

/**
 * The SemVer 2.0.0 core shared by the `semver`, `go` and `cargo` schemes: a compact parsed form and an
 * ordering that allocates nothing. Numbers up to 2^53-1 are kept as `number`, larger ones as `bigint`
 * (SemVer sets no limit; `<` and `>` compare the two types exactly, and a value always has the same
 * type, so `===` is equality).
 */
export type Num = number | bigint;
/** A pre-release identifier: numeric (number/bigint) or alphanumeric (string). */
export type PreId = Num | string;

export interface SemVerParts {
  readonly major: Num;
  readonly minor: Num;
  readonly patch: Num;
  /** Pre-release identifiers; empty for a release. */
  readonly pre: readonly PreId[];
  /** Build metadata without the `+` ('' when absent). Never affects ordering. */
  readonly build: string;
}

const NUMERIC = /^(?:0|[1-9]\d*)$/;
const PRE_ID = /^[0-9A-Za-z-]+$/;

/** A decimal digit string (no sign) as a Num. */
export function toNum(digits: string): Num {
  if (digits.length <= 15) return Number(digits);
  const big = BigInt(digits);
  return big <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(big) : big;
}

/**
 * Dot-separated pre-release identifiers, or a reason string when invalid: non-empty, `[0-9A-Za-z-]`,
 * numeric ones without leading zeros.
 */
export function parsePreIds(text: string): PreId[] | string {
  const ids: PreId[] = [];
  for (const id of text.split('.')) {
    if (!PRE_ID.test(id)) return `bad pre-release identifier "${id}"`;
    if (/^\d+$/.test(id)) {
      if (!NUMERIC.test(id)) return `numeric pre-release identifier "${id}" has a leading zero`;
      ids.push(toNum(id));
    } else ids.push(id);
  }
  return ids;
}

/** Build metadata identifiers: non-empty, `[0-9A-Za-z-]` (leading zeros allowed). */
export function validBuild(text: string): boolean {
  return text.split('.').every((id) => PRE_ID.test(id));
}

const STRICT = /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-([^+]*))?(?:\+(.*))?$/s;

/** Strict SemVer 2.0.0 (`MAJOR.MINOR.PATCH[-PRE][+BUILD]`), or a reason string. */
export function parseStrictSemver(text: string): SemVerParts | string {
  const m = STRICT.exec(text);
  if (!m) return 'not MAJOR.MINOR.PATCH[-PRERELEASE][+BUILD] with numbers without leading zeros';
  const major = m[1] ?? '';
  const minor = m[2] ?? '';
  const patch = m[3] ?? '';
  const preText = m[4];
  const build = m[5];
  const pre = preText === undefined ? [] : parsePreIds(preText);
  if (typeof pre === 'string') return pre;
  if (build !== undefined && !validBuild(build)) return `bad build metadata "${build}"`;
  return { major: toNum(major), minor: toNum(minor), patch: toNum(patch), pre, build: build ?? '' };
}

function cmpNum(a: Num, b: Num): Ordering {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** SemVer §11 precedence of two identifiers: numeric < alphanumeric; numeric by value; else ASCII. */
export function comparePreId(a: PreId, b: PreId): Ordering {
  const aStr = typeof a === 'string';
  const bStr = typeof b === 'string';
  if (aStr !== bStr) return aStr ? 1 : -1;
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Pre-release precedence: a release (no identifiers) is above every pre-release of the same core. */
export function comparePre(a: readonly PreId[], b: readonly PreId[]): Ordering {
  if (a.length === 0 || b.length === 0) return a.length === b.length ? 0 : a.length === 0 ? 1 : -1;
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const c = comparePreId(a[i] as PreId, b[i] as PreId);
    if (c !== 0) return c;
  }
  return a.length === b.length ? 0 : a.length < b.length ? -1 : 1;
}

export function compareCore(a: SemVerParts, b: SemVerParts): Ordering {
  return cmpNum(a.major, b.major) || cmpNum(a.minor, b.minor) || cmpNum(a.patch, b.patch);
}

/** SemVer 2.0.0 precedence (build metadata ignored). */
export function compareSemver(a: SemVerParts, b: SemVerParts): Ordering {
  return compareCore(a, b) || comparePre(a.pre, b.pre);
}

/** `MAJOR.MINOR.PATCH[-PRE]` (without build metadata). */
export function formatSemver(v: SemVerParts): string {
  const core = `${v.major}.${v.minor}.${v.patch}`;
  return v.pre.length === 0 ? core : `${core}-${v.pre.join('.')}`;
}
