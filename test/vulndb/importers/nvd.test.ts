import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { REPO_ROOT } from '../../helpers/fixtures.js';
import { LocalFeedSource } from '../../../src/vulndb/sources/local.js';
import { HttpFeedSource } from '../../../src/vulndb/sources/http.js';
import { startFeedServer, type FeedServer } from '../../helpers/feed-server.js';
import { createNvdImporter, NVD_API_ROOT, nvdImporter } from '../../../src/vulndb/importers/nvd.js';
import { nvdTime } from '../../../src/vulndb/importers/nvd/record.js';
import type { ImportResult, ImportSink } from '../../../src/vulndb/importer.js';
import type { CveRecord } from '../../../src/vulndb/model.js';

const NVD_DIR = join(REPO_ROOT, '..', 'shared', 'vulndata', 'nvd', 'fkie-cad-nvd-json-data-feeds');
const CISA_ADP = '134c704f-9b21-4f2e-91b3-4a467353bcc0';

interface Collected {
  cves: Map<string, CveRecord>;
  warnings: string[];
  result: ImportResult;
}

async function importFrom(path: string): Promise<Collected> {
  const cves = new Map<string, CveRecord>();
  const warnings: string[] = [];
  const sink: ImportSink = {
    advisory: () => expect.fail('NVD produces no advisories'),
    cve: (r) => cves.set(r.id, r),
    kev: () => expect.fail('NVD produces no KEV entries'),
    epss: () => expect.fail('NVD produces no EPSS entries'),
    warn: (m) => warnings.push(m),
  };
  const result = await nvdImporter.import(new LocalFeedSource(path), sink);
  return { cves, warnings, result };
}

function sampleFile(id: string): string {
  const year = id.split('-')[1] ?? '';
  const files = readdirSync(NVD_DIR, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith(`/${id}.json`));
  expect(files, `${id} in the sample (${year})`).toHaveLength(1);
  return join(NVD_DIR, files[0] ?? '');
}

async function sampleJson(id: string): Promise<Record<string, unknown>> {
  return JSON.parse(await readFile(sampleFile(id), 'utf8')) as Record<string, unknown>;
}

const cvssOf = (r: CveRecord | undefined, source: string, version: string) =>
  r?.severities.find((s) => s.source === source && s.cvss?.version === version)?.cvss;

