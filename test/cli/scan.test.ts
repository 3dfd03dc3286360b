/**
 * `drydock scan` as a command: DB location and staleness, flags, filters (ignore file, VEX), exit
 * codes and output files — on the Alpine 3.20 fixture with a DB built from the real Alpine sample.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ScanReport } from '../../src/report/model.js';
import { runCli, tempCache } from '../helpers/drydock.js';
import { fixture } from '../helpers/fixtures.js';
import { ALPINE_FEEDS, buildSampleDb } from '../matching/sample-db.js';

const DAY = 24 * 3600 * 1000;
let db: Awaited<ReturnType<typeof buildSampleDb>>;
let stale: Awaited<ReturnType<typeof buildSampleDb>>;
const cache = tempCache();
const work = mkdtempSync(join(tmpdir(), 'drydock-scan-cli-'));
const image = `docker-archive:${fixture('alpine-3.20').dockerArchive}`;

function scan(args: string[], opts: { env?: Record<string, string | undefined>; cwd?: string } = {}): ReturnType<typeof runCli> {
  return runCli(['scan', '-q', '--cache-dir', cache.dir, ...args], opts);
}

beforeAll(async () => {
  db = await buildSampleDb(ALPINE_FEEDS);
  stale = await buildSampleDb(ALPINE_FEEDS.slice(0, 1), new Date(Date.now() - 30 * DAY));
});
afterAll(() => {
  db.cleanup();
  stale.cleanup();
  cache.cleanup();
  rmSync(work, { recursive: true, force: true });
});

describe('drydock scan: the advisory DB', () => {
  it('no DB: exit 2 and how to make one', async () => {
    const r = await scan(['--db', join(work, 'missing.db'), image]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/no advisory DB at .*missing\.db: run "drydock db update"/);
  });

  it('default location: $DRYDOCK_DB, else <cache dir>/db/drydock.db', async () => {
    const viaEnv = await scan(['--format', 'json', image], { env: { HOME: work, DRYDOCK_DB: db.path } });
    expect(viaEnv.code).toBe(0);
    expect((JSON.parse(viaEnv.stdout) as ScanReport).db?.path).toBe(db.path);
    const viaCache = await runCli(['scan', '-q', '--cache-dir', db.dir, '--format', 'json', image], { env: { HOME: work } });
    expect(viaCache.code).toBe(2); // <dir>/db/drydock.db does not exist there
    expect(viaCache.stderr).toContain(join(db.dir, 'db', 'drydock.db'));
  });

  it('a DB older than --db-max-age-days is a warning, or exit 2 with --fail-on-stale-db', async () => {
    const warn = await scan(['--db', stale.path, '--format', 'json', image]);
    expect(warn.code).toBe(0);
    expect(warn.stderr).toMatch(/warning: advisory DB .* was built 30 days ago \(limit 7\); run "drydock db update"/);
    expect((JSON.parse(warn.stdout) as ScanReport).db?.ageDays).toBe(30);
    const ok = await scan(['--db', stale.path, '--db-max-age-days', '31', '--format', 'json', image]);
    expect(ok.stderr).not.toMatch(/warning/);
    const fail = await scan(['--db', stale.path, '--fail-on-stale-db', image]);
    expect(fail.code).toBe(2);
    expect(fail.stdout).toBe('');
  });

  it('--offline is accepted (scan never downloads the DB)', async () => {
    const r = await scan(['--offline', '--db', db.path, '--format', 'json', image]);
    expect(r.code).toBe(0);
  });
});

describe('drydock scan: flags', () => {
  it('--scanners: any of vuln, secret, config (all by default); unknown names or an empty list are usage errors', async () => {
    const vuln = JSON.parse((await scan(['--db', db.path, '--scanners', 'vuln', '--format', 'json', image])).stdout) as ScanReport;
    expect(vuln.scanners).toEqual(['vuln']);
    expect([vuln.checks, vuln.baseImage]).toEqual([[], undefined]);
    const all = JSON.parse((await scan(['--db', db.path, '--format', 'json', image])).stdout) as ScanReport;
    expect(all.scanners).toContain('config');
    expect(all.checks.length).toBeGreaterThan(0);
    const bogus = await scan(['--db', db.path, '--scanners', 'vuln,viruses', image]);
    expect(bogus.code).toBe(2);
    expect(bogus.stderr).toMatch(/unknown scanner "viruses" \(known: vuln, secret, config\)/);
    const empty = await scan(['--db', db.path, '--scanners', ' , ', image]);
    expect(empty.code).toBe(2);
    expect(empty.stderr).toMatch(/--scanners: name at least one scanner/);
  });

  it('--severity, --exit-code: bad values are usage errors; the gate counts findings left after filters', async () => {
    expect((await scan(['--db', db.path, '--severity', 'HIGH,SEVERE', image])).code).toBe(2);
    expect((await scan(['--db', db.path, '--exit-code', 'one', image])).code).toBe(2);
    const crit = await scan(['--db', db.path, '--scanners', 'vuln', '--severity', 'CRITICAL', '--exit-code', '5', '--format', 'json', image]);
    expect(crit.code).toBe(5);
    const report = JSON.parse(crit.stdout) as ScanReport;
    expect(report.findings.length).toBeGreaterThan(0);
    expect(new Set(report.findings.map((f) => f.severity))).toEqual(new Set(['critical']));
    expect(report.summary.findings).toBe(report.findings.length);
    expect(report.suppressed.every((s) => s.by === 'severity')).toBe(true);
    const none = await scan(['--db', db.path, '--scanners', 'vuln', '--severity', 'NEGLIGIBLE', '--exit-code', '5', '--format', 'json', image]);
    expect(none.code).toBe(0);
    // with the config scanner on (the default), its negligible "shell present" finding remains: the gate counts it
    const withConfig = await scan(['--db', db.path, '--severity', 'NEGLIGIBLE', '--exit-code', '5', '--format', 'json', image]);
    expect(withConfig.code).toBe(5);
    expect((JSON.parse(withConfig.stdout) as ScanReport).checks.map((c) => c.id)).toEqual(['DD-IMG-0004']);
  });

  it('-o FILE in each format; table is the default', async () => {
    const table = await scan(['--db', db.path, image]);
    expect(table.code).toBe(0);
    expect(table.stdout).toMatch(/CVE-2024-9143/);
    for (const format of ['json', 'sarif', 'cyclonedx', 'junit', 'markdown', 'html']) {
      const out = join(work, `report.${format}`);
      const r = await scan(['--db', db.path, '--format', format, '-o', out, image]);
      expect([format, r.code]).toEqual([format, 0]);
      expect(r.stdout).toBe('');
      expect(readFileSync(out, 'utf8')).toContain('CVE-2024-9143');
    }
    const sarif = JSON.parse(readFileSync(join(work, 'report.sarif'), 'utf8')) as { version: string };
    expect(sarif.version).toBe('2.1.0');
  });

  it('findings say whether their package came from the base image (alpine-layers: built FROM a one-layer base)', async () => {
    const layered = `oci:${fixture('alpine-layers').ociDir}`;
    const r = JSON.parse((await scan(['--db', db.path, '--format', 'json', layered])).stdout) as ScanReport;
    expect(r.baseLayers).toBe(1);
    expect(r.findings.length).toBeGreaterThan(0);
    for (const f of r.findings) expect([f.package.name, f.package.fromBaseImage]).toEqual([f.package.name, (f.package.layer?.index ?? -1) < 1]);
    expect(r.findings.some((f) => f.package.fromBaseImage === true)).toBe(true);
    const table = await scan(['--db', db.path, layered]);
    expect(table.stdout).toContain('base image');
  });

  it('an SBOM file is a target too (drydock\'s own CycloneDX of the same image: the same findings)', async () => {
    const sbomPath = join(work, 'alpine.cdx.json');
    expect((await runCli(['sbom', '-q', '--cache-dir', cache.dir, '-o', sbomPath, image])).code).toBe(0);
    const fromImage = JSON.parse((await scan(['--db', db.path, '--format', 'json', image])).stdout) as ScanReport;
    const fromSbom = JSON.parse((await scan(['--db', db.path, '--format', 'json', sbomPath])).stdout) as ScanReport;
    const key = (r: ScanReport): string[] => r.findings.map((f) => `${f.package.name} ${f.package.version} ${f.id} ${f.fixedVersion ?? ''}`).sort();
    expect(key(fromSbom)).toEqual(key(fromImage));
    expect(fromSbom.source.kind).toBe('sbom');
  });
});

describe('drydock scan: ignore files and VEX', () => {
  it('--ignorefile (.trivyignore syntax with an expiry) and ./.drydockignore by default', async () => {
    const ignore = join(work, '.trivyignore');
    writeFileSync(ignore, '# accepted until the upgrade\nCVE-2024-9143 exp:2999-01-01\nCVE-2024-12797 exp:2000-01-01\n');
    const r = await scan(['--db', db.path, '--format', 'json', '--ignorefile', ignore, image]);
    const report = JSON.parse(r.stdout) as ScanReport;
    expect(report.findings.some((f) => f.id === 'CVE-2024-9143')).toBe(false);
    expect(report.findings.some((f) => f.id === 'CVE-2024-12797')).toBe(true); // expired entry
    expect(report.suppressed.filter((s) => s.by === 'ignorefile').map((s) => s.finding.id)).toEqual(['CVE-2024-9143', 'CVE-2024-9143']);
    const cwd = mkdtempSync(join(work, 'cwd-'));
    writeFileSync(join(cwd, '.drydockignore'), 'CVE-2024-9143\n');
    const byDefault = JSON.parse((await scan(['--db', db.path, '--format', 'json', image], { cwd })).stdout) as ScanReport;
    expect(byDefault.findings.some((f) => f.id === 'CVE-2024-9143')).toBe(false);
    const missing = await scan(['--db', db.path, '--ignorefile', join(work, 'nope'), image]);
    expect(missing.code).toBe(2);
  });

  it('--vex: an OpenVEX not_affected statement for one package suppresses exactly that finding', async () => {
    const vex = join(work, 'libssl3.openvex.json');
    writeFileSync(
      vex,
      JSON.stringify({
        '@context': 'https://openvex.dev/ns/v0.2.0',
        '@id': 'https://example.com/vex/1',
        author: 'test',
        timestamp: '2026-01-01T00:00:00Z',
        version: 1,
        statements: [
          {
            vulnerability: { name: 'CVE-2024-9143' },
            products: [{ '@id': 'pkg:apk/alpine/libssl3@3.3.2-r0' }],
            status: 'not_affected',
            justification: 'vulnerable_code_not_in_execute_path',
          },
        ],
      }),
    );
    const report = JSON.parse((await scan(['--db', db.path, '--format', 'json', '--vex', vex, image])).stdout) as ScanReport;
    expect(report.findings.filter((f) => f.id === 'CVE-2024-9143').map((f) => f.package.name)).toEqual(['libcrypto3']);
    expect(report.suppressed.filter((s) => s.by === 'vex').map((s) => `${s.finding.package.name} ${s.finding.id}`)).toEqual(['libssl3 CVE-2024-9143']);
    // fix advice and summary are recounted after filters
    expect(report.summary.findings).toBe(report.findings.length);
  });
});
