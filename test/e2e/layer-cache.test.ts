import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cpSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { spawn } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Inventory } from '../../src/core/inventory.js';
import { LayerCache } from '../../src/inventory/layer-cache.js';
import { createAnalyzers } from '../../src/inventory/analyzers/index.js';
import { ensureFixtures, fixture, readImageTruth } from '../helpers/fixtures.js';
import { runCli } from '../helpers/drydock.js';
import { handMadeDockerArchive } from '../helpers/docker-archive.js';
import { makeTar } from '../helpers/tar-maker.js';

const BIN = fileURLToPath(new URL('../../bin/drydock.js', import.meta.url));

function cacheFiles(dir: string): string[] {
  const root = join(dir, 'layers');
  return readdirSync(root).flatMap((sub) => readdirSync(join(root, sub)).map((f) => join(root, sub, f)));
}

function stable(json: string): unknown {
  const inv = JSON.parse(json) as Inventory;
  return { ...inv, createdAt: 'x', os: { ...inv.os, eol: undefined } };
}

function runBin(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, ...args], { env: { PATH: process.env['PATH'], HOME: tmpdir() } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('layer cache', () => {
  const work = mkdtempSync(join(tmpdir(), 'drydock-cache-e2e-'));
  const env = { PATH: process.env['PATH'], HOME: work };

  beforeAll(async () => {
    await ensureFixtures(['debian']);
  });
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  it('a warm scan gives the same inventory without reading any layer', async () => {
    const layout = join(work, 'layout');
    cpSync(fixture('debian').ociDir, layout, { recursive: true });
    const cache = join(work, 'c1');
    const cold = await runCli(['sbom', `oci:${layout}`, '-f', 'json', '--cache-dir', cache], { env });
    expect(cold.code).toBe(0);
    expect(cacheFiles(cache)).toHaveLength(readImageTruth('debian').layers.length);
    for (const l of readImageTruth('debian').layers) rmSync(join(layout, 'blobs', 'sha256', l.digest.slice(7)));
    const warm = await runCli(['sbom', `oci:${layout}`, '-f', 'json', '--cache-dir', cache], { env });
    expect(warm.code).toBe(0);
    expect(stable(warm.stdout)).toEqual(stable(cold.stdout));
    const uncached = await runCli(['sbom', `oci:${layout}`, '-f', 'json', '--cache-dir', cache, '--no-cache'], { env });
    expect(uncached.code).toBe(2);
    expect(uncached.stderr).toContain('is missing');
  });

  it('several processes filling one cache at once all succeed and agree', async () => {
    const cache = join(work, 'c2');
    const args = ['sbom', `oci:${fixture('debian').ociDir}`, '-f', 'json', '--cache-dir', cache];
    const runs = await Promise.all([runBin(args), runBin(args), runBin(args)]);
    for (const r of runs) {
      expect(r.stderr).toBe('');
      expect(r.code).toBe(0);
      expect(stable(r.stdout)).toEqual(stable(runs[0]?.stdout ?? ''));
    }
    expect(cacheFiles(cache).filter((f) => f.endsWith('.tmp'))).toEqual([]);
    expect(cacheFiles(cache)).toHaveLength(readImageTruth('debian').layers.length);
  });

  it('a corrupt cache entry is a miss, not an error', async () => {
    const cache = join(work, 'c3');
    const first = await runCli(['sbom', `oci:${fixture('debian').ociDir}`, '-f', 'json', '--cache-dir', cache], { env });
    for (const f of cacheFiles(cache)) writeFileSync(f, 'not gzip at all');
    const again = await runCli(['sbom', `oci:${fixture('debian').ociDir}`, '-f', 'json', '--cache-dir', cache], { env });
    expect(again.code).toBe(0);
    expect(stable(again.stdout)).toEqual(stable(first.stdout));
  });

  it('the memoised merge is not reused when only the image history differs', async () => {
    const cache = join(work, 'c4');
    const layer = makeTar([{ name: 'lib/apk/db/installed', data: 'P:musl\nV:1.2.5-r0\nA:x86_64\n\n' }]);
    const first = join(work, 'h1.tar');
    const second = join(work, 'h2.tar');
    writeFileSync(first, handMadeDockerArchive([{ stored: layer }], { history: ['ADD rootfs.tar /'] }));
    writeFileSync(second, handMadeDockerArchive([{ stored: layer }], { history: ['COPY other /'] }));
    const a = await runCli(['sbom', first, '-f', 'json', '--cache-dir', cache], { env });
    const b = await runCli(['sbom', second, '-f', 'json', '--cache-dir', cache], { env });
    expect((JSON.parse(a.stdout) as Inventory).packages[0]?.layer?.createdBy).toBe('ADD rootfs.tar /');
    expect((JSON.parse(b.stdout) as Inventory).packages[0]?.layer?.createdBy).toBe('COPY other /');
  });

  it('keys change with any analyzer version and with the layer', () => {
    const analyzers = createAnalyzers({ now: new Date() });
    const diffId = `sha256:${'a'.repeat(64)}`;
    const key = LayerCache.key(diffId, analyzers);
    expect(LayerCache.key(diffId, analyzers)).toBe(key);
    expect(LayerCache.key(`sha256:${'b'.repeat(64)}`, analyzers)).not.toBe(key);
    const bumped = analyzers.map((a, i) => (i === 1 ? { ...a, version: a.version + 1 } : a));
    expect(LayerCache.key(diffId, bumped)).not.toBe(key);
  });
});
