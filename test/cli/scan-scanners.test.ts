/**
 * `drydock scan` with the secret and config scanners, end to end through the CLI on the real fixture
 * images (buildah-built; config-checks breaks the checks on purpose, see its Containerfile): the
 * expected check findings (the same lists test/checks/config/fixture-images.test.ts derives from
 * find(1), tar and the Containerfile), base-image identification against the fixtures' truth, no
 * advisory DB needed without the vuln scanner, SBOM targets, and the exit-code gate.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ScanReport } from '../../src/report/model.js';
import { runCli, tempCache } from '../helpers/drydock.js';
import { ensureFixtures, fixture, readImageTruth, readPackageTruth, type FixtureName } from '../helpers/fixtures.js';
import { DEBIAN_FEEDS, buildSampleDb } from '../matching/sample-db.js';

const cache = tempCache();
const work = mkdtempSync(join(tmpdir(), 'drydock-scan-scanners-'));
const missingDb = join(work, 'no-such-dir', 'drydock.db');
let db: Awaited<ReturnType<typeof buildSampleDb>>;

const archive = (name: FixtureName): string => `docker-archive:${fixture(name).dockerArchive}`;

async function scan(args: string[], opts: { cwd?: string } = {}): Promise<{ code: number; stdout: string; stderr: string; report: () => ScanReport }> {
  const r = await runCli(['scan', '--cache-dir', cache.dir, ...args], { env: { HOME: work, PATH: process.env['PATH'] }, ...opts });
  expect(r.stderr).not.toMatch(/internal error/);
  return { ...r, report: () => JSON.parse(r.stdout) as ScanReport };
}

/** Without the vuln scanner, with a DB path that does not exist: nothing may try to open it. */
const noDb = (target: string, ...extra: string[]): ReturnType<typeof scan> => scan(['-q', '--scanners', 'secret,config', '--db', missingDb, '--format', 'json', ...extra, target]);

beforeAll(async () => {
  await ensureFixtures(['config-checks']);
  db = await buildSampleDb(DEBIAN_FEEDS);
}, 900_000);
afterAll(() => {
  db.cleanup();
  cache.cleanup();
  rmSync(work, { recursive: true, force: true });
});