describe('nvd importer: the fkie-cad repository tree (real NVD records)', () => {
  let all: Collected;
  beforeAll(async () => {
    all = await importFrom(NVD_DIR);
  });

  it('imports all 43 records without a warning; the snapshot is the newest lastModified', () => {
    expect(all.cves.size).toBe(43);
    expect(all.warnings).toEqual([]);
    // CVE-2026-6042's lastModified is the newest in the sample (README per-file table).
    expect(all.result.snapshot).toBe('2026-06-17T11:00:13.667Z');
  });

  it('CVE-2024-6387 (regreSSHion): NVD v3.1 8.1, the Red Hat rating, CWEs, dates, 50 references', () => {
    const r = all.cves.get('CVE-2024-6387');
    expect(r).toMatchObject({
      source: 'nvd',
      status: 'Modified',
      published: '2024-07-01T13:15:06.467Z',
      modified: '2024-07-09T06:15:03.513Z',
      cwes: ['CWE-362', 'CWE-364'],
    });
    expect(r?.description).toMatch(/^A security regression \(CVE-2006-5051\) was discovered in OpenSSH's server \(sshd\)/);
    expect(cvssOf(r, 'nvd', '3.1')).toEqual({ version: '3.1', vector: 'CVSS:3.1/AV:N/AC:H/PR:N/UI:N/S:U/C:H/I:H/A:H', score: 8.1 });
    expect(cvssOf(r, 'secalert@redhat.com', '3.1')?.score).toBe(8.1);
    expect(r?.severities.map((s) => s.severity)).toEqual(['high', 'high']);
    expect(r?.references).toHaveLength(50);
  });

  it('CVE-2016-2781: NVD rates v3.0 6.5 and v2 2.1, CISA-ADP v3.1 4.6; a CWE given twice is kept once', () => {
    const r = all.cves.get('CVE-2016-2781');
    expect(cvssOf(r, 'nvd', '3.0')).toMatchObject({ vector: 'CVSS:3.0/AV:L/AC:L/PR:L/UI:N/S:C/C:N/I:H/A:N', score: 6.5 });
    expect(cvssOf(r, 'nvd', '2.0')).toMatchObject({ vector: 'AV:L/AC:L/Au:N/C:N/I:P/A:N', score: 2.1 });
    expect(cvssOf(r, CISA_ADP, '3.1')?.score).toBe(4.6);
    expect(r?.severities.map((s) => s.cvss?.version)).toEqual(['3.1', '3.0', '2.0']); // newest CVSS version first
    expect(r?.cwes).toEqual(['CWE-20']);
  });

  it('CVE-2026-6042: a CNA rating in v4.0, v3.1 and v2 (VulDB), no NVD rating (Deferred)', () => {
    const r = all.cves.get('CVE-2026-6042');
    expect(r?.status).toBe('Deferred');
    expect(r?.severities.map((s) => [s.source, s.cvss?.version, s.cvss?.score, s.severity])).toEqual([
      ['cna@vuldb.com', '4.0', 4.8, 'medium'],
      ['cna@vuldb.com', '3.1', 3.3, 'low'],
      ['cna@vuldb.com', '2.0', 1.7, 'low'],
    ]);
  });

  it('records with "metrics": {} keep description and references, with no rating (README: 7 of them)', () => {
    const empty = ['CVE-2024-0727', 'CVE-2024-2961', 'CVE-2024-9143', 'CVE-2024-12797', 'CVE-2023-42363', 'CVE-2025-69421', 'CVE-2026-22795'];
    for (const id of empty) {
      const r = all.cves.get(id);
      expect(r?.severities, id).toEqual([]);
      expect(r?.description, id).toBeTruthy();
      expect(r?.references.length, id).toBeGreaterThan(0);
    }
    expect([...all.cves.values()].filter((r) => r.severities.length === 0).map((r) => r.id).sort()).toEqual([...empty].sort());
    expect(all.cves.get('CVE-2023-42363')).toMatchObject({ status: 'Received', cwes: [], references: ['https://bugs.busybox.net/show_bug.cgi?id=15865'] });
  });

  it('unanalysed records carry only CNA/ADP ratings: never an "nvd" one', () => {
    const unanalysed = [...all.cves.values()].filter((r) => ['Awaiting Analysis', 'Received', 'Deferred'].includes(r.status ?? ''));
    expect(unanalysed).toHaveLength(25); // README: 17 + 6 + 2
    for (const r of unanalysed) expect(r.severities.filter((s) => s.source === 'nvd'), r.id).toEqual([]);
    expect(all.cves.get('CVE-2023-4911')?.severities).toEqual([
      { source: 'secalert@redhat.com', cvss: { version: '3.1', vector: 'CVSS:3.1/AV:L/AC:L/PR:L/UI:N/S:U/C:H/I:H/A:H', score: 7.8 }, severity: 'high' },
    ]);
  });

  it('the abridged Log4Shell record: v3.1 10.0 and v2 9.3 by NVD, the CNA\'s and NVD\'s CWEs, no CPE data', () => {
    const r = all.cves.get('CVE-2021-44228');
    expect(cvssOf(r, 'nvd', '3.1')?.score).toBe(10);
    expect(cvssOf(r, 'nvd', '2.0')).toMatchObject({ vector: 'AV:N/AC:M/Au:N/C:C/I:C/A:C', score: 9.3 });
    expect(r?.cwes).toEqual(['CWE-20', 'CWE-400', 'CWE-502', 'CWE-917']); // Apache's three, then NVD's
    expect(r?.references).toEqual([]); // emptied in the abridged copy
    // CPE configurations are not read (distro/ecosystem feeds decide what is affected).
    expect(JSON.stringify([...all.cves.values()])).not.toContain('cpe:2.3');
  });

  it('every rating the importer keeps equals the baseScore NVD states for that vector', async () => {
    let checked = 0;
    for (const r of all.cves.values()) {
      const raw = (await sampleJson(r.id)) as { metrics?: Record<string, Array<{ cvssData: { vectorString: string; baseScore: number } }>> };
      const stated = new Map<string, number>();
      for (const [k, list] of Object.entries(raw.metrics ?? {})) if (k.startsWith('cvss')) for (const m of list) stated.set(m.cvssData.vectorString, m.cvssData.baseScore);
      for (const s of r.severities) {
        expect(s.cvss?.score, `${r.id} ${s.cvss?.vector}`).toBe(stated.get(s.cvss?.vector ?? ''));
        checked++;
      }
    }
    expect(checked).toBe(56); // every stated vector is kept
  });
});

describe('nvd importer: other document shapes', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'drydock-nvd-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  const ids = ['CVE-2024-6387', 'CVE-2026-6042', 'CVE-2024-0727'];

  it('an API 2.0 response page (format NVD_CVE); its timestamp is the snapshot', async () => {
    const page = {
      resultsPerPage: 3,
      startIndex: 0,
      totalResults: 3,
      format: 'NVD_CVE',
      version: '2.0',
      timestamp: '2026-07-01T08:00:00.123',
      vulnerabilities: await Promise.all(ids.map(async (id) => ({ cve: await sampleJson(id) }))),
    };
    const file = join(dir, 'page.json');
    await writeFile(file, JSON.stringify(page));
    const got = await importFrom(file);
    expect([...got.cves.keys()]).toEqual(ids);
    expect(got.warnings).toEqual([]);
    expect(got.result.snapshot).toBe('2026-07-01T08:00:00.123Z');
    const tree = await importFrom(NVD_DIR);
    for (const id of ids) expect(got.cves.get(id)).toEqual(tree.cves.get(id));
  });

  it('an fkie-cad release feed (decompressed CVE-YYYY.json), also gzipped', async () => {
    const feed = { timestamp: '2026-07-02T00:00:20+00:00', cve_count: 3, feed_name: 'CVE-2024', source: 'fkie-cad/nvd-json-data-feeds', cve_items: await Promise.all(ids.map(sampleJson)) };
    await writeFile(join(dir, 'CVE-2024.json.gz'), gzipSync(JSON.stringify(feed)));
    const got = await importFrom(join(dir, 'CVE-2024.json.gz'));
    expect(got.cves.size).toBe(3);
    expect(got.result.snapshot).toBe('2026-07-02T00:00:20Z');
  });

  it('an xz release archive is refused with what to do; in a directory it is a warning', async () => {
    const xz = Buffer.from([0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00, 0x00, 0x04]);
    await writeFile(join(dir, 'CVE-all.json.xz'), xz);
    await expect(importFrom(join(dir, 'CVE-all.json.xz'))).rejects.toMatchObject({ code: 'UNSUPPORTED', message: /xz -d/ });
    const sub = join(dir, 'with-xz');
    await mkdir(sub);
    await writeFile(join(sub, 'CVE-all.json.xz'), xz);
    await writeFile(join(sub, 'CVE-2024-6387.json'), await readFile(sampleFile('CVE-2024-6387')));
    const got = await importFrom(sub);
    expect([...got.cves.keys()]).toEqual(['CVE-2024-6387']);
    expect(got.warnings).toEqual([expect.stringMatching(/CVE-all\.json\.xz: xz-compressed/)]);
  });
});

