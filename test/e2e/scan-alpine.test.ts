/**
 * The Alpine 3.18/3.19/3.20 fixture images scanned against a DB built from the real Alpine secdb
 * sample (+ NVD for severities, KEV), compared with an independent evaluation written here: read the
 * secdb JSON and the fixture's apk truth (from the real apk database), and for every installed
 * package take its origin's secfixes where installed version < fixed version (key "0": never
 * affected in the branch).
 *
 * The version comparison itself uses drydock's apk scheme: `apk version -t` is not on this machine and
 * no other apk-tools implementation is, so the scheme proven against apk-tools' own test vectors
 * (test/versioning, ../shared/conformance/versions/apk-apk-tools.tsv) is the comparator. Everything else
 * (secdb reading, origin mapping, the "0" rule, branch choice, dedupe) is independent of drydock's code.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ScanReport } from '../../src/report/model.js';
import { schemeById } from '../../src/versioning/index.js';
import { runCli, tempCache } from '../helpers/drydock.js';
import { fixture, readPackageTruth } from '../helpers/fixtures.js';
import { VULNDATA } from '../matching/osv-records.js';
import { ALPINE_FEEDS, buildSampleDb } from '../matching/sample-db.js';

const apk = schemeById('apk');
const BRANCHES = ['3.18', '3.19', '3.20'] as const;

interface SecdbDoc {
  packages: Array<{ pkg: { name: string; secfixes: Record<string, string[]> } }>;
}

/** (package name, vulnerability id) → the fixed version, by the independent evaluation. */
function expectedHits(branch: (typeof BRANCHES)[number]): Map<string, string> {
  const doc = JSON.parse(readFileSync(join(VULNDATA, 'alpine', 'secdb-reassembled', `v${branch}`, 'main.json'), 'utf8')) as SecdbDoc;
  const byOrigin = new Map(doc.packages.map((p) => [p.pkg.name, p.pkg.secfixes]));
  const out = new Map<string, string>();
  for (const row of readPackageTruth(`alpine-${branch}`)) {
    const secfixes = byOrigin.get(row.origin);
    if (!secfixes) continue;
    const never = new Set(secfixes['0'] ?? []);
    for (const [fixed, ids] of Object.entries(secfixes)) {
      if (fixed === '0' || apk.compare(row.version, fixed) >= 0) continue;
      for (const raw of ids) {
        const id = raw.split(/\s+/)[0] ?? raw;
        if (!never.has(id)) out.set(`${row.package} ${id}`, fixed);
      }
    }
  }
  return out;
}

let db: Awaited<ReturnType<typeof buildSampleDb>>;
const cache = tempCache();
const reports = new Map<string, ScanReport>();

async function scanOf(branch: string): Promise<ScanReport> {
  const cached = reports.get(branch);
  if (cached) return cached;
  const r = await runCli(['scan', '--db', db.path, '--format', 'json', '-q', '--cache-dir', cache.dir, `docker-archive:${fixture(`alpine-${branch}` as 'alpine-3.20').dockerArchive}`]);
  expect(r.stderr).not.toMatch(/internal error/);
  expect(r.code).toBe(0);
  const report = JSON.parse(r.stdout) as ScanReport;
  reports.set(branch, report);
  return report;
}

beforeAll(async () => {
  db = await buildSampleDb(ALPINE_FEEDS);
});
afterAll(() => {
  db.cleanup();
  cache.cleanup();
});

describe('scan: Alpine fixtures × Alpine secdb sample', () => {
  for (const branch of BRANCHES) {
    it(`alpine ${branch}: exactly the (package, vulnerability) pairs the independent evaluation gives`, async () => {
      const report = await scanOf(branch);
      const expected = expectedHits(branch);
      const got = new Map(report.findings.map((f) => [`${f.package.name} ${f.id}`, f.fixedVersion]));
      expect([...got.keys()].sort()).toEqual([...expected.keys()].sort());
      for (const [k, fixed] of expected) expect([k, got.get(k)]).toEqual([k, fixed]);
      expect(expected.size).toBeGreaterThan(0);
    });
  }

  it('alpine 3.20: the hits the sample README lists (openssl, busybox, musl), through the origin', async () => {
    const report = await scanOf('3.20');
    const fixOf = (pkg: string, id: string): string | undefined => report.findings.find((f) => f.package.name === pkg && f.id === id)?.fixedVersion;
    expect(fixOf('libcrypto3', 'CVE-2024-9143')).toBe('3.3.2-r1');
    expect(fixOf('libssl3', 'CVE-2024-13176')).toBe('3.3.2-r2');
    expect(fixOf('libssl3', 'CVE-2024-12797')).toBe('3.3.3-r0');
    expect(fixOf('libcrypto3', 'CVE-2025-9230')).toBe('3.3.5-r0');
    expect(fixOf('libcrypto3', 'CVE-2025-15467')).toBe('3.3.6-r0');
    expect(fixOf('libcrypto3', 'CVE-2026-28387')).toBe('3.3.7-r0');
    expect(fixOf('busybox', 'CVE-2024-58251')).toBe('1.36.1-r31');
    expect(fixOf('ssl_client', 'CVE-2025-46394')).toBe('1.36.1-r31');
    expect(fixOf('musl', 'CVE-2025-26519')).toBe('1.2.5-r1');
    expect(fixOf('musl-utils', 'CVE-2026-6042')).toBe('1.2.5-r2');
    expect(fixOf('musl', 'CVE-2026-40200')).toBe('1.2.5-r3');
    // Not hits: fixed before the installed version, or key "0" (never affected in the branch).
    for (const id of ['CVE-2024-0727', 'CVE-2024-6119', 'CVE-2023-42363', 'CVE-2020-28928', 'CVE-2021-42373', 'CVE-2023-45853', 'CVE-2023-6992']) {
      expect(report.findings.filter((f) => f.id === id)).toEqual([]);
    }
    const ssl = report.findings.find((f) => f.package.name === 'libssl3' && f.id === 'CVE-2024-9143');
    expect(ssl?.evidence).toMatchObject({ feed: 'alpine-secdb', namespace: 'alpine:3.20', via: 'source', matchedName: 'openssl', matchedVersion: '3.3.2-r0' });
  });

  it('alpine 3.20: fix advice per package is the highest fixed version of its findings', async () => {
    const report = await scanOf('3.20');
    const advice = new Map(report.fixAdvice.map((a) => [a.name, a]));
    expect(advice.get('libssl3')).toMatchObject({ upgradeTo: '3.3.7-r0', remaining: 0 });
    expect(advice.get('musl')).toMatchObject({ upgradeTo: '1.2.5-r3', remaining: 0 });
    expect(advice.get('busybox')?.upgradeTo).toBeDefined();
    const perPackage = report.findings.filter((f) => f.package.name === 'libssl3').length;
    expect(advice.get('libssl3')?.fixes).toBe(perPackage);
    expect(report.summary.findings).toBe(report.findings.length);
    expect(report.summary.upgradeRemoves).toBe(report.fixAdvice.reduce((n, a) => n + a.fixes, 0));
  });

  it('an end-of-life release is reported as a scan unknown', async () => {
    const report = await scanOf('3.18');
    expect(report.os?.eol?.reached).toBe(true);
    expect(report.unknowns.some((u) => u.source === 'matching' && /end of life/.test(u.reason))).toBe(true);
  });
});
