import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdir, mkdtemp, readFile, readdir, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import addFormats from 'ajv-formats';
import { REPO_ROOT } from '../../helpers/fixtures.js';
import { LocalFeedSource } from '../../../src/vulndb/sources/local.js';
import { HttpFeedSource } from '../../../src/vulndb/sources/http.js';
import { startFeedServer } from '../../helpers/feed-server.js';
import { importKevCatalog, kevImporter } from '../../../src/vulndb/importers/kev.js';
import type { ImportResult, ImportSink } from '../../../src/vulndb/importer.js';
import type { KevEntry } from '../../../src/vulndb/model.js';

const KEV_DIR = join(REPO_ROOT, '..', 'shared', 'vulndata', 'enrichment', 'cisa-kev');
const KEV_FILE = join(KEV_DIR, 'known_exploited_vulnerabilities.json');
const SCHEMA_FILE = join(KEV_DIR, 'known_exploited_vulnerabilities_schema.json');
const NVD_DIR = join(REPO_ROOT, '..', 'shared', 'vulndata', 'nvd', 'fkie-cad-nvd-json-data-feeds');

interface Collected {
  kev: KevEntry[];
  warnings: string[];
  result: ImportResult;
}

function collector(): { sink: ImportSink; kev: KevEntry[]; warnings: string[] } {
  const kev: KevEntry[] = [];
  const warnings: string[] = [];
  const fail = (): never => expect.fail('KEV produces only KEV entries');
  return { kev, warnings, sink: { advisory: fail, cve: fail, epss: fail, kev: (k) => kev.push(k), warn: (m) => warnings.push(m) } };
}

async function importFrom(path: string): Promise<Collected> {
  const c = collector();
  const result = await kevImporter.import(new LocalFeedSource(path), c.sink);
  return { kev: c.kev, warnings: c.warnings, result };
}

type RawEntry = Record<string, unknown>;
interface RawCatalog {
  count: number;
  vulnerabilities: RawEntry[];
}

