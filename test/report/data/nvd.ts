import { readFileSync } from 'node:fs';
import { scoreCvss } from '../../../src/vulndb/cvss.js';
import type { SeverityRating } from '../../../src/vulndb/model.js';
import { SHARED } from '../../sbom/paths.js';

/** What a finding takes from an NVD API 2.0 record in ../shared/vulndata (real files, read as they are). */
export interface NvdFacts {
  description?: string;
  ratings: SeverityRating[];
  cwes: string[];
  references: string[];
  published?: string;
  modified?: string;
}

interface NvdMetric {
  source?: string;
  cvssData?: { vectorString?: string };
}

interface NvdRecord {
  published?: string;
  lastModified?: string;
  descriptions?: Array<{ lang: string; value: string }>;
  metrics?: Record<string, NvdMetric[]>;
  weaknesses?: Array<{ description?: Array<{ value: string }> }>;
  references?: Array<{ url: string }>;
}

/** `CVE-2024-9143` → …/CVE-2024/CVE-2024-91xx/CVE-2024-9143.json */
export function nvdPath(cve: string): string {
  const m = /^CVE-(\d{4})-(\d+)$/.exec(cve);
  if (!m?.[1] || !m[2]) throw new Error(`not a CVE id: ${cve}`);
  return `${SHARED}vulndata/nvd/fkie-cad-nvd-json-data-feeds/CVE-${m[1]}/CVE-${m[1]}-${m[2].slice(0, -2)}xx/${cve}.json`;
}

export function nvdFacts(cve: string): NvdFacts {
  const rec = JSON.parse(readFileSync(nvdPath(cve), 'utf8')) as NvdRecord;
  const ratings: SeverityRating[] = [];
  for (const key of ['cvssMetricV40', 'cvssMetricV31', 'cvssMetricV30', 'cvssMetricV2']) {
    for (const metric of rec.metrics?.[key] ?? []) {
      const vector = metric.cvssData?.vectorString;
      const scored = vector === undefined ? undefined : scoreCvss(vector);
      if (!scored) continue;
      ratings.push({ source: metric.source ?? 'nvd', cvss: { version: scored.version, vector: scored.vector, score: scored.score }, severity: scored.severity });
    }
  }
  const cwes = [...new Set((rec.weaknesses ?? []).flatMap((w) => (w.description ?? []).map((d) => d.value)).filter((v) => /^CWE-\d+$/.test(v)))];
  const out: NvdFacts = { ratings, cwes, references: (rec.references ?? []).map((r) => r.url) };
  const description = rec.descriptions?.find((d) => d.lang === 'en')?.value;
  if (description !== undefined) out.description = description;
  if (rec.published !== undefined) out.published = rec.published;
  if (rec.lastModified !== undefined) out.modified = rec.lastModified;
  return out;
}
