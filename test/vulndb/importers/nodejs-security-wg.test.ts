import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copyFile, mkdir, mkdtemp, readdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import semver from 'semver';
import { REPO_ROOT } from '../../helpers/fixtures.js';
import { LocalFeedSource } from '../../../src/vulndb/sources/local.js';
import { HttpFeedSource } from '../../../src/vulndb/sources/http.js';
import { startFeedServer } from '../../helpers/feed-server.js';
import { nodejsSecurityWgImporter } from '../../../src/vulndb/importers/nodejs-security-wg.js';
import { scoreCvss } from '../../../src/vulndb/cvss.js';
import type { ImportResult, ImportSink } from '../../../src/vulndb/importer.js';
import type { Advisory, AffectedPackage, VersionRange } from '../../../src/vulndb/model.js';

const WG = join(REPO_ROOT, '..', 'shared', 'vulndata', 'npm', 'nodejs-security-wg');
const VULN = join(WG, 'vuln');

interface Collected {
  advisories: Map<string, Advisory>;
  warnings: string[];
  result: ImportResult;
}

async function importFrom(path: string): Promise<Collected> {
  const advisories = new Map<string, Advisory>();
  const warnings: string[] = [];
  const fail = (): never => expect.fail('security-wg produces only advisories');
  const sink: ImportSink = {
    advisory: (a) => {
      expect(advisories.has(a.id), `${a.id} emitted once`).toBe(false);
      advisories.set(a.id, a);
    },
    cve: fail,
    kev: fail,
    epss: fail,
    warn: (m) => warnings.push(m),
  };
  const result = await nodejsSecurityWgImporter.import(new LocalFeedSource(path), sink);
  return { advisories, warnings, result };
}

type RawNpm = { id: number; module_name: string; vulnerable_versions: string; patched_versions: string | null; cves: string[]; cvss_vector: string | null; cvss_score: number | null };
type RawCore = { cve: string[]; vulnerable: string; patched: string; affectedEnvironments: string[] };

async function rawRecords<T>(sub: 'npm' | 'core'): Promise<Map<string, T>> {
  const out = new Map<string, T>();
  for (const f of await readdir(join(VULN, sub))) {
    if (f === 'index.json') continue;
    out.set(f.replace(/\.json$/, ''), JSON.parse(await readFile(join(VULN, sub, f), 'utf8')) as T);
  }
  return out;
}

/** The OSV schema's evaluation of one range (SemVer 2.0 order); an independent reading of the events. */
function inOsvRange(version: string, range: VersionRange): boolean {
  const limits = range.events.flatMap((e) => ('limit' in e ? [e.limit] : []));
  if (limits.length > 0 && !limits.some((l) => semver.lt(version, l))) return false;
  const key = (e: VersionRange['events'][number]): string => Object.values(e)[0] ?? '0';
  const sorted = [...range.events].sort((a, b) => (key(a) === '0' ? -1 : key(b) === '0' ? 1 : semver.compare(key(a), key(b))));
  let affected = false;
  for (const e of sorted) {
    if ('introduced' in e && (e.introduced === '0' || semver.gte(version, e.introduced))) affected = true;
    else if ('fixed' in e && semver.gte(version, e.fixed)) affected = false;
    else if ('last_affected' in e && semver.gt(version, e.last_affected)) affected = false;
  }
  return affected;
}

const inRanges = (v: string, a: AffectedPackage | undefined): boolean => (a?.ranges ?? []).some((r) => inOsvRange(v, r));

/** Release versions around every bound the two ranges name. */
function probes(...ranges: Array<string | null>): string[] {
  const out = new Set<string>(['0.0.0', '0.0.1', '0.1.0', '1.0.0', '99.0.0']);
  for (const r of ranges) {
    for (const m of (r ?? '').matchAll(/v?(\d+)(?:\.(\d+|x|\*))?(?:\.(\d+|x|\*))?/g)) {
      const [maj, min, pat] = [Number(m[1]), Number(m[2]) || 0, Number(m[3]) || 0];
      for (const [a, b, c] of [
        [maj, min, pat],
        [maj, min, pat + 1],
        [maj, min + 1, 0],
        [maj + 1, 0, 0],
        [maj, min, Math.max(pat - 1, 0)],
      ]) {
        out.add(`${a}.${b}.${c}`);
      }
    }
  }
  return [...out].filter((v) => semver.valid(v));
}

