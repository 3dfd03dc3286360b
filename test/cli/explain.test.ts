/**
 * `drydock explain ID TARGET` on real fixtures and DBs built from the real samples: every verdict
 * (matched, not affected by range, not affected by status, no record for the namespace, unknown), in
 * text and JSON, and agreement with `drydock scan`.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Explanation } from '../../src/matching/explain.js';
import type { ScanReport } from '../../src/report/model.js';
import { runCli, tempCache } from '../helpers/drydock.js';
import { fixture } from '../helpers/fixtures.js';
import { ALPINE_FEEDS, DEBIAN_FEEDS, buildSampleDb } from '../matching/sample-db.js';
import { advisory, storeWith } from '../matching/store-of.js';

let alpine: Awaited<ReturnType<typeof buildSampleDb>>;
let debian: Awaited<ReturnType<typeof buildSampleDb>>;
const cache = tempCache();
const a320 = `docker-archive:${fixture('alpine-3.20').dockerArchive}`;
const a318 = `docker-archive:${fixture('alpine-3.18').dockerArchive}`;

async function explainJson(db: string, id: string, target: string): Promise<Explanation> {
  const r = await runCli(['explain', id, target, '--db', db, '--format', 'json', '-q', '--cache-dir', cache.dir]);
  expect(r.stderr).not.toMatch(/internal error/);
  expect(r.code).toBe(0);
  return JSON.parse(r.stdout) as Explanation;
}

const byName = (x: Explanation, name: string): Explanation['packages'][number] | undefined => x.packages.find((p) => p.package.name === name);

beforeAll(async () => {
  alpine = await buildSampleDb(ALPINE_FEEDS);
  debian = await buildSampleDb(DEBIAN_FEEDS);
});
afterAll(() => {
  alpine.cleanup();
  debian.cleanup();
  cache.cleanup();
});

describe('drydock explain', () => {
  it('matched: lookups via the origin, each range step, and the finding scan reports', async () => {
    const x = await explainJson(alpine.path, 'CVE-2024-9143', a320);
    expect(x.advisories.map((a) => [a.feed, a.id])).toEqual([['alpine-secdb', 'CVE-2024-9143']]);
    expect(x.packages.map((p) => p.package.name).sort()).toEqual(['libcrypto3', 'libssl3']);
    const ssl = byName(x, 'libssl3');
    expect(ssl?.lookups).toEqual([expect.objectContaining({ namespace: 'alpine:3.20', name: 'openssl', version: '3.3.2-r0', via: 'source', chosen: true })]);
    expect(ssl?.entries[0]?.steps).toEqual(['ECOSYSTEM range: introduced 0, fixed 3.3.2-r1', '3.3.2-r0 >= introduced 0: affected', '3.3.2-r0 < fixed 3.3.2-r1: still affected']);
    expect(ssl).toMatchObject({ verdict: 'matched', finding: { id: 'CVE-2024-9143', fixedVersion: '3.3.2-r1' } });
    const scan = JSON.parse((await runCli(['scan', a320, '--db', alpine.path, '--format', 'json', '-q', '--cache-dir', cache.dir])).stdout) as ScanReport;
    expect(scan.findings.filter((f) => f.id === 'CVE-2024-9143').map((f) => f.package.name).sort()).toEqual(['libcrypto3', 'libssl3']);
  });

  it('not affected: fixed in a version at or below the installed one', async () => {
    const x = await explainJson(alpine.path, 'CVE-2024-0727', a320);
    expect(byName(x, 'libssl3')).toMatchObject({ verdict: 'not-affected', reason: 'fixed in 3.1.4-r5 <= installed 3.3.2-r0' });
  });

  it('not affected by status: secdb key "0" (zlib, CVE-2023-45853 — NVD alone would say zlib <= 1.3 is affected)', async () => {
    const x = await explainJson(alpine.path, 'CVE-2023-45853', a320);
    expect(byName(x, 'zlib')).toMatchObject({ verdict: 'not-affected-status', entries: [expect.objectContaining({ status: 'not-affected' })] });
  });

  it('no record for this namespace: the advisory covers openssl in alpine 3.20 only, the image is 3.18', async () => {
    const x = await explainJson(alpine.path, 'CVE-2024-12797', a318);
    const ssl = byName(x, 'libssl3');
    expect(ssl?.verdict).toBe('no-record');
    expect(ssl?.reason).toMatch(/no entry for alpine:3\.18\/openssl.*covers alpine:3\.20\/openssl/);
  });

  it('a DSA id explains through the CVEs it fixes (its own record names no package)', async () => {
    const x = await explainJson(debian.path, 'DSA-5514-1', `docker-archive:${fixture('debian').dockerArchive}`);
    expect(x.advisories.map((a) => a.id).sort()).toEqual(['CVE-2023-4911', 'DSA-5514-1']);
    expect(byName(x, 'libc6')).toMatchObject({ verdict: 'not-affected', reason: 'fixed in 2.36-9+deb12u3 <= installed 2.36-9+deb12u14' });
  });

  it('unknown: an installed version the scheme cannot read', async () => {
    const { path, cleanup } = storeWith({ advisories: [advisory({ id: 'GO-2099-0002', feed: 'osv', affected: [{ namespace: 'go', name: 'example.com/greet', status: 'fixed', ranges: [{ type: 'SEMVER', events: [{ introduced: '0' }, { fixed: '1.0.0' }] }], versions: [] }] })] });
    try {
      const x = await explainJson(path, 'GO-2099-0002', `docker-archive:${fixture('go-apps').dockerArchive}`);
      const devel = x.packages.find((p) => p.package.name === 'example.com/greet' && p.package.version === '(devel)');
      expect(devel).toMatchObject({ verdict: 'unknown', reason: expect.stringContaining('installed version "(devel)" is not a valid semver version') });
    } finally {
      cleanup();
    }
  });

  it('text output, and an id the DB does not know', async () => {
    const r = await runCli(['explain', 'CVE-2024-9143', a320, '--db', alpine.path, '-q', '--cache-dir', cache.dir]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('lookup alpine:3.20 openssl via source, version 3.3.2-r0');
    expect(r.stdout).toContain('verdict: MATCHED — reported as CVE-2024-9143');
    const none = await runCli(['explain', 'CVE-1999-0001', a320, '--db', alpine.path, '-q', '--cache-dir', cache.dir]);
    expect(none.code).toBe(0);
    expect(none.stdout).toMatch(/no advisory with this id or alias in the DB/);
    const noDb = await runCli(['explain', 'CVE-2024-9143', a320, '--db', '/nonexistent/x.db', '-q', '--cache-dir', cache.dir]);
    expect(noDb.code).toBe(2);
  });
});
