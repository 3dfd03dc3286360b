import * as z from 'zod';
import { cvssVersionOf, scoreCvss } from '../../cvss.js';
import type { CveRecord, CvssVersion, SeverityRating } from '../../model.js';

/**
 * One NVD API 2.0 CVE object (`vulnerabilities[].cve` of an API page, or one file of the
 * fkie-cad/nvd-json-data-feeds tree) → CveRecord. Only what enrichment needs is read: description,
 * dates, status, CVSS metrics, CWEs and reference URLs. CPE `configurations` are deliberately not
 * read: drydock matches packages with the distro and ecosystem feeds, which know the packages' own
 * versions; NVD's CPE ranges name upstream products and flag fixed distro packages (zlib CVE-2023-45853
 * is `<= 1.3` in NVD and "not affected" in Alpine's secdb).
 */
export const NVD_SOURCE = 'nvd';

const CVE_ID = z.string().regex(/^CVE-\d{4}-\d{4,}$/);
const LangString = z.object({ lang: z.string(), value: z.string() });
const Metric = z.object({
  source: z.string(),
  type: z.string(),
  cvssData: z.object({ version: z.string(), vectorString: z.string(), baseScore: z.number() }),
});
const Weakness = z.object({ description: z.array(LangString) });
const Reference = z.object({ url: z.string() });
const Cve = z.object({
  id: CVE_ID,
  published: z.string().optional(),
  lastModified: z.string().optional(),
  vulnStatus: z.string().optional(),
  descriptions: z.array(z.unknown()).optional(),
  metrics: z.record(z.string(), z.unknown()).optional(),
  weaknesses: z.array(z.unknown()).optional(),
  references: z.array(z.unknown()).optional(),
});

/** Metric lists, newest CVSS version first, with the version each must declare. */
const METRIC_KEYS: ReadonlyArray<[string, CvssVersion]> = [
  ['cvssMetricV40', '4.0'],
  ['cvssMetricV31', '3.1'],
  ['cvssMetricV30', '3.0'],
  ['cvssMetricV2', '2.0'],
];

/** Placeholder weaknesses NVD uses when it has no CWE. */
const NO_CWE = new Set(['NVD-CWE-Other', 'NVD-CWE-noinfo']);

export interface ConvertedCve {
  record?: CveRecord;
  warnings: string[];
}

function issues(error: z.ZodError): string {
  return error.issues.map((i) => `${i.path.join('.') || '(record)'}: ${i.message}`).join('; ');
}

/** NVD timestamps are UTC without a zone (`2024-07-01T13:15:06.467`); returned as ISO 8601 with `Z`. */
export function nvdTime(s: string | undefined): string | undefined {
  if (s === undefined) return undefined;
  const m = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?)(Z|[+-]\d{2}:\d{2})?$/.exec(s);
  if (!m?.[1]) return undefined;
  const iso = m[2] === undefined || m[2] === 'Z' || m[2] === '+00:00' ? `${m[1]}Z` : s;
  return Number.isNaN(Date.parse(iso)) ? undefined : iso;
}

/** Each element of `list` parsed with `schema`; the bad ones reported as `<where>: <what>[i]: ...`. */
function each<T>(list: readonly unknown[] | undefined, schema: z.ZodType<T>, what: string, warnings: string[]): T[] {
  const out: T[] = [];
  (list ?? []).forEach((item, i) => {
    const p = schema.safeParse(item);
    if (p.success) out.push(p.data);
    else warnings.push(`${what}[${i}] ignored: ${issues(p.error)}`);
  });
  return out;
}

function ratings(id: string, metrics: Record<string, unknown>, warnings: string[]): SeverityRating[] {
  const out: SeverityRating[] = [];
  const seen = new Set<string>();
  for (const [key, version] of METRIC_KEYS) {
    const list = metrics[key];
    if (list === undefined) continue;
    if (!Array.isArray(list)) {
      warnings.push(`${id}: metrics.${key} is not a list; ignored`);
      continue;
    }
    for (const m of each(list, Metric, `${id}: metrics.${key}`, warnings)) {
      const vector = m.cvssData.vectorString;
      const source = m.type === 'Primary' || m.source === 'nvd@nist.gov' ? NVD_SOURCE : m.source;
      const s = scoreCvss(vector);
      if (!s || cvssVersionOf(s.vector) !== version) {
        warnings.push(`${id}: ${key} from ${m.source}: "${vector}" is not a valid CVSS ${version} vector; ignored`);
        continue;
      }
      if (Math.abs(s.score - m.cvssData.baseScore) > 0.05) {
        warnings.push(`${id}: ${key} from ${m.source} states baseScore ${m.cvssData.baseScore} for ${vector}, which scores ${s.score}; using ${s.score}`);
      }
      const key2 = `${source}\u0000${s.vector}`;
      if (seen.has(key2)) continue;
      seen.add(key2);
      out.push({ source, cvss: { version: s.version, vector: s.vector, score: s.score }, severity: s.severity });
    }
  }
  return out;
}

function cwes(id: string, weaknesses: readonly unknown[] | undefined, warnings: string[]): string[] {
  const out = new Set<string>();
  for (const w of each(weaknesses, Weakness, `${id}: weaknesses`, warnings)) {
    for (const d of w.description) {
      const v = d.value.trim();
      if (/^CWE-\d+$/.test(v)) out.add(v);
      else if (!NO_CWE.has(v)) warnings.push(`${id}: weakness "${v}" is not a CWE id; ignored`);
    }
  }
  return [...out];
}

/** One CVE object; `where` names the document for warnings. */
export function convertNvdCve(json: unknown, where: string): ConvertedCve {
  const warnings: string[] = [];
  const parsed = Cve.safeParse(json);
  if (!parsed.success) return { warnings: [`${where}: not an NVD CVE record (${issues(parsed.error)})`] };
  const c = parsed.data;
  const descriptions = each(c.descriptions, LangString, `${c.id}: descriptions`, warnings);
  const description = (descriptions.find((d) => d.lang === 'en') ?? descriptions[0])?.value.trim();
  const record: CveRecord = {
    id: c.id,
    source: NVD_SOURCE,
    severities: ratings(c.id, c.metrics ?? {}, warnings),
    cwes: cwes(c.id, c.weaknesses, warnings),
    references: [...new Set(each(c.references, Reference, `${c.id}: references`, warnings).map((r) => r.url))],
  };
  if (description) record.description = description;
  const published = nvdTime(c.published);
  const modified = nvdTime(c.lastModified);
  if (published) record.published = published;
  else if (c.published !== undefined) warnings.push(`${c.id}: published "${c.published}" is not a timestamp; ignored`);
  if (modified) record.modified = modified;
  else if (c.lastModified !== undefined) warnings.push(`${c.id}: lastModified "${c.lastModified}" is not a timestamp; ignored`);
  if (c.vulnStatus) record.status = c.vulnStatus;
  return { record, warnings };
}
