import { deflateRawSync, inflateRawSync } from 'node:zlib';
import { AppError } from '../../core/errors.js';
import { isSeverity, type Severity } from '../../core/severity.js';
import { schemeById } from '../../versioning/index.js';
import { schemeForNamespace } from '../ecosystems.js';
import type { AffectedPackage, AffectedStatus, RangeEvent, SeverityRating, VersionRange } from '../model.js';

/**
 * Row encodings of the advisory DB. Affected entries are compact JSON (short keys, ranges as
 * `["E","i0","f1.2.3"]`); advisory and CVE bodies are JSON text, or a BLOB of a marker byte and the
 * JSON deflated with a preset dictionary when longer than `DEFLATE_THRESHOLD` (deflating short texts
 * costs more time than it saves bytes). Text comes out of SQLite as a JS string, ready for JSON.parse.
 * Decoders check every field: a DB file is read back as untrusted input.
 */

const STATUSES: readonly AffectedStatus[] = ['fixed', 'affected', 'will-not-fix', 'fix-deferred', 'end-of-life', 'not-affected', 'under-investigation'];

/**
 * Bodies at least this long (UTF-8 bytes of their JSON) are deflated. Each inflate costs a zlib
 * instance (≈50 µs in a fresh process), which a scan pays for every matched advisory; at 2 KB about
 * 1.5% of OSV bodies are deflated, for ≈9% more DB bytes than at 1 KB (bench/vuln.mjs, 200k records).
 */
export const DEFLATE_THRESHOLD = 2048;

/**
 * Deflate's preset dictionary: strings common in advisory bodies, most frequent last (deflate
 * reaches the end of the window most cheaply). Stored in each DB's `meta` so a reader never depends
 * on the code that wrote it.
 */
export const ZDICT = [
  'https://www.openwall.com/lists/oss-security/',
  'https://lists.debian.org/debian-lts-announce/',
  'https://security.netapp.com/advisory/ntap-',
  'https://access.redhat.com/security/cve/CVE-',
  'https://bugzilla.redhat.com/show_bug.cgi?id=',
  'https://ubuntu.com/security/notices/USN-',
  'https://security.gentoo.org/glsa/',
  'https://www.debian.org/security/',
  'https://pkg.go.dev/vuln/GO-',
  'https://security-tracker.debian.org/tracker/CVE-',
  'https://github.com/advisories/GHSA-',
  '/security/advisories/GHSA-',
  '/commit/',
  '/pull/',
  '/issues/',
  '/releases/tag/v',
  '"cvss":{"version":"2.0","vector":"AV:N/AC:L/Au:N/C:P/I:P/A:P","score":',
  '"cvss":{"version":"4.0","vector":"CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N","score":',
  '"cvss":{"version":"3.1","vector":"CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H","score":',
  '{"source":"nvd",',
  '{"source":"ghsa",',
  '"severity":"medium"}',
  '"severity":"high"}',
  '"severity":"critical"}',
  ' allows remote attackers to ',
  ' could allow an attacker to ',
  ' denial of service ',
  ' vulnerability in ',
  ' versions prior to ',
  ' before ',
  ' in the ',
  'This vulnerability ',
  ' has been patched in version ',
  '"cw":["CWE-',
  '"rf":["https://nvd.nist.gov/vuln/detail/CVE-',
  'https://github.com/',
  '"a":["CVE-',
  '{"s":"',
].join('');

const DICT_BUF = Buffer.from(ZDICT, 'latin1');

function corrupt(what: string): AppError {
  return new AppError('INPUT', `advisory DB: corrupt row (${what}); rebuild it with "drydock db update"`);
}

// ---------------------------------------------------------------------------------------- bodies

const DEFLATED = 1;

export function encodeBody(value: object, dict: Buffer = DICT_BUF): string | Buffer {
  const json = JSON.stringify(value);
  if (Buffer.byteLength(json) < DEFLATE_THRESHOLD) return json;
  // Level 3: ~2.5x faster than the default 6 on advisory bodies for ~4% more bytes (import speed matters more).
  return Buffer.concat([Buffer.of(DEFLATED), deflateRawSync(json, { dictionary: dict, level: 3 })]);
}

