import * as z from 'zod';
import { isSeverity } from '../../../core/severity.js';
import { scoreCvss } from '../../cvss.js';
import { normalizePackageName } from '../../ecosystems.js';
import type { Advisory, AffectedPackage, SeverityRating } from '../../model.js';
import { contains, formatRange, holdsRelease, rangeIntervals, subtract, toOsvRanges, type Interval } from './semver-set.js';

/**
 * nodejs/security-wg `vuln/` records → Advisories.
 *  - `vuln/npm/<n>.json`: npm packages (`module_name`, `vulnerable_versions`, `patched_versions`) →
 *    `NSWG-ECO-<n>` in namespace `npm`.
 *  - `vuln/core/<n>.json`: the Node.js runtime (`vulnerable`, `patched`) → `NSWG-COR-<n>` in namespace
 *    `nodejs`, package `node`.
 * Both formats mean "vulnerable minus patched" (the data has `vulnerable: 8.x, patched: ^8.1.4`, and npm
 * records whose ranges overlap, e.g. `>=2.0.0` vs `>=2.15.0`). The affected set is computed once and
 * given as OSV SEMVER ranges (with `fixed` where the next version is a patched one) and, for npm, also
 * as a node-semver `nativeRange` denoting the same set.
 */
export const FEED_ID = 'nodejs-security-wg';
const CVE_RE = /^CVE-\d{4}-\d{4,}$/;

const text = z.string().nullish();
const NpmRecord = z.object({
  id: z.union([z.number().int().nonnegative(), z.string().regex(/^\d+$/)]),
  module_name: z.string().min(1),
  vulnerable_versions: z.string(),
  patched_versions: text,
  cves: z.array(z.string()).nullish(),
  title: text,
  overview: text,
  recommendation: text,
  references: z.array(z.string()).nullish(),
  cvss_vector: text,
  cvss_score: z.number().nullish(),
  created_at: text,
  updated_at: text,
  publish_date: text,
});

const CoreRecord = z.object({
  cve: z.array(z.string()).nullish(),
  vulnerable: z.string(),
  patched: text,
  ref: text,
  description: text,
  overview: text,
  affectedEnvironments: z.array(z.string()).nullish(),
  severity: text,
  cvss: text,
  cvss_score: z.number().nullish(),
  publish_date: text,
  type: text,
});

export interface Converted {
  advisory?: Advisory;
  warnings: string[];
}

export type RecordKind = 'npm' | 'core';

/** Which format a record has (npm records name a module, core ones do not). */
export function recordKind(json: unknown): RecordKind | undefined {
  if (typeof json !== 'object' || json === null || Array.isArray(json)) return undefined;
  if ('module_name' in json) return 'npm';
  if ('vulnerable' in json) return 'core';
  return undefined;
}

function issues(error: z.ZodError): string {
  return error.issues.map((i) => `${i.path.join('.') || '(record)'}: ${i.message}`).join('; ');
}

/** A `YYYY-MM-DD` date (the feed's only format), else undefined. */
function day(s: string | null | undefined): string | undefined {
  return s != null && /^\d{4}-\d{2}-\d{2}$/.test(s) ? s : undefined;
}

interface AffectedSet {
  intervals: Interval[];
  patched: Interval[];
}

/** vulnerable minus patched; a string saying what is wrong otherwise. */
function affectedSet(vulnerable: string, patched: string | null | undefined, where: string, warnings: string[]): AffectedSet | string {
  let vuln: Interval[];
  try {
    vuln = rangeIntervals(vulnerable);
  } catch {
    return `${where}: invalid vulnerable range "${vulnerable}"`;
  }
  let fixed: Interval[] = [];
  if (patched != null && patched.trim() !== '') {
    try {
      fixed = rangeIntervals(patched);
    } catch {
      warnings.push(`${where}: invalid patched range "${patched}"; every version in "${vulnerable}" is taken as affected`);
    }
  }
  const intervals = subtract(vuln, fixed);
  if (intervals.length === 0) return `${where}: no version is affected: vulnerable "${vulnerable}" lies within patched "${patched ?? ''}"`;
  return { intervals, patched: fixed };
}

function affectedEntry(namespace: string, name: string, set: AffectedSet, native: boolean): AffectedPackage {
  const ranges = toOsvRanges(set.intervals, (v) => contains(set.patched, v));
  // `fixed` when the feed names patched versions, even where no range ends exactly at one.
  const entry: AffectedPackage = { namespace, name, status: holdsRelease(set.patched) ? 'fixed' : 'affected', ranges, versions: [] };
  if (native) entry.nativeRange = formatRange(set.intervals);
  return entry;
}

