/**
 * The Debian bookworm fixtures scanned against a DB built from the real Debian sample
 * (vuln-list-debian CVE + DSA records, with NVD and KEV). What the sample says for bookworm, read
 * from ../shared/vulndata/debian/vuln-list-debian/tracker:
 *   CVE-2011-3374  apt        `<unfixed>` (unimportant), no bookworm line → affected in bookworm, no fix
 *   CVE-2016-2781  coreutils  `[bookworm] - coreutils <ignored>`         → will-not-fix, no fix
 *   CVE-2024-3094  xz-utils   `[bookworm] - xz-utils <not-affected>`     → never a finding
 *   CVE-2024-0727  openssl    `[bookworm] - openssl 3.0.13-1~deb12u1`     → fixed below the installed 3.0.22
 *   CVE-2023-4911  glibc      no bookworm line in this (early) CVE record; DSA-5514-1 fixes bookworm in
 *                             2.36-9+deb12u3 (merged into the CVE by the importer)
 *   CVE-2024-2961  glibc      likewise, DSA-5673-1: 2.36-9+deb12u6
 * The installed glibc (2.36-9+deb12u14) is above both DSA fixes, so a "fixed" finding needs an older
 * glibc: the fixture's own SBOM with glibc's packages set back to 2.36-9+deb12u2 (an SBOM is a scan
 * target), whose expected fixes are checked with python3-apt's `apt_pkg.version_compare` (dpkg's
 * own ordering, independent of drydock's deb scheme).
 */
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Finding } from '../../src/matching/finding.js';
import type { ScanReport } from '../../src/report/model.js';
import { runCli, tempCache } from '../helpers/drydock.js';
import { fixture } from '../helpers/fixtures.js';
import { DEBIAN_FEEDS, buildSampleDb } from '../matching/sample-db.js';

let db: Awaited<ReturnType<typeof buildSampleDb>>;
const cache = tempCache();
const image = `docker-archive:${fixture('debian').dockerArchive}`;

async function scan(target: string, ...extra: string[]): Promise<{ code: number; report: ScanReport; stderr: string }> {
  const r = await runCli(['scan', '--db', db.path, '--format', 'json', '-q', '--cache-dir', cache.dir, ...extra, target]);
  expect(r.stderr).not.toMatch(/internal error/);
  return { code: r.code, report: JSON.parse(r.stdout) as ScanReport, stderr: r.stderr };
}

const pairs = (fs: readonly Finding[]): string[] => fs.map((f) => `${f.package.name} ${f.id}`).sort();