/** A stored body: JSON text, or a BLOB of DEFLATED and the deflated JSON. */
export function decodeBody(stored: unknown, dict: Buffer, what: string): Record<string, unknown> {
  let text: string;
  if (typeof stored === 'string') text = stored;
  else if (stored instanceof Uint8Array && stored.length > 1 && stored[0] === DEFLATED) {
    try {
      text = inflateRawSync(Buffer.from(stored.buffer, stored.byteOffset + 1, stored.length - 1), { dictionary: dict }).toString('utf8');
    } catch {
      throw corrupt(what);
    }
  } else throw corrupt(what);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw corrupt(what);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw corrupt(what);
  return value as Record<string, unknown>;
}

export function dictionaryBuffer(text: string): Buffer {
  return Buffer.from(text, 'latin1');
}

// ------------------------------------------------------------------------------ field checkers

export function optString(v: unknown, what: string): string | undefined {
  if (v === undefined) return undefined;
  if (typeof v !== 'string') throw corrupt(what);
  return v;
}

export function stringList(v: unknown, what: string): string[] {
  if (v === undefined) return [];
  if (!Array.isArray(v)) throw corrupt(what);
  for (let i = 0; i < v.length; i++) if (typeof v[i] !== 'string') throw corrupt(what);
  return v as string[];
}

function severityOf(v: unknown, what: string): Severity {
  if (typeof v !== 'string' || !isSeverity(v)) throw corrupt(what);
  return v;
}

export function severityList(v: unknown, what: string): SeverityRating[] {
  if (v === undefined) return [];
  if (!Array.isArray(v)) throw corrupt(what);
  const out: SeverityRating[] = new Array<SeverityRating>(v.length);
  for (let i = 0; i < v.length; i++) out[i] = severityRating(v[i], what);
  return out;
}

function severityRating(r: unknown, what: string): SeverityRating {
  if (typeof r !== 'object' || r === null) throw corrupt(what);
  const o = r as Record<string, unknown>;
  const rating: SeverityRating = { source: optString(o['source'], what) ?? '', severity: severityOf(o['severity'], what) };
  const c = o['cvss'] as Record<string, unknown> | undefined;
  if (c !== undefined) {
    const version = c['version'];
    if ((version !== '2.0' && version !== '3.0' && version !== '3.1' && version !== '4.0') || typeof c['vector'] !== 'string' || typeof c['score'] !== 'number') {
      throw corrupt(what);
    }
    rating.cvss = { version, vector: c['vector'], score: c['score'] };
  }
  return rating;
}

// --------------------------------------------------------------------------- affected entries

/** Compact form of an AffectedPackage without its namespace and name (those are columns). */
export interface CompactEntry {
  s: AffectedStatus;
  k?: 'source' | 'binary';
  r?: string[][];
  v?: string[];
  /**
   * The equality keys of `v` (VersionScheme.equalityKeys of the namespace's scheme, PEP 440 today), one
   * per line, so a scan need not compute them for every list it consults. The field name stands for
   * today's key definition: a change to an `equalityKeys` function must rename it (or bump the schema),
   * so that a DB written with the old keys is never read with the new meaning.
   */
  vk?: string;
  n?: string;
  sev?: Severity;
  note?: string;
}

function encodeRange(r: VersionRange): string[] {
  const type = r.type === 'ECOSYSTEM' ? 'E' : r.type === 'SEMVER' ? 'S' : 'G';
  const out = [type];
  for (const e of r.events) {
    if ('introduced' in e) out.push(`i${e.introduced}`);
    else if ('fixed' in e) out.push(`f${e.fixed}`);
    else if ('last_affected' in e) out.push(`l${e.last_affected}`);
    else out.push(`m${e.limit}`);
  }
  return out;
}

/** `vk` of an entry: its versions' equality keys joined by line breaks, when its namespace's scheme has them. */
function equalityKeysOf(a: AffectedPackage): string | undefined {
  const id = schemeForNamespace(a.namespace);
  const keysOf = id === undefined ? undefined : schemeById(id).equalityKeys;
  if (keysOf === undefined) return undefined;
  const keys = keysOf(a.versions);
  // Keys are digits and dots; the check keeps the one-line-per-version layout a promise, not a hope.
  return keys.length === a.versions.length && keys.every((k) => !k.includes('\n')) ? keys.join('\n') : undefined;
}