describe('nodejs security-wg importer: the real repository snapshot (f1288d0d, 2026-04-08)', () => {
  let got: Collected;
  let npm: Map<string, RawNpm>;
  let core: Map<string, RawCore>;
  beforeAll(async () => {
    got = await importFrom(WG);
    npm = await rawRecords<RawNpm>('npm');
    core = await rawRecords<RawCore>('core');
  });

  it('imports every record: 467 npm advisories and 171 Node.js core advisories', () => {
    expect(npm.size).toBe(467);
    expect(core.size).toBe(171);
    const ids = [...got.advisories.keys()];
    expect(ids.filter((id) => id.startsWith('NSWG-ECO-'))).toHaveLength(467);
    expect(ids.filter((id) => id.startsWith('NSWG-COR-'))).toHaveLength(171);
    for (const [n, r] of npm) expect(got.advisories.get(`NSWG-ECO-${n}`)?.affected[0]?.name, n).toBe(r.module_name);
    expect(got.result.snapshot).toBe('2020-07-13'); // the newest npm updated_at
  });

  it('NSWG-ECO-1: bassmaster <=1.5.1, patched >=1.5.2, CVE-2014-7205', () => {
    expect(got.advisories.get('NSWG-ECO-1')).toMatchObject({
      feed: 'nodejs-security-wg',
      aliases: ['CVE-2014-7205'],
      summary: 'Arbitrary JavaScript Execution',
      published: '2014-09-27',
      modified: '2016-04-28',
      affected: [{ namespace: 'npm', name: 'bassmaster', status: 'fixed', nativeRange: '<=1.5.1', ranges: [{ type: 'SEMVER', events: [{ introduced: '0' }, { fixed: '1.5.2' }] }], versions: [] }],
      severities: [{ source: 'nodejs-security-wg', cvss: { version: '3.0', vector: 'CVSS:3.0/AV:N/AC:L/PR:N/UI:N/S:U/C:L/I:L/A:N', score: 6.5 }, severity: 'medium' }],
    });
  });

  it('vulnerable minus patched: mqtt (NSWG-ECO-357) says >=2.0.0 vulnerable and >=2.15.0 patched', () => {
    const a = got.advisories.get('NSWG-ECO-357')?.affected[0];
    expect(npm.get('357')).toMatchObject({ module_name: 'mqtt', vulnerable_versions: '>=2.0.0', patched_versions: '>=2.15.0' });
    expect(a?.nativeRange).toBe('>=2.0.0 <2.15.0');
    expect(semver.satisfies('2.14.9', a?.nativeRange ?? '')).toBe(true);
    expect(semver.satisfies('2.15.0', a?.nativeRange ?? '')).toBe(false);
    expect(inRanges('2.15.0', a)).toBe(false);
    expect(a?.ranges).toEqual([{ type: 'SEMVER', events: [{ introduced: '2.0.0' }, { fixed: '2.15.0' }] }]);
  });

  it('every npm advisory denotes exactly vulnerable ∖ patched (node-semver) for release versions, in both forms', () => {
    let checked = 0;
    for (const [n, r] of npm) {
      const a = got.advisories.get(`NSWG-ECO-${n}`)?.affected[0];
      for (const v of probes(r.vulnerable_versions, r.patched_versions)) {
        const want = semver.satisfies(v, r.vulnerable_versions) && !(r.patched_versions && semver.satisfies(v, r.patched_versions));
        expect(semver.satisfies(v, a?.nativeRange ?? '<0.0.0-0'), `${n} ${v} nativeRange ${a?.nativeRange}`).toBe(want);
        expect(inRanges(v, a), `${n} ${v} ranges ${JSON.stringify(a?.ranges)}`).toBe(want);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(4000);
  });

  it('every core advisory denotes exactly vulnerable ∖ patched for release versions; the package is node', () => {
    for (const [n, r] of core) {
      const a = got.advisories.get(`NSWG-COR-${n}`)?.affected[0];
      expect(a).toMatchObject({ namespace: 'nodejs', name: 'node' });
      expect(a?.nativeRange, 'core ranges are SEMVER ranges only: the nodejs namespace has no version scheme').toBeUndefined();
      for (const v of probes(r.vulnerable, r.patched)) {
        const want = semver.satisfies(v, r.vulnerable) && !semver.satisfies(v, r.patched);
        expect(inRanges(v, a), `core ${n} ${v}`).toBe(want);
      }
    }
  });

  it('NSWG-COR-1 (c-ares NAPTR, CVE-2017-1000381): fixed per release line; 5.x has no fix', () => {
    expect(core.get('1')).toMatchObject({ vulnerable: '8.x || 7.x || 4.x || 6.x || 5.x', patched: '^8.1.4 || ^7.10.1 || ^4.8.4 || ^6.11.1' });
    const adv = got.advisories.get('NSWG-COR-1');
    expect(adv).toMatchObject({ aliases: ['CVE-2017-1000381'], summary: 'memory overread when parsing invalid NAPTR responses', severities: [{ source: 'nodejs-security-wg', severity: 'high' }] });
    const a = adv?.affected[0];
    expect(a?.status).toBe('fixed');
    const verdicts = Object.fromEntries(['4.8.3', '4.8.4', '5.12.0', '6.11.0', '6.11.1', '8.1.3', '8.1.4', '9.0.0', '3.0.0'].map((v) => [v, inRanges(v, a)]));
    expect(verdicts).toEqual({ '4.8.3': true, '4.8.4': false, '5.12.0': true, '6.11.0': true, '6.11.1': false, '8.1.3': true, '8.1.4': false, '9.0.0': false, '3.0.0': false });
    expect(a?.ranges.find((r) => r.events[0] && 'introduced' in r.events[0] && r.events[0].introduced === '8.0.0')?.events).toEqual([{ introduced: '8.0.0' }, { fixed: '8.1.4' }]);
    expect(a?.ranges.find((r) => r.events[0] && 'introduced' in r.events[0] && r.events[0].introduced === '5.0.0')?.events).toEqual([{ introduced: '5.0.0' }, { limit: '6.0.0-0' }]);
  });

  it('Windows-only core flaws are not-affected for (Linux) images, with the reason', () => {
    const winOnly = [...core].filter(([, r]) => !r.affectedEnvironments.includes('all') && !r.affectedEnvironments.includes('linux')).map(([n]) => `NSWG-COR-${n}`);
    expect(winOnly).toHaveLength(9);
    const notAffected = [...got.advisories.values()].filter((a) => a.affected[0]?.status === 'not-affected');
    expect(notAffected.map((a) => a.id).sort()).toEqual(winOnly.sort());
    expect(notAffected[0]?.affected[0]?.note).toBe('only affects win32 (affectedEnvironments)');
  });

  it('no patched versions ("<0.0.0" or null): status affected, no fix hint', () => {
    const noFix = [...npm].filter(([, r]) => r.patched_versions === null || r.patched_versions === '<0.0.0');
    expect(noFix.length).toBeGreaterThan(150);
    for (const [n] of noFix) {
      const a = got.advisories.get(`NSWG-ECO-${n}`)?.affected[0];
      expect(a?.status, n).toBe('affected');
      expect(a?.ranges.flatMap((r) => r.events).some((e) => 'fixed' in e), n).toBe(false);
    }
  });

  it('CVSS: the stated cvss_score is checked; 22 records state a score their vector does not have, one vector is invalid', () => {
    const mismatch = got.warnings.filter((w) => /states CVSS score/.test(w));
    const invalid = got.warnings.filter((w) => /is not a valid CVSS vector/.test(w));
    expect(mismatch).toHaveLength(22);
    expect(invalid).toEqual(['vuln/npm/504.json: "CVSS:3.0/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:U/A:U" is not a valid CVSS vector; ignored']);
    expect(got.warnings).toHaveLength(23);
    // 363.json states 9.3 for C:H/I:N/A:N over the network, no privileges: NVD scores the same base metrics
    // 7.5 (CVE-2024-6119, CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:N/A:N), as does the computation.
    expect(npm.get('363')).toMatchObject({ cvss_vector: 'CVSS:3.0/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:N/A:N', cvss_score: 9.3 });
    expect(got.advisories.get('NSWG-ECO-363')?.severities[0]?.cvss?.score).toBe(7.5);
    for (const w of mismatch) {
      const n = /npm\/(\d+)\.json/.exec(w)?.[1] ?? '';
      const r = npm.get(n);
      expect(scoreCvss(r?.cvss_vector ?? '')?.score, n).not.toBe(r?.cvss_score);
    }
    const agreeing = [...npm.values()].filter((r) => r.cvss_vector && scoreCvss(r.cvss_vector)?.score === r.cvss_score);
    expect(agreeing).toHaveLength(458 - 23);
  });

  it('the vuln/ directory itself, and each index.json, give the same advisories', async () => {
    const fromVuln = await importFrom(VULN);
    expect([...fromVuln.advisories.values()]).toEqual([...got.advisories.values()]);
    const fromNpmIndex = await importFrom(join(VULN, 'npm', 'index.json'));
    const fromCoreIndex = await importFrom(join(VULN, 'core', 'index.json'));
    expect(fromNpmIndex.advisories.size + fromCoreIndex.advisories.size).toBe(638);
    for (const [id, a] of [...fromNpmIndex.advisories, ...fromCoreIndex.advisories]) expect(a, id).toEqual(got.advisories.get(id));
  });
});

describe('nodejs security-wg importer: broken records', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'drydock-nswg-'));
    await mkdir(join(dir, 'vuln', 'npm'), { recursive: true });
    await mkdir(join(dir, 'vuln', 'core'), { recursive: true });
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('invalid ranges, unknown shapes and bad JSON are warnings naming the file; the rest imports', async () => {
    const one = JSON.parse(await readFile(join(VULN, 'npm', '1.json'), 'utf8')) as Record<string, unknown>;
    await writeFile(join(dir, 'vuln', 'npm', '1.json'), JSON.stringify(one));
    await writeFile(join(dir, 'vuln', 'npm', '2.json'), JSON.stringify({ ...one, id: 2, vulnerable_versions: '<=1.5.1 <<>> nonsense' }));
    await writeFile(join(dir, 'vuln', 'npm', '3.json'), JSON.stringify({ ...one, id: 3, patched_versions: '>=what' }));
    await writeFile(join(dir, 'vuln', 'npm', '4.json'), JSON.stringify({ ...one, id: 4, vulnerable_versions: '>=2.0.0 <3.0.0', patched_versions: '>=1.0.0' }));
    await writeFile(join(dir, 'vuln', 'npm', '5.json'), '{"id": 5,');
    await writeFile(join(dir, 'vuln', 'npm', '6.json'), JSON.stringify({ id: 6, hello: 'world' }));
    await writeFile(join(dir, 'vuln', 'npm', '7.json'), JSON.stringify({ ...one, id: 7, module_name: 42 }));
    await copyFile(join(VULN, 'core', '1.json'), join(dir, 'vuln', 'core', '1.json'));
    const got = await importFrom(dir);
    expect([...got.advisories.keys()]).toEqual(['NSWG-ECO-1', 'NSWG-ECO-3', 'NSWG-COR-1']);
    expect(got.advisories.get('NSWG-ECO-3')?.affected[0]?.nativeRange).toBe('<=1.5.1');
    expect(got.warnings).toEqual([
      'vuln/npm/2.json: invalid vulnerable range "<=1.5.1 <<>> nonsense"',
      'vuln/npm/3.json: invalid patched range ">=what"; every version in "<=1.5.1" is taken as affected',
      'vuln/npm/4.json: no version is affected: vulnerable ">=2.0.0 <3.0.0" lies within patched ">=1.0.0"',
      expect.stringMatching(/^vuln\/npm\/5\.json: not valid JSON/),
      expect.stringMatching(/^vuln\/npm\/6\.json: not a security-wg npm record \(module_name: .*; vulnerable_versions: /),
      expect.stringMatching(/^vuln\/npm\/7\.json: not a security-wg npm record \(module_name: /),
    ]);
  });

  it('a directory without security-wg data is an INPUT error naming it', async () => {
    const empty = join(dir, 'nothing');
    await mkdir(empty);
    await expect(importFrom(empty)).rejects.toMatchObject({ code: 'INPUT', message: expect.stringContaining(empty) });
  });
});

describe('nodejs security-wg importer over HTTP (loopback feed server at the raw-file paths)', () => {
  it('reads vuln/npm/index.json and vuln/core/index.json and gives what the checkout gives', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'drydock-nswg-http-'));
    await mkdir(join(dir, 'www', 'nodejs', 'security-wg'), { recursive: true });
    await symlink(WG, join(dir, 'www', 'nodejs', 'security-wg', 'main'));
    const server = await startFeedServer({ root: join(dir, 'www'), gzip: true });
    const location = `${server.url}nodejs/security-wg/main/vuln`;
    expect(nodejsSecurityWgImporter.defaultUrls).toEqual(['https://raw.githubusercontent.com/nodejs/security-wg/main/vuln']);
    const source = new HttpFeedSource(location, { feed: 'nodejs-security-wg', cacheDir: join(dir, 'cache') });
    try {
      const advisories: Advisory[] = [];
      const warnings: string[] = [];
      const result = await nodejsSecurityWgImporter.import(source, { advisory: (a) => advisories.push(a), cve() {}, kev() {}, epss() {}, warn: (m) => warnings.push(m) });
      expect(server.requests.map((r) => `${r.method} ${r.path} ${r.status}`)).toEqual([
        'GET nodejs/security-wg/main/vuln/npm/index.json 200',
        'GET nodejs/security-wg/main/vuln/core/index.json 200',
      ]);
      const local = await importFrom(WG);
      expect(advisories).toHaveLength(638);
      for (const a of advisories) expect(a, a.id).toEqual(local.advisories.get(a.id));
      expect(warnings).toHaveLength(local.warnings.length);
      expect(result).toEqual(local.result);
    } finally {
      await source.close();
      await server.stop();
      await rm(dir, { recursive: true, force: true });
    }
  });
});