describe('nvd importer: hostile and broken input', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'drydock-nvd-bad-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('a stated baseScore that disagrees with the vector is reported; the computed score is kept', async () => {
    const rec = await sampleJson('CVE-2023-4911');
    const m = (rec['metrics'] as { cvssMetricV31: Array<{ cvssData: { baseScore: number } }> }).cvssMetricV31[0];
    if (m) m.cvssData.baseScore = 9.9;
    await writeFile(join(dir, 'score.json'), JSON.stringify(rec));
    const got = await importFrom(join(dir, 'score.json'));
    expect(got.warnings).toEqual([expect.stringMatching(/CVE-2023-4911: cvssMetricV31 from secalert@redhat.com states baseScore 9\.9 .* which scores 7\.8; using 7\.8/)]);
    expect(got.cves.get('CVE-2023-4911')?.severities[0]?.cvss?.score).toBe(7.8);
  });

  it('bad vectors, wrong-version vectors, bad entries and placeholder CWEs: the rest of the record survives', async () => {
    const rec = await sampleJson('CVE-2016-2781');
    const metrics = rec['metrics'] as Record<string, Array<{ cvssData: { vectorString: string } }>>;
    const v31 = metrics['cvssMetricV31']?.[0];
    if (v31) v31.cvssData.vectorString = 'CVSS:3.1/AV:L/AC:L/PR:L/UI:R/S:C/C:L/I:L'; // incomplete
    const v30 = metrics['cvssMetricV30']?.[0];
    if (v30) v30.cvssData.vectorString = 'CVSS:3.1/AV:L/AC:L/PR:L/UI:N/S:C/C:N/I:H/A:N'; // 3.1 in the V30 list
    metrics['cvssMetricV2']?.push({ nonsense: true } as never);
    rec['weaknesses'] = [{ source: 'nvd@nist.gov', type: 'Primary', description: [{ lang: 'en', value: 'NVD-CWE-noinfo' }, { lang: 'en', value: 'NVD-CWE-Other' }, { lang: 'en', value: 'CWE-20' }] }];
    await writeFile(join(dir, 'broken.json'), JSON.stringify(rec));
    const got = await importFrom(join(dir, 'broken.json'));
    const r = got.cves.get('CVE-2016-2781');
    expect(r?.severities.map((s) => s.cvss?.vector)).toEqual(['AV:L/AC:L/Au:N/C:N/I:P/A:N']);
    expect(r?.cwes).toEqual(['CWE-20']);
    expect(got.warnings).toHaveLength(3);
    expect(got.warnings.join('\n')).toMatch(/cvssMetricV31 from .*"CVSS:3\.1\/AV:L\/AC:L\/PR:L\/UI:R\/S:C\/C:L\/I:L" is not a valid CVSS 3\.1 vector/);
    expect(got.warnings.join('\n')).toMatch(/cvssMetricV30 from nvd@nist\.gov: "CVSS:3\.1\/.*" is not a valid CVSS 3\.0 vector/);
    expect(got.warnings.join('\n')).toMatch(/CVE-2016-2781: metrics\.cvssMetricV2\[1\] ignored/);
  });

  it('a directory with broken documents: each is a warning naming the file; good ones still import', async () => {
    const sub = join(dir, 'mixed');
    await mkdir(sub);
    await writeFile(join(sub, 'a.json'), '{ not json');
    await writeFile(join(sub, 'b.json'), JSON.stringify({ hello: 'world' }));
    await writeFile(join(sub, 'c.json'), JSON.stringify({ id: 'not-a-cve', descriptions: [] }));
    await writeFile(join(sub, 'd.json'), JSON.stringify([1, 2]));
    await writeFile(join(sub, 'README.md'), '# not a record');
    await writeFile(join(sub, 'CVE-2024-6387.json'), await readFile(sampleFile('CVE-2024-6387')));
    const got = await importFrom(sub);
    expect([...got.cves.keys()]).toEqual(['CVE-2024-6387']);
    expect(got.warnings).toEqual([
      expect.stringMatching(/^a\.json: not valid JSON/),
      expect.stringMatching(/^b\.json: neither an NVD API response, a CVE record nor an fkie-cad feed/),
      expect.stringMatching(/^c\.json: not an NVD CVE record \(id: /),
      expect.stringMatching(/^d\.json: expected a JSON object/),
    ]);
  });

  it('a single file that is not NVD data is an INPUT error naming it', async () => {
    await writeFile(join(dir, 'other.json'), JSON.stringify({ hello: 'world' }));
    await expect(importFrom(join(dir, 'other.json'))).rejects.toMatchObject({ code: 'INPUT', message: expect.stringContaining('other.json') });
    await expect(importFrom(join(dir, 'missing.json'))).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('NVD timestamps (UTC without zone) become ISO 8601 with Z; nonsense is dropped', () => {
    expect(nvdTime('2024-07-01T13:15:06.467')).toBe('2024-07-01T13:15:06.467Z');
    expect(nvdTime('2024-07-01T13:15:06')).toBe('2024-07-01T13:15:06Z');
    expect(nvdTime('2024-07-01T13:15:06.467+00:00')).toBe('2024-07-01T13:15:06.467Z');
    expect(nvdTime('2024-07-01T13:15:06+02:00')).toBe('2024-07-01T13:15:06+02:00');
    expect(nvdTime('2024-13-45T99:99:99')).toBeUndefined();
    expect(nvdTime('yesterday')).toBeUndefined();
  });
});

/** One API 2.0 response page of `records` from `start`, at most `size` (NVD may return fewer than asked). */
function apiPage(records: unknown[], start: number, size: number): string {
  const items = records.slice(start, start + size).map((cve) => ({ cve }));
  return JSON.stringify({ resultsPerPage: items.length, startIndex: start, totalResults: records.length, format: 'NVD_CVE', version: '2.0', timestamp: '2026-07-03T10:00:00.000', vulnerabilities: items });
}

describe('nvd importer: the API over HTTP (loopback feed server at the API path)', () => {
  let dir: string;
  let records: unknown[];
  let ids: string[];
  let pageSize = 2000;
  let server: FeedServer;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'drydock-nvd-http-'));
    ids = [...(await importFrom(NVD_DIR)).cves.keys()];
    records = await Promise.all(ids.map(sampleJson));
    server = await startFeedServer({
      root: dir,
      gzip: true,
      route: (path, query) =>
        path === 'rest/json/cves/2.0' ? { body: apiPage(records, Number(query.get('startIndex')), Math.min(pageSize, Number(query.get('resultsPerPage')))), headers: { 'content-type': 'application/json' } } : undefined,
    });
  });
  afterAll(async () => {
    await server.stop();
    await rm(dir, { recursive: true, force: true });
  });

  async function run(location: string, importer = nvdImporter): Promise<{ cves: string[]; warnings: string[]; result: ImportResult }> {
    const source = new HttpFeedSource(location, { feed: 'nvd', cacheDir: join(dir, 'cache') });
    const cves: string[] = [];
    const warnings: string[] = [];
    try {
      const sink: ImportSink = { advisory() {}, cve: (r) => cves.push(r.id), kev() {}, epss() {}, warn: (m) => warnings.push(m) };
      return { cves, warnings, result: await importer.import(source, sink) };
    } finally {
      await source.close();
    }
  }

  it('the default importer reads 2.0?resultsPerPage=2000&startIndex=0 below the API parent URL', async () => {
    pageSize = 2000;
    server.requests.length = 0;
    const got = await run(`${server.url}rest/json/cves`);
    expect(server.requests.map((r) => `${r.method} ${r.path} ${r.status}`)).toEqual(['GET rest/json/cves/2.0?resultsPerPage=2000&startIndex=0 200']);
    expect(got.cves).toEqual(ids);
    expect(got.warnings).toEqual([]);
    expect(got.result.snapshot).toBe('2026-07-03T10:00:00.000Z');
    expect(nvdImporter.defaultUrls).toEqual([NVD_API_ROOT]);
    expect(NVD_API_ROOT).toBe('https://services.nvd.nist.gov/rest/json/cves');
  });

  it('pages until totalResults when the server returns fewer records than asked; survives a 503', async () => {
    pageSize = 20;
    server.requests.length = 0;
    server.fail({ path: 'rest/json/cves/2.0', kind: 'status', status: 503, retryAfter: 0, times: 1 });
    const got = await run(`${server.url}rest/json/cves`, createNvdImporter({ pageDelayMs: 0 }));
    expect(server.requests.filter((r) => r.status === 200).map((r) => r.path)).toEqual([
      'rest/json/cves/2.0?resultsPerPage=2000&startIndex=0',
      'rest/json/cves/2.0?resultsPerPage=2000&startIndex=20',
      'rest/json/cves/2.0?resultsPerPage=2000&startIndex=40',
    ]);
    expect(server.requests[0]?.status).toBe(503);
    expect(got.cves).toEqual(ids);
  });

  it('stops with an error when a page is empty before totalResults', async () => {
    pageSize = 0;
    await expect(run(`${server.url}rest/json/cves`, createNvdImporter({ pageDelayMs: 0 }))).rejects.toMatchObject({ code: 'INPUT', message: /empty page, but totalResults is 43/ });
  });

  it('asks for the API parent URL when given the 2.0 endpoint', async () => {
    await expect(run(`${server.url}rest/json/cves/2.0`)).rejects.toMatchObject({ code: 'USAGE', message: /parent URL/ });
  });
});
