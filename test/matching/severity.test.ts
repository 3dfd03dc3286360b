import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { chooseSeverity, highestCvss } from '../../src/matching/severity.js';
import { scoreCvss } from '../../src/vulndb/cvss.js';
import type { SeverityRating } from '../../src/vulndb/model.js';
import { VULNDATA } from './osv-records.js';

const NVD = join(VULNDATA, 'nvd/fkie-cad-nvd-json-data-feeds');

/** The CVSS ratings of a real NVD record, scored by drydock's calculator; NVD's own as source `nvd`. */
function nvdRatings(id: string): SeverityRating[] {
  const dir = join(NVD, id.slice(0, 8));
  const sub = readdirSync(dir).find((d) => readdirSync(join(dir, d)).includes(`${id}.json`));
  if (!sub) throw new Error(`no NVD record ${id}`);
  const rec = JSON.parse(readFileSync(join(dir, sub, `${id}.json`), 'utf8')) as { metrics: Record<string, Array<{ source: string; cvssData?: { vectorString?: string } }>> };
  const out: SeverityRating[] = [];
  for (const list of Object.values(rec.metrics)) {
    for (const m of list) {
      const s = m.cvssData?.vectorString ? scoreCvss(m.cvssData.vectorString) : undefined;
      if (s) out.push({ source: m.source === 'nvd@nist.gov' ? 'nvd' : m.source, cvss: { version: s.version, vector: s.vector, score: s.score }, severity: s.severity });
    }
  }
  return out;
}

describe('severity selection', () => {
  const regresshion = nvdRatings('CVE-2024-6387'); // NVD Primary 3.1 8.1 HIGH + Red Hat Secondary
  const musl = nvdRatings('CVE-2026-6042'); // CNA only: v4.0 4.8 MEDIUM, v3.1 3.3 LOW, v2 1.7

  it('distro feed: the vendor severity wins over NVD', () => {
    expect(chooseSeverity({ distro: true, feed: 'debian', vendor: 'low', advisory: [], cve: regresshion })).toEqual({ severity: 'low', source: 'debian' });
  });

  it('distro feed without a vendor rating: NVD Primary CVSS v3.x', () => {
    expect(chooseSeverity({ distro: true, feed: 'alpine-secdb', advisory: [], cve: regresshion })).toEqual({ severity: 'high', source: 'nvd' });
  });

  it('no NVD rating: other sources, CVSS v3.x before v4.0 before v2', () => {
    expect(chooseSeverity({ distro: true, feed: 'alpine-secdb', advisory: [], cve: musl })).toEqual({ severity: 'low', source: 'cna@vuldb.com' });
    expect(chooseSeverity({ distro: true, feed: 'alpine-secdb', advisory: [], cve: musl.filter((r) => r.cvss?.version !== '3.1') })).toEqual({ severity: 'medium', source: 'cna@vuldb.com' });
  });

  it('language feed: the feed own CVSS first, NVD as the fallback', () => {
    const ghsa = scoreCvss('CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:L');
    expect(ghsa).toBeDefined();
    const own: SeverityRating = { source: 'osv', cvss: { version: '3.1', vector: ghsa?.vector ?? '', score: ghsa?.score ?? 0 }, severity: ghsa?.severity ?? 'unknown' };
    expect(chooseSeverity({ distro: false, feed: 'osv', advisory: [own], cve: regresshion })).toEqual({ severity: 'medium', source: 'osv' });
    expect(chooseSeverity({ distro: false, feed: 'osv', advisory: [], cve: regresshion })).toEqual({ severity: 'high', source: 'nvd' });
  });

  it('nothing known: unknown', () => {
    expect(chooseSeverity({ distro: false, feed: 'osv', advisory: [], cve: nvdRatings('CVE-2024-9143') })).toEqual({ severity: 'unknown', source: 'none' });
  });

  it('the reported CVSS is the highest v3/v4 base score, with its vector', () => {
    expect(highestCvss(musl)).toMatchObject({ version: '4.0', score: 4.8, source: 'cna@vuldb.com' });
    expect(highestCvss(musl.filter((r) => r.cvss?.version === '2.0'))).toMatchObject({ version: '2.0', score: 1.7 });
  });
});
