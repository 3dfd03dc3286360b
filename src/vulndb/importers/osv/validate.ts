import type { RangeEvent } from '../../model.js';

/**
 * Defensive structural check of one OSV record (schema 1.x, validation/schema.json): the fields drydock
 * reads, with the types the schema gives them. Every problem is collected (not just the first), so a
 * warning names all of them. Unknown fields are ignored (newer minor schema versions only add fields);
 * JSON `null` in an optional field means "absent" (the schema allows it for several arrays).
 */

export interface OsvSeverity {
  type: string;
  score: string;
}

export interface OsvRange {
  type: 'ECOSYSTEM' | 'SEMVER' | 'GIT';
  events: RangeEvent[];
}

export interface OsvAffected {
  package?: { ecosystem: string; name: string; purl?: string };
  severity: OsvSeverity[];
  ranges: OsvRange[];
  versions: string[];
  ecosystemSpecific?: Record<string, unknown>;
  databaseSpecific?: Record<string, unknown>;
}

export interface OsvRecord {
  id: string;
  modified: string;
  published?: string;
  withdrawn?: string;
  aliases: string[];
  related: string[];
  upstream: string[];
  summary?: string;
  details?: string;
  severity: OsvSeverity[];
  affected: OsvAffected[];
  references: string[];
  databaseSpecific?: Record<string, unknown>;
}

export type Validated = { ok: true; record: OsvRecord } | { ok: false; problems: string[] };

type Obj = Record<string, unknown>;

const EVENT_KEYS = ['introduced', 'fixed', 'last_affected', 'limit'] as const;
const RANGE_TYPES = new Set(['ECOSYSTEM', 'SEMVER', 'GIT']);
/** OSV ids are `<DB>-<ENTRYID>`: printable, no whitespace, not absurdly long. */
const ID_PATTERN = /^[^\s\p{Cc}]{1,256}$/u;

