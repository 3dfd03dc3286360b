import { AppError } from '../../core/errors.js';
import type { Advisory, CveRecord, KevEntry, SeverityRating } from '../model.js';
import { optString, severityList, stringList } from './codec.js';

/**
 * The JSON inside `advisory.body` and `cve.body` (short keys; see codec.ts for the wrapping), and
 * `kev.body`. `pk` lists the advisory's packages as [namespace id, name] so its affected rows can be
 * found (and replaced on a merge) through the (namespace, name) index.
 */
export interface AdvisoryBody {
  a?: string[];
  rl?: string[];
  s?: string;
  d?: string;
  p?: string;
  m?: string;
  w?: string;
  sv?: SeverityRating[];
  cw?: string[];
  rf?: string[];
  pk: Array<[number, string]>;
}

export type AdvisoryFields = Omit<Advisory, 'id' | 'feed' | 'affected'>;

function nonEmpty<T>(list: readonly T[] | undefined): list is T[] {
  return list !== undefined && list.length > 0;
}

export function advisoryBody(a: AdvisoryFields, pk: Array<[number, string]>): AdvisoryBody {
  const b: AdvisoryBody = { pk };
  if (nonEmpty(a.aliases)) b.a = a.aliases;
  if (nonEmpty(a.related)) b.rl = a.related;
  if (a.summary !== undefined) b.s = a.summary;
  if (a.details !== undefined) b.d = a.details;
  if (a.published !== undefined) b.p = a.published;
  if (a.modified !== undefined) b.m = a.modified;
  if (a.withdrawn !== undefined) b.w = a.withdrawn;
  if (nonEmpty(a.severities)) b.sv = a.severities;
  if (nonEmpty(a.cwes)) b.cw = a.cwes;
  if (nonEmpty(a.references)) b.rf = a.references;
  return b;
}

function packageList(v: unknown, what: string): Array<[number, string]> {
  if (!Array.isArray(v) || !v.every((p) => Array.isArray(p) && typeof p[0] === 'number' && typeof p[1] === 'string')) {
    throw new AppError('INPUT', `advisory DB: corrupt row (${what}); rebuild it with "drydock db update"`);
  }
  return v as Array<[number, string]>;
}

/** The fields of an advisory body (without its package list: only the DB's own bookkeeping needs that). */
export function readAdvisoryFields(o: Record<string, unknown>, what: string): AdvisoryFields {
  const fields: AdvisoryFields = {
    aliases: stringList(o['a'], what),
    severities: severityList(o['sv'], what),
    cwes: stringList(o['cw'], what),
    references: stringList(o['rf'], what),
  };
  const related = stringList(o['rl'], what);
  if (related.length) fields.related = related;
  const summary = optString(o['s'], what);
  if (summary !== undefined) fields.summary = summary;
  const details = optString(o['d'], what);
  if (details !== undefined) fields.details = details;
  const published = optString(o['p'], what);
  if (published !== undefined) fields.published = published;
  const modified = optString(o['m'], what);
  if (modified !== undefined) fields.modified = modified;
  const withdrawn = optString(o['w'], what);
  if (withdrawn !== undefined) fields.withdrawn = withdrawn;
  return fields;
}

export function readAdvisoryBody(o: Record<string, unknown>, what: string): { fields: AdvisoryFields; pk: Array<[number, string]> } {
  return { fields: readAdvisoryFields(o, what), pk: packageList(o['pk'], what) };
}

function union<T>(a: readonly T[], b: readonly T[], key: (x: T) => string = String): T[] {
  const seen = new Set(a.map(key));
  const out = [...a];
  for (const x of b) {
    const k = key(x);
    if (!seen.has(k)) {
      seen.add(k);
      out.push(x);
    }
  }
  return out;
}

/**
 * Merge a later record of the same (feed, id) into the stored one: lists are unioned (earlier order
 * first), a later scalar that is set wins. Affected packages are merged by the writer: the later
 * record's entries replace the earlier ones of the same (namespace, name).
 */
export function mergeFields(earlier: AdvisoryFields, later: AdvisoryFields): AdvisoryFields {
  const merged: AdvisoryFields = {
    aliases: union(earlier.aliases, later.aliases),
    severities: union(earlier.severities, later.severities, (s) => JSON.stringify(s)),
    cwes: union(earlier.cwes, later.cwes),
    references: union(earlier.references, later.references),
  };
  const related = union(earlier.related ?? [], later.related ?? []);
  if (related.length) merged.related = related;
  for (const k of ['summary', 'details', 'published', 'modified', 'withdrawn'] as const) {
    const v = later[k] ?? earlier[k];
    if (v !== undefined) merged[k] = v;
  }
  return merged;
}

export function cveBody(r: CveRecord): Record<string, unknown> {
  const b: Record<string, unknown> = { src: r.source };
  if (r.description !== undefined) b['d'] = r.description;
  if (r.published !== undefined) b['p'] = r.published;
  if (r.modified !== undefined) b['m'] = r.modified;
  if (r.status !== undefined) b['st'] = r.status;
  if (r.severities.length) b['sv'] = r.severities;
  if (r.cwes.length) b['cw'] = r.cwes;
  if (r.references.length) b['rf'] = r.references;
  return b;
}

export function readCveBody(id: string, o: Record<string, unknown>, what: string): CveRecord {
  const r: CveRecord = {
    id,
    source: optString(o['src'], what) ?? '',
    severities: severityList(o['sv'], what),
    cwes: stringList(o['cw'], what),
    references: stringList(o['rf'], what),
  };
  const description = optString(o['d'], what);
  if (description !== undefined) r.description = description;
  const published = optString(o['p'], what);
  if (published !== undefined) r.published = published;
  const modified = optString(o['m'], what);
  if (modified !== undefined) r.modified = modified;
  const status = optString(o['st'], what);
  if (status !== undefined) r.status = status;
  return r;
}

export function kevBody(k: KevEntry): string {
  const { cve: _cve, ...rest } = k;
  return JSON.stringify(rest);
}

export function readKevBody(cve: string, text: unknown, what: string): KevEntry {
  let o: Record<string, unknown>;
  try {
    o = JSON.parse(String(text)) as Record<string, unknown>;
  } catch {
    throw new AppError('INPUT', `advisory DB: corrupt row (${what}); rebuild it with "drydock db update"`);
  }
  const k: KevEntry = { cve, dateAdded: optString(o['dateAdded'], what) ?? '' };
  for (const key of ['vendorProject', 'product', 'name', 'dueDate', 'knownRansomwareCampaignUse'] as const) {
    const v = optString(o[key], what);
    if (v !== undefined) k[key] = v;
  }
  return k;
}
