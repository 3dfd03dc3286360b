/**
 * No full secret in any output. The config-checks fixture plants three values (scripts/fixtures/
 * recipes/config-checks.Containerfile): a build ARG default recorded in every later RUN line of the
 * history, a password in ENV and a token in a LABEL. The image itself carries them in its config and
 * history (checked first, so this test can fail); no byte of any `drydock scan` format, with or
 * without the vuln scanner, nor of any `drydock sbom` format, may contain them.
 */
import { readFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPORT_FORMATS } from '../../src/report/index.js';
import type { ScanReport } from '../../src/report/model.js';
import { inventoryOf, runCli, tempCache } from '../helpers/drydock.js';
import { ensureFixtures, fixture } from '../helpers/fixtures.js';
import { DEBIAN_FEEDS, buildSampleDb } from '../matching/sample-db.js';

const SECRETS = ['dt_live_7Hq2xK9mP4vR8sW1', 's3cr3t-Pa55w0rd-2024', 'tok_4f9a8b7c6d5e4f3a2b1c'];
const cache = tempCache();
const work = mkdtempSync(join(tmpdir(), 'drydock-masking-'));
let db: Awaited<ReturnType<typeof buildSampleDb>>;
let target = '';

function expectNoSecret(label: string, bytes: string): void {
  for (const s of SECRETS) expect(bytes.includes(s), `${label} contains ${s}`).toBe(false);
}

beforeAll(async () => {
  await ensureFixtures(['config-checks']);
  target = `docker-archive:${fixture('config-checks').dockerArchive}`;
  db = await buildSampleDb(DEBIAN_FEEDS);
}, 900_000);
afterAll(() => {
  db.cleanup();
  cache.cleanup();
  rmSync(work, { recursive: true, force: true });
});

describe('the planted secrets never reach an output', () => {
  it('the image really carries them in its config and history (what the reports copy)', async () => {
    const inv = await inventoryOf(target, { cacheDir: cache.dir });
    const raw = JSON.stringify(inv.source);
    for (const s of SECRETS) expect(raw).toContain(s);
  });

  it.each(REPORT_FORMATS.map((f) => [f.id]))('drydock scan --format %s, every scanner and without the vuln scanner', async (format) => {
    for (const scanners of ['vuln,secret,config', 'secret,config']) {
      const out = join(work, `report-${scanners}.${format}`);
      const r = await runCli(['scan', '-q', '--cache-dir', cache.dir, '--db', db.path, '--scanners', scanners, '--format', format, '-o', out, target]);
      expect([format, scanners, r.code, r.stderr]).toEqual([format, scanners, 0, '']);
      const bytes = readFileSync(out, 'utf8');
      expect(bytes.length).toBeGreaterThan(500);
      expectNoSecret(`${format} (${scanners})`, bytes + r.stdout + r.stderr);
    }
  });

  it('the JSON report shows the masked forms where the config and history are copied', async () => {
    const r = await runCli(['scan', '-q', '--cache-dir', cache.dir, '--db', db.path, '--format', 'json', target]);
    const report = JSON.parse(r.stdout) as ScanReport;
    expect(report.source.config?.env).toContain('APP_PASSWORD=s3cr****');
    expect(report.source.config?.labels?.['com.example.api-token']).toBe('tok_****');
    const runs = report.source.layers.map((l) => l.createdBy ?? '').filter((c) => c.includes('DEPLOY_TOKEN='));
    expect(runs.length).toBeGreaterThan(0);
    for (const c of runs) expect(c).toContain('DEPLOY_TOKEN=dt_l****');
    expect(report.source.config?.history?.some((h) => h.createdBy?.includes('DEPLOY_TOKEN=dt_l****'))).toBe(true);
  });

  it.each([['json'], ['cyclonedx-json'], ['spdx-json']])('drydock sbom -f %s', async (format) => {
    const r = await runCli(['sbom', '-q', '--cache-dir', cache.dir, '-f', format, target]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('DEPLOY_TOKEN=dt_l****');
    expectNoSecret(`sbom ${format}`, r.stdout + r.stderr);
  });
});