function cvssRating(vector: string, stated: number | null | undefined, where: string, warnings: string[]): SeverityRating | undefined {
  const s = scoreCvss(vector);
  if (!s) {
    warnings.push(`${where}: "${vector}" is not a valid CVSS vector; ignored`);
    return undefined;
  }
  if (stated != null && Math.abs(stated - s.score) > 0.05) {
    warnings.push(`${where}: the record states CVSS score ${stated} for ${vector}, which scores ${s.score}; using ${s.score}`);
  }
  return { source: FEED_ID, cvss: { version: s.version, vector: s.vector, score: s.score }, severity: s.severity };
}

function cves(list: readonly string[] | null | undefined): string[] {
  return [...new Set((list ?? []).map((c) => c.trim()).filter((c) => CVE_RE.test(c)))];
}

function withOptional(a: Advisory, fields: Partial<Record<'summary' | 'details' | 'published' | 'modified', string | undefined>>): Advisory {
  for (const [k, v] of Object.entries(fields) as Array<[keyof typeof fields, string | undefined]>) if (v !== undefined && v !== '') a[k] = v;
  return a;
}

/** One `vuln/npm/<n>.json` record. `where` names the file for warnings. */
export function convertNpm(json: unknown, where: string): Converted {
  const warnings: string[] = [];
  const parsed = NpmRecord.safeParse(json);
  if (!parsed.success) return { warnings: [`${where}: not a security-wg npm record (${issues(parsed.error)})`] };
  const r = parsed.data;
  const set = affectedSet(r.vulnerable_versions, r.patched_versions, where, warnings);
  if (typeof set === 'string') return { warnings: [...warnings, set] };
  const name = normalizePackageName('npm', r.module_name.trim());
  const rating = r.cvss_vector ? cvssRating(r.cvss_vector, r.cvss_score, where, warnings) : undefined;
  const advisory: Advisory = {
    id: `NSWG-ECO-${r.id}`,
    feed: FEED_ID,
    aliases: cves(r.cves),
    severities: rating ? [rating] : [],
    cwes: [],
    references: [...new Set([...(r.references ?? []), `https://github.com/nodejs/security-wg/blob/main/vuln/npm/${r.id}.json`])],
    affected: [affectedEntry('npm', name, set, true)],
  };
  const details = [r.overview?.trim(), r.recommendation ? `Recommendation: ${r.recommendation.trim()}` : undefined].filter((x) => x);
  withOptional(advisory, {
    summary: r.title?.trim(),
    details: details.join('\n\n'),
    published: day(r.publish_date) ?? day(r.created_at),
    modified: day(r.updated_at),
  });
  return { advisory, warnings };
}

/** One `vuln/core/<n>.json` record; `n` comes from the file name (core records carry no id). */
export function convertCore(json: unknown, n: string, where: string): Converted {
  const warnings: string[] = [];
  const parsed = CoreRecord.safeParse(json);
  if (!parsed.success) return { warnings: [`${where}: not a security-wg core record (${issues(parsed.error)})`] };
  const r = parsed.data;
  const set = affectedSet(r.vulnerable, r.patched, where, warnings);
  if (typeof set === 'string') return { warnings: [...warnings, set] };
  const entry = affectedEntry('nodejs', 'node', set, false);
  const envs = r.affectedEnvironments ?? ['all'];
  if (!envs.includes('all') && !envs.includes('linux')) {
    // Container images run Linux; a flaw only in the Windows (or macOS) build does not affect them.
    entry.status = 'not-affected';
    entry.note = `only affects ${envs.join(', ')} (affectedEnvironments)`;
  }
  const severities: SeverityRating[] = [];
  const vector = r.cvss ? (r.cvss.startsWith('CVSS:') ? r.cvss : `CVSS:${r.cvss}`) : undefined;
  const rating = vector ? cvssRating(vector, r.cvss_score, where, warnings) : undefined;
  if (rating) severities.push(rating);
  const word = r.severity?.toLowerCase();
  if (!rating && word && word !== 'unknown' && isSeverity(word)) severities.push({ source: FEED_ID, severity: word });
  const cwe = /^CWE-\d+/.exec(r.type ?? '')?.[0];
  const advisory: Advisory = {
    id: `NSWG-COR-${n}`,
    feed: FEED_ID,
    aliases: cves(r.cve),
    severities,
    cwes: cwe ? [cwe] : [],
    references: [...new Set([...(r.ref ? [r.ref] : []), `https://github.com/nodejs/security-wg/blob/main/vuln/core/${n}.json`])],
    affected: [entry],
  };
  withOptional(advisory, { summary: r.description?.trim(), details: r.overview?.trim(), published: day(r.publish_date) });
  return { advisory, warnings };
}
