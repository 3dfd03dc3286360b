/**
 * Language fixtures scanned against a DB built from the real language samples (GHSA npm/Maven, PyPA,
 * Go vulndb as OSV; nodejs security-wg; NVD; KEV). Each fixture's findings are compared with an
 * independent evaluation of the same sample files over the same packages (those drydock's inventory
 * found, read from `drydock sbom --format json`), with the ecosystems' reference implementations
 * deciding the order: python3 `packaging` (PyPA), Maven's ComparableVersion in a JVM (GHSA Maven),
 * node-semver (GHSA npm, security-wg, Go vulndb's SEMVER ranges).
 */
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import semver from 'semver';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Inventory } from '../../src/core/inventory.js';
import type { Package } from '../../src/core/package.js';
import type { Finding } from '../../src/matching/finding.js';
import type { ScanReport } from '../../src/report/model.js';
import { runCli, tempCache } from '../helpers/drydock.js';
import { fixture, REPO_ROOT, type FixtureName } from '../helpers/fixtures.js';
import { mavenComparator } from '../matching/oracles/maven.js';
import { osvAffects, type OsvAffectedLike } from '../matching/oracles/osv-eval.js';
import { VULNDATA } from '../matching/osv-records.js';
import { LANGUAGE_FEEDS, buildSampleDb } from '../matching/sample-db.js';

let db: Awaited<ReturnType<typeof buildSampleDb>>;
const cache = tempCache();

const scanned = new Map<FixtureName, { report: ScanReport; inv: Inventory }>();

async function scanAndInventory(name: FixtureName): Promise<{ report: ScanReport; inv: Inventory }> {
  const done = scanned.get(name);
  if (done) return done;
  const target = `docker-archive:${fixture(name).dockerArchive}`;
  const r = await runCli(['scan', '--db', db.path, '--format', 'json', '-q', '--cache-dir', cache.dir, target]);
  expect(r.stderr).not.toMatch(/internal error/);
  expect(r.code).toBe(0);
  const s = await runCli(['sbom', '--format', 'json', '-q', '--cache-dir', cache.dir, target]);
  const out = { report: JSON.parse(r.stdout) as ScanReport, inv: JSON.parse(s.stdout) as Inventory };
  scanned.set(name, out);
  return out;
}

/** "name version advisory" for every advisory behind each finding (its own and merged duplicates). */
function hitsOf(findings: readonly Finding[], type: string): string[] {
  const out = new Set<string>();
  for (const f of findings.filter((x) => x.package.type === type)) {
    for (const e of [f.evidence, ...(f.otherEvidence ?? [])]) out.add(`${f.package.name} ${f.package.version} ${e.advisoryId}`);
  }
  return [...out].sort();
}

/** Packages a language matcher looks up: own ecosystem purl, no extra identity of an OS package. */
function registryPackages(inv: Inventory, type: string): Package[] {
  return inv.packages.filter((p) => p.type === type && p.purl.startsWith(`pkg:${type}/`));
}

function jsonFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.json')).map((f) => join(dir, f));
}

function osvRecords(dir: string): Array<{ id: string; withdrawn?: string; affected: OsvAffectedLike[] }> {
  return jsonFiles(join(VULNDATA, dir)).map((f) => JSON.parse(readFileSync(f, 'utf8')) as { id: string; withdrawn?: string; affected: OsvAffectedLike[] });
}

beforeAll(async () => {
  db = await buildSampleDb(LANGUAGE_FEEDS);
});
afterAll(() => {
  db.cleanup();
  cache.cleanup();
});

