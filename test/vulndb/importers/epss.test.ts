import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { LocalFeedSource } from '../../../src/vulndb/sources/local.js';
import { HttpFeedSource } from '../../../src/vulndb/sources/http.js';
import { startFeedServer } from '../../helpers/feed-server.js';
import { epssImporter } from '../../../src/vulndb/importers/epss.js';
import type { ImportResult, ImportSink } from '../../../src/vulndb/importer.js';
import type { EpssEntry } from '../../../src/vulndb/model.js';

/**
 * There is no real EPSS snapshot in ../shared/vulndata (its README says so), so these inputs are
 * written here in the published format, with synthetic values. Format facts, from FIRST's EPSS data
 * page (https://www.first.org/epss/data_stats) and the daily files it links
 * (https://epss.empiricalsecurity.com/epss_scores-current.csv.gz, formerly epss.cyentia.com):
 *   - gzip-compressed CSV, one row per published CVE (~250,000 rows in 2025);
 *   - first line a comment with the model version and score date:
 *       `#model_version:v2025.03.14,score_date:2025-03-14T00:00:00Z`
 *     (2023-era files wrote the date as `2023-03-07T00:00:00+0000`);
 *   - then the header `cve,epss,percentile`, then rows such as `CVE-1999-0001,0.0142,0.7991`:
 *     `epss` the probability of exploitation activity in the next 30 days, `percentile` its rank, both 0..1.
 */
const HEADER_2025 = '#model_version:v2025.03.14,score_date:2025-03-14T00:00:00Z';

/** `n` rows for synthetic CVE ids, deterministic values. */
function rows(n: number): string[] {
  const out: string[] = [];
  for (let i = 0; i < n; i++) {
    const year = 1999 + (i % 27);
    const score = ((i * 7919) % 100000) / 100000;
    out.push(`CVE-${year}-${String(10000 + i)},${score.toFixed(5)},${(i / n).toFixed(5)}`);
  }
  return out;
}

interface Collected {
  epss: EpssEntry[];
  warnings: string[];
  result: ImportResult;
}

async function importFrom(path: string): Promise<Collected> {
  const epss: EpssEntry[] = [];
  const warnings: string[] = [];
  const fail = (): never => expect.fail('EPSS produces only EPSS entries');
  const sink: ImportSink = { advisory: fail, cve: fail, kev: fail, epss: (e) => epss.push(e), warn: (m) => warnings.push(m) };
  const result = await epssImporter.import(new LocalFeedSource(path), sink);
  return { epss, warnings, result };
}

