/**
 * Validators for the value formats of a label schema (`.hadolint.yaml` `label-schema:`): url (an
 * RFC 3986 URI with a scheme), rfc3339 (an RFC 3339 date-time), semver (SemVer 2.0.0), hash (a git
 * object id), spdx (an SPDX license expression), email (an RFC 5322 addr-spec). `text` accepts anything.
 */
import { createRequire } from 'node:module';

// Loaded on first use: label schemas are rare, and start-up time counts on every lint.
type Validate = (v: string) => unknown;
let spdxParse: Validate | undefined;
let semverValid: Validate | undefined;
const load = (name: string): Validate => createRequire(import.meta.url)(name) as Validate;

// RFC 3986 building blocks.
const UNRESERVED = "A-Za-z0-9\\-._~";
const SUB_DELIMS = "!$&'()*+,;=";
const PCT = '%[0-9A-Fa-f]{2}';
const PCHAR = `(?:[${UNRESERVED}${SUB_DELIMS}:@]|${PCT})`;
const SEGMENT = `${PCHAR}*`;
const SEGMENT_NZ = `${PCHAR}+`;
const USERINFO = `(?:[${UNRESERVED}${SUB_DELIMS}:]|${PCT})*`;
const IP_LITERAL = `\\[(?:[0-9A-Fa-f:.]+|v[0-9A-Fa-f]+\\.[${UNRESERVED}${SUB_DELIMS}:]+)\\]`;
const REG_NAME = `(?:[${UNRESERVED}${SUB_DELIMS}]|${PCT})*`;
const AUTHORITY = `(?:${USERINFO}@)?(?:${IP_LITERAL}|${REG_NAME})(?::[0-9]*)?`;
const HIER_PART = `(?://${AUTHORITY}(?:/${SEGMENT})*|/(?:${SEGMENT_NZ}(?:/${SEGMENT})*)?|${SEGMENT_NZ}(?:/${SEGMENT})*|)`;
const QUERY = `(?:${PCHAR}|[/?])*`;
const URI = new RegExp(`^[A-Za-z][A-Za-z0-9+\\-.]*:${HIER_PART}(?:\\?${QUERY})?(?:#${QUERY})?$`);

/** An absolute URI (scheme required), as Network.URI's parseURI accepts. */
export function isUrl(v: string): boolean {
  return URI.test(v);
}

const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(?:\.\d+)?(?:[Zz]|[+-](\d{2}):(\d{2}))$/;

function daysIn(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** RFC 3339 `date-time`: `2024-02-29T13:45:00Z`, `2024-02-29t13:45:00.5+01:00`; fields range-checked. */
export function isRfc3339(v: string): boolean {
  const m = DATE_TIME.exec(v);
  if (m === null) return false;
  const [year, month, day, hour, minute, second] = m.slice(1, 7).map(Number) as [number, number, number, number, number, number];
  const offH = m[7] === undefined ? 0 : Number(m[7]);
  const offM = m[8] === undefined ? 0 : Number(m[8]);
  return month >= 1 && month <= 12 && day >= 1 && day <= daysIn(year, month) && hour <= 23 && minute <= 59 && second <= 60 && offH <= 23 && offM <= 59;
}

/** SemVer 2.0.0 exactly: no leading `v` or `=`, no surrounding blanks. */
export function isSemver(v: string): boolean {
  return v.length > 0 && v.charCodeAt(0) >= 48 && v.charCodeAt(0) <= 57 && v === v.trim() && (semverValid ??= load('semver/functions/valid.js'))(v) !== null;
}

const HEX = /^[0-9a-f]+$/;

/** A git object id: full SHA-1 (40) or SHA-256 (64) hex, or an abbreviation of at least 7 digits. */
export function isGitHash(v: string): boolean {
  return HEX.test(v) && ((v.length >= 7 && v.length <= 40) || v.length === 64);
}

/** An SPDX license expression made of known license ids (`MIT`, `Apache-2.0 OR MIT`, `GPL-2.0+`). */
export function isSpdx(v: string): boolean {
  if (v.trim() === '') return false;
  try {
    (spdxParse ??= load('spdx-expression-parse'))(v);
    return true;
  } catch {
    return false;
  }
}

const ATEXT = "A-Za-z0-9!#$%&'*+/=?^_`{|}~\\-";
const DOT_ATOM = `[${ATEXT}]+(?:\\.[${ATEXT}]+)*`;
const QUOTED = '"(?:[\\x20\\x21\\x23-\\x5b\\x5d-\\x7e]|\\\\[\\x20-\\x7e])*"';
const DOMAIN_LITERAL = '\\[[\\x21-\\x5a\\x5e-\\x7e]*\\]';
const EMAIL = new RegExp(`^(?:${DOT_ATOM}|${QUOTED})@(?:${DOT_ATOM}|${DOMAIN_LITERAL})$`);

/** An RFC 5322 addr-spec: `local@domain` (dot-atom or quoted local part; dot-atom or literal domain). */
export function isEmail(v: string): boolean {
  return EMAIL.test(v);
}

/** The validator of each schema type; `text` (and unknown types) accept everything. */
export const LABEL_FORMATS: ReadonlyMap<string, (v: string) => boolean> = new Map([
  ['url', isUrl],
  ['rfc3339', isRfc3339],
  ['semver', isSemver],
  ['hash', isGitHash],
  ['spdx', isSpdx],
  ['email', isEmail],
]);