describe('--scanners secret,config: no advisory DB at all', () => {
  it.each<[FixtureName, string[]]>([
    ['alpine-3.20', ['CIS-DI-0001', 'CIS-DI-0006', 'DKL-DI-0006', 'DD-IMG-0004']],
    ['debian', ['CIS-DI-0001', 'CIS-DI-0006', 'CIS-DI-0008', 'DKL-DI-0005', 'DKL-DI-0006', 'DD-IMG-0004']],
    ['distroless', ['CIS-DI-0001', 'CIS-DI-0006', 'DKL-DI-0006']],
  ])('%s: exit 0, no db in the report, the expected checks', async (name, checks) => {
    const r = await noDb(archive(name));
    expect(r.code).toBe(0);
    const report = r.report();
    expect(report.db).toBeUndefined();
    expect(report.findings).toEqual([]);
    expect(report.scanners).toContain('config');
    expect(report.scanners).not.toContain('vuln');
    expect(report.checks.map((c) => c.id)).toEqual(checks);
    expect(report.summary.checks.total).toBe(checks.length);
    expect(report.baseImage?.surface.knownVulns).toBeUndefined();
  });

  it('config-checks: every check the Containerfile breaks, with its layer', async () => {
    const report = (await noDb(archive('config-checks'))).report();
    expect(report.checks.map((c) => `${c.id}@${c.layer?.index ?? '-'}`)).toEqual([
      'CIS-DI-0001@-', 'CIS-DI-0006@-', 'CIS-DI-0007@1', 'CIS-DI-0008@0', 'CIS-DI-0008@2', 'CIS-DI-0008@3', 'CIS-DI-0009@5',
      'CIS-DI-0010@-', 'CIS-DI-0010@-', 'CIS-DI-0010@1', 'DKL-DI-0001@2', 'DKL-DI-0005@1', 'DKL-DI-0005@2', 'DKL-DI-0006@-',
      'DD-IMG-0001@-', 'DD-IMG-0002@3', 'DD-IMG-0003@-', 'DD-IMG-0003@2', 'DD-IMG-0003@1', 'DD-IMG-0004@-', 'DD-IMG-0005@2',
    ]);
    expect(report.checks.find((c) => c.id === 'DD-IMG-0001')?.details).toEqual(['EXPOSE 22/tcp — SSH: containers are not managed by logging in']);
  });

  it('the table has the sections and no vulnerability part', async () => {
    const r = await scan(['-q', '--scanners', 'secret,config', '--db', missingDb, archive('config-checks')]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Vulnerabilities: not scanned (--scanners)');
    expect(r.stdout).toMatch(/\nImage configuration\n {2}MEDIUM {5}CIS-DI-0001 {2}Create a user for the container\n/);
    expect(r.stdout).toMatch(/\nBase image\n {2}Base: Debian GNU\/Linux 12\.\d+ \(bookworm\)\n {2}Support: debian 12: supported until \d{4}-\d{2}-\d{2}/);
    expect(r.stdout).not.toContain('No vulnerabilities found');
  });
});

describe('base-image identification through the CLI', () => {
  it('alpine-3.20: Alpine, its release from os-release, end of life with a move-to advice', async () => {
    const b = (await noDb(archive('alpine-3.20'))).report().baseImage;
    expect(b?.info).toMatchObject({ flavour: 'alpine', distro: { family: 'alpine', version: readImageTruth('alpine-3.20').os.versionId } });
    expect(b?.eol.os).toMatchObject({ product: 'alpine', cycle: '3.20', date: '2026-04-01' });
    expect(b?.surface.packages.os).toBe(readPackageTruth('alpine-3.20').length);
    expect(b?.surface.shell.present).toBe(true);
    if (b?.eol.os?.eol === true) expect(b.suggestions.map((s) => s.id)).toContain('alpine-eol');
  });

  it('debian: Debian 12 bookworm, one base layer, installed packages split base/added', async () => {
    const b = (await noDb(archive('debian'))).report().baseImage;
    const installed = readPackageTruth('debian').filter((r) => r.status === 'installed').length;
    expect(b?.info).toMatchObject({ flavour: 'debian', baseLayers: 1, distro: { id: 'debian', version: '12', codename: 'bookworm' } });
    expect(b?.surface.packages.os).toBe(installed);
    expect((b?.surface.packages.fromBase ?? 0) + (b?.surface.packages.added ?? 0)).toBe(installed);
    expect(b?.surface.packageManager.names).toEqual(['apt', 'dpkg']);
  });

  it('distroless: no shell, no package manager, the cc variant', async () => {
    const b = (await noDb(archive('distroless'))).report().baseImage;
    expect(b?.info).toMatchObject({ flavour: 'distroless', variant: 'cc', distro: { id: 'debian', version: '12' } });
    expect([b?.surface.shell.present, b?.surface.packageManager.present]).toEqual([false, false]);
  });

  it('config-checks with the vuln scanner: findings split inherited/added, known vulnerabilities filled in', async () => {
    const report = (await scan(['-q', '--db', db.path, '--format', 'json', archive('config-checks')])).report();
    expect(report.scanners).toEqual(expect.arrayContaining(['vuln', 'config']));
    expect(report.baseLayers).toBe(1);
    expect(report.findings.length).toBeGreaterThan(0);
    for (const f of report.findings) expect([f.package.name, f.origin]).toEqual([f.package.name, (f.package.layer?.index ?? 99) < 1 ? 'base' : 'added']);
    expect(report.summary.inherited + report.summary.added).toBe(report.findings.length);
    expect(report.baseImage?.surface.knownVulns).toMatchObject({ total: report.findings.length, fromBase: report.summary.inherited, added: report.summary.added });
    expect(report.baseImage?.info.packages.added).toBeGreaterThan(0); // sudo and its dependencies
  });
});

describe('a directory target', () => {
  it('has no image config: the checks are skipped with a note, the base-image report is made', async () => {
    const r = await scan(['--scanners', 'config', '--db', missingDb, '--format', 'json', `dir:${fixture('alpine-3.20').rootfs}`]);
    expect(r.code).toBe(0);
    const report = r.report();
    expect([report.scanners, report.checks]).toEqual([[], []]);
    expect(report.baseImage?.info).toMatchObject({ flavour: 'alpine', distro: { version: readImageTruth('alpine-3.20').os.versionId } });
    expect(r.stderr).toContain('drydock: note: image configuration checks skipped: the target has no image config (a directory)');
  });
});

describe('the exit-code gate counts every enabled scanner', () => {
  it('checks alone trip --exit-code; --severity and the ignore file can clear them', async () => {
    expect((await noDb(archive('alpine-3.20'), '--exit-code', '4')).code).toBe(4);
    const critical = await noDb(archive('alpine-3.20'), '--exit-code', '4', '--severity', 'CRITICAL');
    expect(critical.code).toBe(0);
    expect(critical.report().suppressedChecks.map((s) => s.by)).toEqual(['severity', 'severity', 'severity', 'severity']);
    const ignore = join(work, '.trivyignore');
    writeFileSync(ignore, 'CIS-DI-0001\nCIS-DI-0006\nDKL-DI-0006\nDD-IMG-0004 exp:2999-12-31\n');
    const ignored = await noDb(archive('alpine-3.20'), '--exit-code', '4', '--ignorefile', ignore);
    expect(ignored.code).toBe(0);
    expect(ignored.report().suppressedChecks.map((s) => s.check.id)).toEqual(['CIS-DI-0001', 'CIS-DI-0006', 'DKL-DI-0006', 'DD-IMG-0004']);
  });

  it('the vuln scanner alone: the gate is its findings only', async () => {
    const r = await scan(['-q', '--db', db.path, '--scanners', 'vuln', '--exit-code', '3', '--severity', 'CRITICAL', archive('debian')]);
    expect(r.code).toBe(0);
    expect((await scan(['-q', '--db', db.path, '--scanners', 'vuln', '--exit-code', '3', archive('debian')])).code).toBe(3);
  });
});

describe('an SBOM target: secret and config are skipped with a note', () => {
  it('default scanners: the vuln scan runs, notes on stderr and in unknowns, exit 0', async () => {
    const sbom = join(work, 'debian.cdx.json');
    expect((await runCli(['sbom', '-q', '--cache-dir', cache.dir, '-o', sbom, archive('debian')])).code).toBe(0);
    const r = await scan(['--db', db.path, '--format', 'json', sbom]);
    expect(r.code).toBe(0);
    const report = r.report();
    expect(report.scanners).toEqual(['vuln']);
    expect(report.findings.length).toBeGreaterThan(0);
    expect(report.baseImage).toBeUndefined();
    expect(r.stderr).toContain('drydock: note: secret scanner skipped: an SBOM has no layers or image config to search');
    expect(r.stderr).toContain('drydock: note: config scanner skipped: an SBOM has no image config or filesystem to check');
    expect(report.unknowns.filter((u) => u.source === 'scan').map((u) => u.reason.split(':')[0])).toEqual(['secret scanner skipped', 'config scanner skipped']);
    const none = await noDb(sbom, '--exit-code', '9');
    expect([none.code, none.report().scanners]).toEqual([0, []]);
  });
});

describe('secrets from the layer walk', () => {
  it('config-checks: the API token in a LABEL and the ARG default in the history are reported masked', async () => {
    const r = await scan(['--scanners', 'secret', '--db', missingDb, '--format', 'json', archive('config-checks')]);
    expect(r.code).toBe(0);
    const report = r.report();
    expect(report.scanners).toEqual(['secret']);
    const label = report.secrets.find((s) => s.location.kind === 'config' && s.location.field === 'Labels' && s.location.key === 'com.example.api-token');
    expect(label?.masked).toBe('tok_****');
    const history = report.secrets.find((s) => s.location.kind === 'history');
    expect(history?.masked).toBe('dt_l****');
    // The ENV password (a word-shaped value) is the config scanner's CIS-DI-0010, not a secret-rule hit.
  });
});