/** dpkg's ordering through python3-apt (Debian's own library), one comparison per line. */
function aptCompare(pairsToCompare: Array<[string, string]>): number[] {
  const script = 'import sys, apt_pkg\napt_pkg.init_system()\nfor line in sys.stdin:\n  a, b = line.rstrip("\\n").split("\\t")\n  c = apt_pkg.version_compare(a, b)\n  print((c > 0) - (c < 0))\n';
  const r = spawnSync('/usr/bin/python3', ['-c', script], { input: pairsToCompare.map(([a, b]) => `${a}\t${b}`).join('\n') + '\n', encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`python3-apt failed: ${r.stderr}`);
  return r.stdout.trim().split('\n').map(Number);
}

beforeAll(async () => {
  db = await buildSampleDb(DEBIAN_FEEDS);
});
afterAll(() => {
  db.cleanup();
  cache.cleanup();
});

describe('scan: Debian fixture × Debian sample', () => {
  it('reports the unfixed and will-not-fix CVEs, by source package, and nothing fixed or not-affected', async () => {
    const { code, report } = await scan(image);
    expect(code).toBe(0);
    expect(pairs(report.findings)).toEqual(['apt CVE-2011-3374', 'coreutils CVE-2016-2781', 'libapt-pkg6.0 CVE-2011-3374']);
    const apt = report.findings.find((f) => f.package.name === 'libapt-pkg6.0');
    expect(apt).toMatchObject({ status: 'affected', severity: 'negligible', severitySource: 'debian' });
    expect(apt?.fixedVersion).toBeUndefined();
    expect(apt?.evidence).toMatchObject({ feed: 'debian', namespace: 'debian:12', via: 'source', matchedName: 'apt', matchedVersion: '2.6.1' });
    const coreutils = report.findings.find((f) => f.package.name === 'coreutils');
    expect(coreutils).toMatchObject({ status: 'will-not-fix' });
    expect(coreutils?.fixedVersion).toBeUndefined();
    // not-affected (xz-utils) and fixed-below-installed (openssl, glibc via the DSAs) are not findings
    for (const id of ['CVE-2024-3094', 'CVE-2024-0727', 'CVE-2023-4911', 'CVE-2024-2961']) expect(report.findings.filter((f) => f.id === id)).toEqual([]);
  });

  it('--ignore-unfixed drops the unfixed findings; --exit-code gates on what is left', async () => {
    const all = await scan(image, '--exit-code', '1');
    expect(all.code).toBe(1);
    // the vuln scanner alone: the config scanner's findings (on by default) would trip the gate too
    const fixedOnly = await scan(image, '--scanners', 'vuln', '--exit-code', '1', '--ignore-unfixed');
    expect(fixedOnly.code).toBe(0);
    expect(fixedOnly.report.findings).toEqual([]);
    expect(fixedOnly.report.suppressed.map((s) => s.by).sort()).toEqual(['unfixed', 'unfixed', 'unfixed']);
    expect(fixedOnly.report.summary.findings).toBe(0);
  });

  it('--severity keeps the listed severities only', async () => {
    const low = await scan(image, '--severity', 'LOW,HIGH');
    expect(pairs(low.report.findings)).toEqual(['coreutils CVE-2016-2781']);
  });

  it('the distroless fixture is Debian: same namespace, same verdicts (explain shows the lookup)', async () => {
    const { report } = await scan(`docker-archive:${fixture('distroless').dockerArchive}`);
    expect(report.os?.distroless).toBe(true);
    expect(report.findings).toEqual([]);
    const r = await runCli(['explain', 'CVE-2023-4911', `docker-archive:${fixture('distroless').dockerArchive}`, '--db', db.path, '--format', 'json', '-q', '--cache-dir', cache.dir]);
    expect(r.code).toBe(0);
    const x = JSON.parse(r.stdout) as { packages: Array<{ package: { name: string }; lookups: Array<{ namespace: string; name: string; chosen: boolean }>; verdict: string }> };
    const libc6 = x.packages.find((p) => p.package.name === 'libc6');
    expect(libc6?.lookups.find((l) => l.chosen)).toMatchObject({ namespace: 'debian:12', name: 'glibc' });
    expect(libc6?.verdict).toBe('not-affected');
  });

  it('an older glibc (the fixture SBOM, set back to 2.36-9+deb12u2): fixed findings with the DSA fix versions', async () => {
    const sbom = await runCli(['sbom', '-q', '--cache-dir', cache.dir, image]);
    expect(sbom.code).toBe(0);
    const old = '2.36-9+deb12u2';
    const doc = JSON.parse(sbom.stdout) as { components: Array<{ version?: string; purl?: string; 'bom-ref'?: string; properties?: Array<{ name: string; value: string }> }> };
    const glibc = doc.components.filter((c) => c.properties?.some((p) => p.name === 'drydock:source:name' && p.value === 'glibc'));
    expect(glibc.map((c) => c.version)).toContain('2.36-9+deb12u14');
    for (const c of glibc) {
      const cur = c.version ?? '';
      c.version = old;
      if (c.purl) c.purl = c.purl.replace(`@${cur}`, `@${old}`);
      for (const p of c.properties ?? []) if (p.name === 'drydock:source:version') p.value = old;
    }
    const path = join(cache.dir, 'debian-old-glibc.cdx.json');
    writeFileSync(path, JSON.stringify(doc));
    const { report } = await scan(`sbom:${path}`);
    const libc6 = report.findings.filter((f) => f.package.name === 'libc6');
    expect(libc6.map((f) => [f.id, f.status, f.fixedVersion])).toEqual(
      expect.arrayContaining([
        ['CVE-2023-4911', 'fixed', '2.36-9+deb12u3'],
        ['CVE-2024-2961', 'fixed', '2.36-9+deb12u6'],
      ]),
    );
    const fixes = libc6.filter((f) => f.fixedVersion !== undefined).map((f) => [old, f.fixedVersion as string] as [string, string]);
    expect(aptCompare(fixes)).toEqual(fixes.map(() => -1));
    const merged = libc6.find((f) => f.id === 'CVE-2023-4911');
    expect(merged?.evidence).toMatchObject({ feed: 'debian', namespace: 'debian:12', via: 'source', matchedName: 'glibc', matchedVersion: old });
    expect(report.fixAdvice.find((a) => a.name === 'libc6')).toMatchObject({ upgradeTo: '2.36-9+deb12u6' });
    expect(readFileSync(path, 'utf8')).toContain(old);
  });
});