function isObj(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Collects problems while reading fields; each read returns a safe value (empty / undefined) on error. */
class Reader {
  readonly problems: string[] = [];

  problem(path: string, what: string): void {
    this.problems.push(`${path}: ${what}`);
  }

  optString(o: Obj, key: string, path: string): string | undefined {
    const v = o[key];
    if (v === undefined || v === null) return undefined;
    if (typeof v !== 'string') this.problem(`${path}${key}`, `expected a string, got ${typeName(v)}`);
    return typeof v === 'string' ? v : undefined;
  }

  string(o: Obj, key: string, path: string): string {
    const v = this.optString(o, key, path);
    if (v === undefined && (o[key] === undefined || o[key] === null)) this.problem(`${path}${key}`, 'missing');
    else if (v === '') this.problem(`${path}${key}`, 'empty');
    return v ?? '';
  }

  stringArray(o: Obj, key: string, path: string): string[] {
    return this.array(o, key, path).flatMap((v, i) => {
      if (typeof v === 'string') return [v];
      this.problem(`${path}${key}[${i}]`, `expected a string, got ${typeName(v)}`);
      return [];
    });
  }

  array(o: Obj, key: string, path: string): unknown[] {
    const v = o[key];
    if (v === undefined || v === null) return [];
    if (!Array.isArray(v)) {
      this.problem(`${path}${key}`, `expected an array, got ${typeName(v)}`);
      return [];
    }
    return v;
  }

  optObject(o: Obj, key: string, path: string): Obj | undefined {
    const v = o[key];
    if (v === undefined || v === null) return undefined;
    if (!isObj(v)) this.problem(`${path}${key}`, `expected an object, got ${typeName(v)}`);
    return isObj(v) ? v : undefined;
  }

  objects(o: Obj, key: string, path: string): Array<{ value: Obj; path: string }> {
    return this.array(o, key, path).flatMap((v, i) => {
      const p = `${path}${key}[${i}]`;
      if (isObj(v)) return [{ value: v, path: `${p}.` }];
      this.problem(p, `expected an object, got ${typeName(v)}`);
      return [];
    });
  }
}

function typeName(v: unknown): string {
  if (v === null) return 'null';
  return Array.isArray(v) ? 'an array' : typeof v;
}

function readSeverity(r: Reader, o: Obj, path: string): OsvSeverity[] {
  return r.objects(o, 'severity', path).map(({ value, path: p }) => ({ type: r.string(value, 'type', p), score: r.string(value, 'score', p) }));
}

function readEvent(r: Reader, v: Obj, path: string): RangeEvent | undefined {
  const keys = Object.keys(v);
  const key = EVENT_KEYS.find((k) => k === keys[0]);
  if (keys.length !== 1 || key === undefined) {
    r.problem(path, `expected exactly one of ${EVENT_KEYS.join('/')}, got {${keys.join(', ')}}`);
    return undefined;
  }
  const value = v[key];
  if (typeof value !== 'string' || value === '') {
    r.problem(`${path}.${key}`, `expected a non-empty string, got ${typeName(value)}`);
    return undefined;
  }
  return { [key]: value } as RangeEvent;
}

function readRange(r: Reader, o: Obj, path: string): OsvRange | undefined {
  const type = r.string(o, 'type', path);
  if (type !== '' && !RANGE_TYPES.has(type)) r.problem(`${path}type`, `unknown range type "${type}"`);
  if (type === 'GIT' && typeof o.repo !== 'string') r.problem(`${path}repo`, 'a GIT range needs a repo');
  const events = r.objects(o, 'events', path).map(({ value, path: p }) => readEvent(r, value, p.slice(0, -1)));
  if (events.length === 0) r.problem(`${path}events`, 'missing or empty');
  else if (!events.some((e) => e !== undefined && 'introduced' in e)) r.problem(`${path}events`, 'no "introduced" event');
  if (!RANGE_TYPES.has(type) || events.some((e) => e === undefined)) return undefined;
  return { type: type as OsvRange['type'], events: events as RangeEvent[] };
}

function readPackage(r: Reader, o: Obj, path: string): OsvAffected['package'] {
  const pkg = r.optObject(o, 'package', path);
  if (!pkg) return undefined;
  const p = `${path}package.`;
  const purl = r.optString(pkg, 'purl', p);
  return { ecosystem: r.string(pkg, 'ecosystem', p), name: r.string(pkg, 'name', p), ...(purl !== undefined && { purl }) };
}

function readAffected(r: Reader, o: Obj, path: string): OsvAffected {
  const pkg = readPackage(r, o, path);
  const a: OsvAffected = {
    ...(pkg && { package: pkg }),
    severity: readSeverity(r, o, path),
    ranges: r.objects(o, 'ranges', path).flatMap(({ value, path: p }) => readRange(r, value, p) ?? []),
    versions: r.stringArray(o, 'versions', path),
  };
  const eco = r.optObject(o, 'ecosystem_specific', path);
  if (eco) a.ecosystemSpecific = eco;
  const db = r.optObject(o, 'database_specific', path);
  if (db) a.databaseSpecific = db;
  return a;
}

function readTime(r: Reader, o: Obj, key: string, required: boolean): string | undefined {
  const v = required ? r.string(o, key, '') : r.optString(o, key, '');
  if (v !== undefined && v !== '' && Number.isNaN(Date.parse(v))) r.problem(key, `not a date-time: "${v.slice(0, 40)}"`);
  return v;
}

/** Check `value` (a parsed JSON/YAML document) is an OSV record and return the parts drydock uses. */
export function validateOsvRecord(value: unknown): Validated {
  if (!isObj(value)) return { ok: false, problems: [`the document is ${typeName(value)}, not an object`] };
  const r = new Reader();
  const id = r.string(value, 'id', '');
  if (id !== '' && !ID_PATTERN.test(id)) r.problem('id', `not an OSV id: "${id.slice(0, 60)}"`);
  const record: OsvRecord = {
    id,
    modified: readTime(r, value, 'modified', true) ?? '',
    aliases: r.stringArray(value, 'aliases', ''),
    related: r.stringArray(value, 'related', ''),
    upstream: r.stringArray(value, 'upstream', ''),
    severity: readSeverity(r, value, ''),
    affected: r.objects(value, 'affected', '').map(({ value: a, path }) => readAffected(r, a, path)),
    references: r.objects(value, 'references', '').flatMap(({ value: ref, path }) => r.optString(ref, 'url', path) ?? []),
  };
  const optional = {
    published: readTime(r, value, 'published', false),
    withdrawn: readTime(r, value, 'withdrawn', false),
    summary: r.optString(value, 'summary', ''),
    details: r.optString(value, 'details', ''),
  };
  for (const [k, v] of Object.entries(optional)) if (v !== undefined) record[k as keyof typeof optional] = v;
  const db = r.optObject(value, 'database_specific', '');
  if (db) record.databaseSpecific = db;
  return r.problems.length > 0 ? { ok: false, problems: r.problems } : { ok: true, record };
}