describe('epss importer', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'drydock-epss-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('streams a full-size gzip snapshot: 250,000 rows, dated by the comment line', async () => {
    const input = rows(250_000);
    const body = [HEADER_2025, 'cve,epss,percentile', ...input].join('\n') + '\n';
    const mirror = join(dir, 'mirror');
    await mkdir(mirror);
    await writeFile(join(mirror, 'epss_scores-current.csv.gz'), gzipSync(body));
    const got = await importFrom(mirror);
    expect(got.warnings).toEqual([]);
    expect(got.epss).toHaveLength(250_000);
    expect(got.result).toEqual({ snapshot: '2025-03-14T00:00:00.000Z' });
    expect(got.epss[0]).toEqual({ cve: 'CVE-1999-10000', score: 0, percentile: 0, date: '2025-03-14' });
    expect(got.epss[1]).toEqual({ cve: 'CVE-2000-10001', score: 0.07919, percentile: 0, date: '2025-03-14' });
    expect(got.epss.map((e) => `${e.cve},${e.score.toFixed(5)},${e.percentile.toFixed(5)}`)).toEqual(input);
    expect(epssImporter.defaultUrls).toEqual(['https://epss.empiricalsecurity.com/epss_scores-current.csv.gz']);
  });

  it('plain CSV too, with CRLF line ends, a BOM, the 2023 date form and columns in another order', async () => {
    const body = '\uFEFF#model_version:v2023.03.01,score_date:2023-03-07T00:00:00+0000\r\npercentile,cve,epss\r\n0.99721,CVE-2024-3400,0.95732\r\n\r\n0.5,CVE-2021-44228,1\r\n';
    await writeFile(join(dir, 'plain.csv'), body);
    const got = await importFrom(join(dir, 'plain.csv'));
    expect(got.warnings).toEqual([]);
    expect(got.epss).toEqual([
      { cve: 'CVE-2024-3400', score: 0.95732, percentile: 0.99721, date: '2023-03-07' },
      { cve: 'CVE-2021-44228', score: 1, percentile: 0.5, date: '2023-03-07' },
    ]);
    expect(got.result.snapshot).toBe('2023-03-07T00:00:00.000Z');
  });

  it('without the comment line: entries without a date, no snapshot', async () => {
    await writeFile(join(dir, 'nocomment.csv'), 'cve,epss,percentile\nCVE-2024-6387,0.4,0.9\n');
    const got = await importFrom(join(dir, 'nocomment.csv'));
    expect(got.epss).toEqual([{ cve: 'CVE-2024-6387', score: 0.4, percentile: 0.9 }]);
    expect(got.result).toEqual({});
  });

  it('bad rows are warnings naming the line; after 20 only a total', async () => {
    const bad = ['CVE-2024-1,0.1,0.1', 'CVE-2024-6387,1.5,0.2', 'CVE-2024-6387,0.1', 'not,a,row', 'CVE-2024-6387,NaN,0.3', 'CVE-2024-6387,-0.1,0.3', 'CVE-2024-6387,0x1,0.3'];
    const body = [HEADER_2025, 'cve,epss,percentile', 'CVE-2024-6387,0.1,0.2', ...bad].join('\n');
    await writeFile(join(dir, 'bad.csv'), body);
    const got = await importFrom(join(dir, 'bad.csv'));
    expect(got.epss.map((e) => e.cve)).toEqual(['CVE-2024-6387']);
    expect(got.warnings).toHaveLength(bad.length);
    expect(got.warnings[0]).toBe(`${join(dir, 'bad.csv')}:4: not a "CVE id, probability, percentile" row: CVE-2024-1,0.1,0.1`);
    const many = [HEADER_2025, 'cve,epss,percentile', ...Array.from({ length: 30 }, () => 'garbage,row,here')].join('\n');
    await writeFile(join(dir, 'many.csv'), many);
    const got2 = await importFrom(join(dir, 'many.csv'));
    expect(got2.warnings).toHaveLength(21);
    expect(got2.warnings[20]).toMatch(/30 bad rows in all \(the first 20 are listed\)$/);
  });

  it('no header, no percentile column, an empty file: INPUT errors naming the input', async () => {
    await writeFile(join(dir, 'noheader.csv'), `${HEADER_2025}\n`);
    await expect(importFrom(join(dir, 'noheader.csv'))).rejects.toMatchObject({ code: 'INPUT', message: expect.stringMatching(/noheader\.csv: no "cve,epss,percentile" header/) });
    await writeFile(join(dir, 'v1.csv'), 'cve,epss\nCVE-2021-44228,0.9\n');
    await expect(importFrom(join(dir, 'v1.csv'))).rejects.toMatchObject({ code: 'INPUT', message: expect.stringMatching(/v1\.csv: the header "cve,epss" has no "percentile" column/) });
    await writeFile(join(dir, 'empty.csv'), '');
    await expect(importFrom(join(dir, 'empty.csv'))).rejects.toMatchObject({ code: 'INPUT' });
  });

  it('corrupt or truncated gzip: an INPUT error, not a crash', async () => {
    const gz = gzipSync([HEADER_2025, 'cve,epss,percentile', ...rows(5000)].join('\n'));
    await writeFile(join(dir, 'truncated.csv.gz'), gz.subarray(0, gz.length - 100));
    await expect(importFrom(join(dir, 'truncated.csv.gz'))).rejects.toMatchObject({ code: 'INPUT', message: expect.stringMatching(/truncated\.csv\.gz: cannot read/) });
    const corrupt = Buffer.from(gz);
    corrupt.fill(0x55, 20, 60);
    await writeFile(join(dir, 'corrupt.csv.gz'), corrupt);
    await expect(importFrom(join(dir, 'corrupt.csv.gz'))).rejects.toMatchObject({ code: 'INPUT' });
  });

  it('over HTTP (loopback feed server): downloaded to the cache, then streamed; gzip transfer encoding on top', async () => {
    const www = join(dir, 'www');
    await mkdir(www);
    const input = rows(10_000);
    await writeFile(join(www, 'epss_scores-current.csv.gz'), gzipSync([HEADER_2025, 'cve,epss,percentile', ...input].join('\n')));
    const server = await startFeedServer({ root: www, gzip: true });
    const source = new HttpFeedSource(`${server.url}epss_scores-current.csv.gz`, { feed: 'epss', cacheDir: join(dir, 'cache') });
    try {
      const epss: EpssEntry[] = [];
      const warnings: string[] = [];
      const result = await epssImporter.import(source, { advisory() {}, cve() {}, kev() {}, epss: (e) => epss.push(e), warn: (m) => warnings.push(m) });
      expect(server.requests.map((r) => `${r.method} ${r.path} ${r.status}`)).toEqual(['GET epss_scores-current.csv.gz 200']);
      expect(warnings).toEqual([]);
      expect(epss.map((e) => `${e.cve},${e.score.toFixed(5)},${e.percentile.toFixed(5)}`)).toEqual(input);
      expect(result).toEqual({ snapshot: '2025-03-14T00:00:00.000Z' });
    } finally {
      await source.close();
      await server.stop();
    }
  });

  it('a directory without the snapshot file: NOT_FOUND naming what was looked for', async () => {
    const empty = join(dir, 'empty-dir');
    await mkdir(empty);
    await expect(importFrom(empty)).rejects.toMatchObject({ code: 'NOT_FOUND', message: expect.stringContaining('epss_scores-current.csv.gz') });
  });
});
