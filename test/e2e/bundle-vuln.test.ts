/**
 * The shipped CLI (`bin/drydock.js` → the esbuild bundle in dist/) against the in-process code the
 * other tests run: a dependency that behaves differently once bundled (a CommonJS package loaded
 * with a dynamic import lost a function, and every PyPA YAML record was dropped in dist/ only) must
 * fail here. `npm test` builds dist/ before the tests.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { ScanReport } from '../../src/report/model.js';
import { openAdvisoryDb } from '../../src/vulndb/sqlite/reader.js';
import { runCli, tempCache } from '../helpers/drydock.js';
import { ensureFixtures, fixture } from '../helpers/fixtures.js';
import { ALL_FEEDS, buildSampleDb } from '../matching/sample-db.js';
import { VULNDATA } from '../matching/osv-records.js';

const BIN = fileURLToPath(new URL('../../bin/drydock.js', import.meta.url));
const work = mkdtempSync(join(tmpdir(), 'drydock-bundle-vuln-'));
const cache = tempCache();
let inProcess: Awaited<ReturnType<typeof buildSampleDb>>;

function dist(args: string[]): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', maxBuffer: 1 << 28, env: { HOME: work, PATH: process.env['PATH'] } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

beforeAll(async () => {
  await ensureFixtures(['alpine-3.20']);
  inProcess = await buildSampleDb(ALL_FEEDS);
}, 900_000);
afterAll(() => {
  inProcess.cleanup();
  cache.cleanup();
  rmSync(work, { recursive: true, force: true });
});

it('db build from every sample feed: the bundle imports exactly what the source code imports', async () => {
  expect(existsSync(join(BIN, '../../dist/drydock.cjs')), 'run `npm run build` before the tests').toBe(true);
  const db = join(work, 'dist.db');
  const r = dist(['db', 'build', '--db', db, '-q', ...ALL_FEEDS.flatMap((f) => ['--feed', `${f.kind}=${join(VULNDATA, f.path)}`])]);
  expect(r.code, r.stderr).toBe(0);
  const a = openAdvisoryDb(db);
  const b = openAdvisoryDb(inProcess.path);
  try {
    const counts = (info: Awaited<ReturnType<typeof a.info>>): string[] => info.feeds.map((f) => `${f.id} ${f.location} ${f.advisories} ${f.cves} ${f.warnings}`);
    const [fromDist, fromSrc] = [counts(await a.info()), counts(await b.info())];
    expect(fromDist).toEqual(fromSrc);
    // PyPA's YAML records all import (the bundle once dropped every one of them)
    const pypa = (await a.info()).feeds.find((f) => f.location.endsWith('pypa-advisory-database'));
    expect(pypa?.advisories).toBeGreaterThan(250);
    expect(pypa?.warnings).toBe(1); // one withdrawn record, skipped on purpose
  } finally {
    a.close();
    b.close();
  }
});

it('scan through the bundle reports what the in-process scan reports', async () => {
  const image = `docker-archive:${fixture('alpine-3.20').dockerArchive}`;
  const out = join(work, 'scan.json');
  const r = dist(['scan', '-q', '--cache-dir', cache.dir, '--db', inProcess.path, '-f', 'json', '-o', out, image]);
  expect(r.code, r.stderr).toBe(0);
  const viaDist = JSON.parse(readFileSync(out, 'utf8')) as ScanReport;
  const viaSrc = JSON.parse((await runCli(['scan', '-q', '--cache-dir', cache.dir, '--db', inProcess.path, '-f', 'json', image])).stdout) as ScanReport;
  const key = (rep: ScanReport): string[] => rep.findings.map((f) => `${f.package.name} ${f.id} ${f.fixedVersion ?? ''} ${f.severity}`).sort();
  expect(key(viaDist)).toEqual(key(viaSrc));
  expect(viaDist.findings.length).toBeGreaterThan(10);
});