async function validator(): Promise<(doc: unknown) => string[]> {
  const ajv = new Ajv({ allErrors: true, strict: false });
  addFormats.default(ajv);
  const validate = ajv.compile(JSON.parse(await readFile(SCHEMA_FILE, 'utf8')) as object);
  return (doc) => (validate(doc) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message ?? ''}`));
}

describe('kev importer: the real catalog (cisagov/kev-data, catalogVersion 2025.08.25)', () => {
  let got: Collected;
  let raw: RawCatalog;
  beforeAll(async () => {
    got = await importFrom(KEV_DIR);
    raw = JSON.parse(await readFile(KEV_FILE, 'utf8')) as RawCatalog;
  });

  it('the catalog is valid against the schema CISA publishes with it', async () => {
    expect((await validator())(raw)).toEqual([]);
  });

  it('imports all 1,404 entries without a warning; the snapshot is dateReleased', () => {
    expect(got.kev).toHaveLength(1404);
    expect(new Set(got.kev.map((k) => k.cve)).size).toBe(1404);
    expect(got.warnings).toEqual([]);
    expect(got.result).toEqual({ snapshot: '2025-08-25T17:04:19.9796Z' });
  });

  it('CVE-2021-44228 (Log4Shell) with its dates and ransomware use', () => {
    expect(got.kev.find((k) => k.cve === 'CVE-2021-44228')).toEqual({
      cve: 'CVE-2021-44228',
      vendorProject: 'Apache',
      product: 'Log4j2',
      name: 'Apache Log4j2 Remote Code Execution Vulnerability',
      dateAdded: '2021-12-10',
      dueDate: '2021-12-24',
      knownRansomwareCampaignUse: 'Known',
    });
  });

  it('every entry keeps the catalog’s own fields', () => {
    const byId = new Map(raw.vulnerabilities.map((v) => [v['cveID'], v]));
    for (const k of got.kev) {
      const v = byId.get(k.cve);
      expect(k, k.cve).toEqual({
        cve: v?.['cveID'],
        vendorProject: v?.['vendorProject'],
        product: v?.['product'],
        name: v?.['vulnerabilityName'],
        dateAdded: v?.['dateAdded'],
        dueDate: v?.['dueDate'],
        knownRansomwareCampaignUse: v?.['knownRansomwareCampaignUse'],
      });
    }
  });

  it('of the NVD sample, exactly CVE-2021-44228, CVE-2022-22965 and CVE-2023-4911 are in KEV (README)', async () => {
    const files = (await readdir(NVD_DIR, { recursive: true })).filter((f) => f.endsWith('.json'));
    const sample = new Set(files.map((f) => /(CVE-\d+-\d+)\.json$/.exec(f)?.[1]));
    expect(got.kev.filter((k) => sample.has(k.cve)).map((k) => k.cve).sort()).toEqual(['CVE-2021-44228', 'CVE-2022-22965', 'CVE-2023-4911']);
  });

  it('reads the file itself as well as the directory holding it', async () => {
    const fromFile = await importFrom(KEV_FILE);
    expect(fromFile.kev).toEqual(got.kev);
    expect(kevImporter.defaultUrls).toEqual(['https://www.cisa.gov/sites/default/files/feeds/known_exploited_vulnerabilities.json']);
  });
});

describe('kev importer: broken catalogs', () => {
  let dir: string;
  let raw: RawCatalog;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'drydock-kev-'));
    raw = JSON.parse(await readFile(KEV_FILE, 'utf8')) as RawCatalog;
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('entries the schema rejects: bad id or dates are skipped with a warning; a missing description is tolerated', async () => {
    const entries = raw.vulnerabilities.slice(0, 6).map((v) => ({ ...v }));
    const [a, b, c, d, e] = entries;
    if (!a || !b || !c || !d || !e) throw new Error('sample too short');
    a['cveID'] = 'CVE-21-44228';
    b['dateAdded'] = '25 August 2025';
    delete c['cveID'];
    d['dueDate'] = 20250915;
    delete e['shortDescription'];
    const doc = { ...raw, count: entries.length, vulnerabilities: entries };
    const schemaErrors = (await validator())(doc);
    expect(schemaErrors.map((m) => m.split(' ')[0])).toEqual(['/vulnerabilities/0/cveID', '/vulnerabilities/1/dateAdded', '/vulnerabilities/2', '/vulnerabilities/3/dueDate', '/vulnerabilities/4']);
    const col = collector();
    importKevCatalog(doc, 'mutated.json', col.sink);
    expect(col.kev.map((k) => k.cve)).toEqual([e['cveID'], entries[5]?.['cveID']]);
    expect(col.warnings).toEqual([
      expect.stringMatching(/^mutated\.json: vulnerabilities\[0\] \(CVE-21-44228\) ignored: cveID/),
      expect.stringMatching(/^mutated\.json: vulnerabilities\[1\] \(CVE-\d+-\d+\) ignored: dateAdded/),
      expect.stringMatching(/^mutated\.json: vulnerabilities\[2\] ignored: cveID/),
      expect.stringMatching(/^mutated\.json: vulnerabilities\[3\] \(CVE-\d+-\d+\) ignored: dueDate/),
    ]);
  });

  it('a wrong count and a CVE listed twice are warnings', () => {
    const first = raw.vulnerabilities[0];
    const col = collector();
    importKevCatalog({ ...raw, count: 2, vulnerabilities: [first, { ...first }] }, 'dup.json', col.sink);
    expect(col.kev).toHaveLength(1);
    expect(col.warnings).toEqual([`dup.json: ${String(first?.['cveID'])} is listed twice; the first entry is kept`]);
    const col2 = collector();
    importKevCatalog({ ...raw, count: 5, vulnerabilities: [first] }, 'count.json', col2.sink);
    expect(col2.warnings).toEqual(['count.json: count says 5 entries, the catalog lists 1']);
  });

  it('not a catalog, or not JSON: an INPUT error naming the file', async () => {
    await writeFile(join(dir, 'notjson.json'), '<html>maintenance</html>');
    await expect(importFrom(join(dir, 'notjson.json'))).rejects.toMatchObject({ code: 'INPUT', message: expect.stringMatching(/notjson\.json: not valid JSON/) });
    await writeFile(join(dir, 'other.json'), JSON.stringify({ title: 'x', vulnerabilities: 'none' }));
    await expect(importFrom(join(dir, 'other.json'))).rejects.toMatchObject({ code: 'INPUT', message: expect.stringMatching(/other\.json: not a KEV catalog \(vulnerabilities: /) });
    await expect(importFrom(join(dir, 'absent'))).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});

describe('kev importer over HTTP (loopback feed server at the catalog\'s real path)', () => {
  it('downloads the catalog, then revalidates it with a conditional request', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'drydock-kev-http-'));
    const feeds = join(dir, 'www', 'sites', 'default', 'files', 'feeds');
    await mkdir(feeds, { recursive: true });
    await symlink(KEV_FILE, join(feeds, 'known_exploited_vulnerabilities.json'));
    const server = await startFeedServer({ root: join(dir, 'www'), gzip: true });
    const path = 'sites/default/files/feeds/known_exploited_vulnerabilities.json';
    expect(kevImporter.defaultUrls[0]).toBe(`https://www.cisa.gov/${path}`);
    try {
      const runs: Collected[] = [];
      for (let i = 0; i < 2; i++) {
        const source = new HttpFeedSource(`${server.url}${path}`, { feed: 'kev', cacheDir: join(dir, 'cache') });
        const c = collector();
        const result = await kevImporter.import(source, c.sink).finally(() => source.close());
        runs.push({ kev: c.kev, warnings: c.warnings, result });
      }
      expect(server.requests.map((r) => `${r.method} ${r.path} ${r.status}`)).toEqual([`GET ${path} 200`, `GET ${path} 304`]);
      expect(server.requests[1]?.headers['if-none-match']).toBeTruthy();
      const local = await importFrom(KEV_FILE);
      for (const run of runs) {
        expect(run.kev).toEqual(local.kev);
        expect(run.result).toEqual({ snapshot: '2025-08-25T17:04:19.9796Z' });
      }
    } finally {
      await server.stop();
      await rm(dir, { recursive: true, force: true });
    }
  });
});