describe('scan: language fixtures × language samples', () => {
  it('python-app: exactly the PyPA advisories python3 `packaging` finds for the same packages', async () => {
    const { report, inv } = await scanAndInventory('python-app');
    const packages = registryPackages(inv, 'pypi').map((p) => [p.name, p.version]);
    const oracle = spawnSync('/usr/bin/python3', [join(REPO_ROOT, 'test/matching/oracles/pypa.py')], {
      input: JSON.stringify({ dir: join(VULNDATA, 'pypi/pypa-advisory-database/vulns'), packages }),
      encoding: 'utf8',
    });
    expect(oracle.status, oracle.stderr).toBe(0);
    const expected = [...new Set(oracle.stdout.trim().split('\n').filter((l) => l !== '').map((l) => l.split('\t').join(' ')))].sort();
    expect(expected.length).toBeGreaterThan(10);
    expect(hitsOf(report.findings, 'pypi')).toEqual(expected);
    // Lock-file packages are matched and say so.
    expect(report.findings.find((f) => f.package.name === 'requests' && f.id === 'CVE-2023-32681')?.package.foundIn).toBe('lockfile');
  });

  it('python-app: a Debian package\'s PyPI identity (extraPurls) is not matched again', async () => {
    const { report, inv } = await scanAndInventory('python-app');
    const debCertifi = inv.packages.find((p) => p.type === 'deb' && (p.extraPurls ?? []).some((u) => u.startsWith('pkg:pypi/certifi@2022.9.24')));
    expect(debCertifi).toBeDefined();
    // certifi 2022.9.24 is below PYSEC-2022-42986's fix (2022.12.7): matching it as PyPI would report it.
    expect(report.findings.filter((f) => f.package.version === '2022.9.24')).toEqual([]);
  });

  it('java-app: exactly the GHSA Maven advisories Maven\'s ComparableVersion finds', async () => {
    const { report, inv } = await scanAndInventory('java-app');
    const records = osvRecords('maven/ghsa-osv').filter((r) => r.withdrawn === undefined);
    const pkgs = registryPackages(inv, 'maven');
    const relevant = records.flatMap((r) => r.affected.flatMap((a) => pkgs.filter((p) => p.name === a.package.name).map((p) => ({ r, a, p }))));
    const versions = (x: (typeof relevant)[number]): string[] => [x.p.version, ...(x.a.versions ?? []), ...(x.a.ranges ?? []).flatMap((rg) => rg.events.map((e) => Object.values(e)[0] ?? ''))];
    const pairs = relevant.flatMap((x) => versions(x).flatMap((a) => versions(x).map((b) => [a, b] as const)));
    const cmp = mavenComparator(pairs);
    const expected = [...new Set(relevant.filter((x) => osvAffects(x.p.version, x.a, 'ECOSYSTEM', cmp)).map((x) => `${x.p.name} ${x.p.version} ${x.r.id}`))].sort();
    expect(expected).toContain('com.google.guava:guava 31.1-jre GHSA-7g45-4rm6-3mm3');
    expect(hitsOf(report.findings, 'maven')).toEqual(expected);
    // jackson-databind 2.14.0 and commons-text 1.10.0 are named by advisories but above their fixes.
    expect(relevant.some((x) => x.p.name === 'org.apache.commons:commons-text')).toBe(true);
    const guava = report.findings.find((f) => f.package.name === 'com.google.guava:guava');
    expect(guava).toMatchObject({ id: 'CVE-2023-2976', fixedVersion: '32.0.0', evidence: { feed: 'osv', namespace: 'maven', advisoryId: 'GHSA-7g45-4rm6-3mm3' } });
  });

  it('go-apps and binaries: Go vulndb SEMVER ranges per node-semver, stdlib from the toolchain, the go command as `toolchain`', async () => {
    const records = osvRecords('go/golang-vulndb/data/osv').filter((r) => r.withdrawn === undefined);
    for (const name of ['go-apps', 'binaries'] as const) {
      const { report, inv } = await scanAndInventory(name);
      const modules = registryPackages(inv, 'golang').map((p) => ({ lookup: p.name, p }));
      const tools = inv.packages.filter((p) => p.type === 'generic' && p.name === 'go' && p.foundIn === 'binary').map((p) => ({ lookup: 'toolchain', p }));
      const expected = new Set<string>();
      for (const { lookup, p } of [...modules, ...tools]) {
        const v = p.version.replace(/^v/, '');
        if (!semver.valid(v)) continue; // (devel) and unversioned main modules: no advisory names them
        for (const r of records) {
          if (r.affected.some((a) => a.package.ecosystem === 'Go' && a.package.name === lookup && osvAffects(v, a, 'SEMVER', (x, y) => semver.compare(x, y)))) {
            expected.add(`${p.name} ${p.version} ${r.id}`);
          }
        }
      }
      const got = [...hitsOf(report.findings, 'golang'), ...hitsOf(report.findings, 'generic').filter((h) => h.startsWith('go '))].sort();
      expect(got).toEqual([...expected].sort());
      expect(expected.size).toBeGreaterThan(10);
    }
  });

  it('go-apps: Go fixes are written as the module spells versions (`v` prefix); the go command keeps its own', async () => {
    const { report } = await scanAndInventory('go-apps');
    const xsys = report.findings.find((f) => f.package.name === 'golang.org/x/sys' && f.evidence.advisoryId === 'GO-2022-0493');
    expect(xsys?.fixedVersion).toBe('v0.0.0-20220412211240-33da011f77ad');
    const stdlib = report.findings.find((f) => f.package.name === 'stdlib' && f.package.version === 'v1.17.2' && f.evidence.advisoryId === 'GO-2021-0263');
    expect(stdlib?.fixedVersion).toBe('v1.17.3');
  });

  it('node-app and binaries: GHSA npm + security-wg per node-semver (vulnerable minus patched; win32-only core flaws do not apply)', async () => {
    const ghsa = osvRecords('npm/ghsa-osv').filter((r) => r.withdrawn === undefined);
    const wgNpm = jsonFiles(join(VULNDATA, 'npm/nodejs-security-wg/vuln/npm')).map((f) => JSON.parse(readFileSync(f, 'utf8')) as { id: number; module_name: string; vulnerable_versions: string; patched_versions?: string | null });
    const wgCore = jsonFiles(join(VULNDATA, 'npm/nodejs-security-wg/vuln/core')).map((f) => ({ n: /(\d+)\.json$/.exec(f)?.[1] ?? '', ...(JSON.parse(readFileSync(f, 'utf8')) as { vulnerable: string; patched?: string | null; affectedEnvironments?: string[] }) }));
    const inRange = (v: string, vuln: string, patched: string | null | undefined): boolean => semver.satisfies(v, vuln) && !(patched && semver.satisfies(v, patched));
    for (const name of ['node-app', 'binaries'] as const) {
      const { report, inv } = await scanAndInventory(name);
      const expected = new Set<string>();
      for (const p of registryPackages(inv, 'npm')) {
        for (const r of ghsa) if (r.affected.some((a) => a.package.ecosystem === 'npm' && a.package.name === p.name && osvAffects(p.version, a, 'ECOSYSTEM', semver.compare))) expected.add(`${p.name} ${p.version} ${r.id}`);
        for (const r of wgNpm) if (r.module_name === p.name && inRange(p.version, r.vulnerable_versions, r.patched_versions)) expected.add(`${p.name} ${p.version} NSWG-ECO-${r.id}`);
      }
      for (const p of inv.packages.filter((x) => x.type === 'generic' && x.name === 'node')) {
        for (const r of wgCore) {
          const envs = r.affectedEnvironments ?? ['all'];
          if ((envs.includes('all') || envs.includes('linux')) && inRange(p.version, r.vulnerable, r.patched)) expected.add(`${p.name} ${p.version} NSWG-COR-${r.n}`);
        }
      }
      const got = [...hitsOf(report.findings, 'npm'), ...hitsOf(report.findings, 'generic').filter((h) => h.startsWith('node '))].sort();
      expect(got).toEqual([...expected].sort());
      if (name === 'binaries') expect(got).toContain('node 18.20.4 NSWG-COR-149');
    }
  });
});
