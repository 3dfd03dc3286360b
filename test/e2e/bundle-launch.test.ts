/**
 * The shipped launcher (bin/drydock.js → dist/launch.cjs → dist/drydock.cjs through vm.Script with
 * V8's code cache, src/cli/launch/): what a user runs. The cache must never change a result, must keep
 * itself usable (a run that changes V8 flags must not leave a cache V8 rejects every time), must be
 * rebuilt when damaged, and must stay inside the cache dir. Also runs the linter's WebAssembly shell
 * parser from the bundle, which only the shipped CLI loads this way.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Inventory } from '../../src/core/inventory.js';
import { ensureFixtures, fixture } from '../helpers/fixtures.js';

const BIN = fileURLToPath(new URL('../../bin/drydock.js', import.meta.url));
const work = mkdtempSync(join(tmpdir(), 'drydock-launch-'));

function drydock(args: string[], env: Record<string, string> = {}): { code: number | null; stdout: string; stderr: string; cache: string } {
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', maxBuffer: 1 << 28, cwd: work, env: { HOME: join(work, 'home'), PATH: process.env['PATH'] ?? '', DRYDOCK_CODE_CACHE: 'debug', ...env } });
  const cache = /drydock: code cache (.*?)(?: \(|\n)/.exec(r.stderr)?.[1] ?? '';
  return { code: r.status, stdout: r.stdout, stderr: r.stderr.replace(/drydock: code cache .*\n/, ''), cache };
}

function packagesOf(stdout: string): string[] {
  return (JSON.parse(stdout) as Inventory).packages.map((p) => `${p.purl} ${p.layer?.index ?? ''}`);
}

beforeAll(async () => {
  await ensureFixtures(['alpine-3.20']);
}, 900_000);
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('bin/drydock.js with the code cache', () => {
  it('a first run compiles and stores, later runs reuse it, and the output never changes', () => {
    const cacheDir = join(work, 'c1');
    const args = ['sbom', `oci:${fixture('alpine-3.20').ociDir}`, '-q', '-f', 'json', '--cache-dir', cacheDir];
    const runs = [drydock(args), drydock(args), drydock(args)];
    expect(runs.map((r) => r.code)).toEqual([0, 0, 0]);
    expect(runs.map((r) => r.cache)).toEqual(['miss', expect.stringMatching(/^(top|full) hit$/), 'full hit']);
    const first = packagesOf(runs[0]?.stdout ?? '');
    expect(first.length).toBeGreaterThan(10);
    for (const r of runs) expect(packagesOf(r.stdout)).toEqual(first);
    const dirs = readdirSync(join(cacheDir, 'code'));
    expect(dirs).toHaveLength(1);
    expect(readdirSync(join(cacheDir, 'code', dirs[0] ?? '')).sort()).toEqual(['sbom.top.v8', 'sbom.v8']);
  });

  it('--no-cache and DRYDOCK_CODE_CACHE=off write no code cache', () => {
    const cacheDir = join(work, 'c2');
    const r = drydock(['sbom', `oci:${fixture('alpine-3.20').ociDir}`, '-q', '-f', 'json', '--cache-dir', cacheDir, '--no-cache']);
    expect(r.code).toBe(0);
    expect(r.cache).toBe('off');
    expect(existsSync(join(cacheDir, 'code'))).toBe(false);
    expect(drydock(['version', 'schemes'], { DRYDOCK_CODE_CACHE: 'off', DRYDOCK_CACHE_DIR: cacheDir }).stderr).toBe('');
    expect(existsSync(join(cacheDir, 'code'))).toBe(false);
  });

  it('a damaged cache file is not used and is rebuilt', () => {
    const cacheDir = join(work, 'c3');
    const env = { DRYDOCK_CACHE_DIR: cacheDir };
    expect(drydock(['version', 'compare', 'deb', '1.0-1', '1.0-2'], env)).toMatchObject({ code: 0, stdout: '-1\n', cache: 'miss' });
    const dir = join(cacheDir, 'code', readdirSync(join(cacheDir, 'code'))[0] ?? '');
    for (const f of readdirSync(dir)) writeFileSync(join(dir, f), Buffer.alloc(4096, 0x5a), { mode: 0o600 });
    expect(drydock(['version', 'compare', 'deb', '1.0-1', '1.0-2'], env)).toMatchObject({ code: 0, stdout: '-1\n', cache: 'miss' });
    expect(drydock(['version', 'compare', 'deb', '1.0-1', '1.0-2'], env)).toMatchObject({ code: 0, stdout: '-1\n', cache: 'full hit' });
  });

  it('lint parses shell with the WebAssembly parser from the bundle; its flag change never leaves a cache V8 rejects', () => {
    const dockerfile = join(work, 'Dockerfile');
    writeFileSync(dockerfile, 'FROM debian:12\nRUN if [ -f /x ]; then for i in 1 2; do echo "$i" | grep -q x || true; done; fi\n');
    const env = { DRYDOCK_CACHE_DIR: join(work, 'c4') };
    const runs = [drydock(['lint', dockerfile, '-f', 'json'], env), drydock(['lint', dockerfile, '-f', 'json'], env), drydock(['lint', dockerfile, '-f', 'json'], env)];
    for (const r of runs) {
      expect(r.stderr).toBe('');
      expect(r.code).toBe(1);
      expect((JSON.parse(r.stdout) as Array<{ code: string }>).map((p) => p.code)).toContain('DL4006');
    }
    expect(runs.map((r) => r.cache)).toEqual(['miss', 'top hit', 'top hit']);
  });
});