export function encodeEntry(a: AffectedPackage): CompactEntry {
  const e: CompactEntry = { s: a.status };
  if (a.packageKind !== undefined) e.k = a.packageKind;
  if (a.ranges.length) e.r = a.ranges.map(encodeRange);
  if (a.versions.length) {
    e.v = a.versions;
    const keys = equalityKeysOf(a);
    if (keys !== undefined) e.vk = keys;
  }
  if (a.nativeRange !== undefined) e.n = a.nativeRange;
  if (a.severity !== undefined) e.sev = a.severity;
  if (a.note !== undefined) e.note = a.note;
  return e;
}

/** One compact event (`i1.2.3`) back to its OSV object; plain literals (no computed keys) keep this cheap. */
function decodeEvent(ev: unknown, what: string): RangeEvent {
  if (typeof ev !== 'string') throw corrupt(what);
  const version = ev.slice(1);
  switch (ev.charCodeAt(0)) {
    case 0x69: // i
      return { introduced: version };
    case 0x66: // f
      return { fixed: version };
    case 0x6c: // l
      return { last_affected: version };
    case 0x6d: // m
      return { limit: version };
    default:
      throw corrupt(what);
  }
}

function decodeRange(v: unknown, what: string): VersionRange {
  if (!Array.isArray(v) || v.length === 0) throw corrupt(what);
  const type = v[0] === 'E' ? 'ECOSYSTEM' : v[0] === 'S' ? 'SEMVER' : v[0] === 'G' ? 'GIT' : undefined;
  if (type === undefined) throw corrupt(what);
  const events: RangeEvent[] = new Array<RangeEvent>(v.length - 1);
  for (let i = 1; i < v.length; i++) events[i - 1] = decodeEvent(v[i], what);
  return { type, events };
}

function decodeEntry(raw: unknown, namespace: string, name: string, what: string): AffectedPackage {
  if (typeof raw !== 'object' || raw === null) throw corrupt(what);
  const o = raw as Record<string, unknown>;
  const status = o['s'] as AffectedStatus;
  if (!STATUSES.includes(status)) throw corrupt(what);
  const r = o['r'];
  let ranges: VersionRange[] = [];
  if (r !== undefined) {
    if (!Array.isArray(r)) throw corrupt(what);
    ranges = new Array<VersionRange>(r.length);
    for (let i = 0; i < r.length; i++) ranges[i] = decodeRange(r[i], what);
  }
  const a: AffectedPackage = { namespace, name, status, ranges, versions: stringList(o['v'], what) };
  const k = o['k'];
  if (k === 'source' || k === 'binary') a.packageKind = k;
  else if (k !== undefined) throw corrupt(what);
  const native = optString(o['n'], what);
  if (native !== undefined) a.nativeRange = native;
  if (o['sev'] !== undefined) a.severity = severityOf(o['sev'], what);
  const note = optString(o['note'], what);
  if (note !== undefined) a.note = note;
  return a;
}

/**
 * A row's entries, appended to `out` through `wrap` (the lookup wraps each in its match record, with
 * the stored equality keys of its versions, CompactEntry.vk, when there are any).
 */
export function decodeEntriesInto<T>(json: string, namespace: string, name: string, what: string, out: T[], wrap: (a: AffectedPackage, versionKeys: string | undefined) => T): void {
  let list: unknown;
  try {
    list = JSON.parse(json);
  } catch {
    throw corrupt(what);
  }
  if (!Array.isArray(list)) throw corrupt(what);
  for (let i = 0; i < list.length; i++) {
    const a = decodeEntry(list[i], namespace, name, what);
    out.push(wrap(a, a.versions.length > 0 ? optString((list[i] as Record<string, unknown>)['vk'], what) : undefined));
  }
}

export function decodeEntries(json: string, namespace: string, name: string, what: string): AffectedPackage[] {
  const out: AffectedPackage[] = [];
  decodeEntriesInto(json, namespace, name, what, out, (a) => a);
  return out;
}

export function isAffectedStatus(s: unknown): s is AffectedStatus {
  return STATUSES.includes(s as AffectedStatus);
}
