import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createReadStream, existsSync, lstatSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { execFileSync, spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Inventory } from '../../src/core/inventory.js';
import { ensureFixtures, fixture } from '../helpers/fixtures.js';
import { runCli } from '../helpers/drydock.js';
import { cycloneDxErrors, spdxErrors } from '../sbom/schema-validators.js';

const BIN = fileURLToPath(new URL('../../bin/drydock.js', import.meta.url));

describe('drydock sbom (CLI)', () => {
  const work = mkdtempSync(join(tmpdir(), 'drydock-cli-'));
  const cache = join(work, 'cache');
  const env = { PATH: process.env['PATH'], HOME: work };
  const target = (): string => `oci:${fixture('debian').ociDir}`;

  beforeAll(async () => {
    await ensureFixtures(['debian']);
  });
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  it('prints help and version, exit 0', async () => {
    const help = await runCli(['--help'], { env });
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('sbom');
    const sub = await runCli(['sbom', '--help'], { env });
    expect(sub.code).toBe(0);
    expect(sub.stdout).toContain('docker-archive:PATH');
    expect(sub.stdout).toContain('--format');
    const version = await runCli(['--version'], { env });
    expect(version.code).toBe(0);
    expect(version.stdout.trim()).toMatch(/^\d+\.\d+\.\d+/);
  });

  it('usage errors exit 2 with a message on stderr', async () => {
    for (const args of [['frobnicate'], ['sbom'], ['sbom', target(), '--format', 'xml'], ['sbom', './does-not-exist.tar'], ['sbom', 'Not A Reference!']]) {
      const r = await runCli(args, { env });
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stdout, args.join(' ')).toBe('');
      expect(r.stderr.length, args.join(' ')).toBeGreaterThan(0);
    }
    expect((await runCli(['sbom', './does-not-exist.tar'], { env })).stderr).toContain('no such file');
  });

  it('writes CycloneDX and SPDX that validate against the official schemas', async () => {
    const cdx = await runCli(['sbom', target(), '--cache-dir', cache], { env });
    expect(cdx.code).toBe(0);
    expect(await cycloneDxErrors(cdx.stdout)).toBeNull();
    const doc = JSON.parse(cdx.stdout) as { components: Array<{ purl?: string; properties?: Array<{ name: string }> }>; metadata: { component: { name: string } } };
    expect(doc.components.filter((c) => c.purl?.startsWith('pkg:deb/debian/')).length).toBeGreaterThan(100);
    const spdx = await runCli(['sbom', target(), '--format', 'spdx-json', '--cache-dir', cache], { env });
    expect(spdx.code).toBe(0);
    expect(spdxErrors(spdx.stdout)).toBeNull();
  });

  it('-o writes atomically and leaves an existing file alone when the scan fails', async () => {
    const out = join(work, 'sbom.json');
    const ok = await runCli(['sbom', target(), '-f', 'json', '-o', out, '--cache-dir', cache], { env });
    expect(ok.code).toBe(0);
    expect(ok.stdout).toBe('');
    const inv = JSON.parse(readFileSync(out, 'utf8')) as Inventory;
    expect(inv.schema).toBe('drydock.inventory/v1');
    writeFileSync(out, 'previous content');
    const bad = await runCli(['sbom', join(work, 'missing.tar'), '-o', out], { env });
    expect(bad.code).toBe(2);
    expect(readFileSync(out, 'utf8')).toBe('previous content');
    const fresh = join(work, 'never.json');
    await runCli(['sbom', join(work, 'missing.tar'), '-o', fresh], { env });
    expect(existsSync(fresh)).toBe(false);
  });

  it('-o through a symlink updates the file it points to, and -o to a FIFO writes into the FIFO', async () => {
    const real = join(work, 'real.json');
    const link = join(work, 'link.json');
    writeFileSync(real, 'old');
    symlinkSync(real, link);
    expect((await runCli(['sbom', target(), '-f', 'json', '-o', link, '--cache-dir', cache], { env })).code).toBe(0);
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
    expect((JSON.parse(readFileSync(real, 'utf8')) as Inventory).schema).toBe('drydock.inventory/v1');
    // A FIFO stands for devices such as /dev/null: it must be written to, never replaced.
    const fifo = join(work, 'out.fifo');
    execFileSync('mkfifo', [fifo]);
    const reader = new Promise<string>((resolve) => {
      const chunks: Buffer[] = [];
      createReadStream(fifo)
        .on('data', (c) => chunks.push(c as Buffer))
        .on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    });
    const r = await runCli(['sbom', target(), '-f', 'json', '-o', fifo, '--cache-dir', cache], { env });
    expect(r.code).toBe(0);
    expect((JSON.parse(await reader) as Inventory).schema).toBe('drydock.inventory/v1');
    expect(lstatSync(fifo).isFIFO()).toBe(true);
  });

  it('reads its own SBOMs back in, in both formats', async () => {
    const cdxFile = join(work, 'image.cdx.json');
    const spdxFile = join(work, 'image.spdx.json');
    await runCli(['sbom', target(), '-o', cdxFile, '--cache-dir', cache], { env });
    await runCli(['sbom', target(), '-f', 'spdx', '-o', spdxFile, '--cache-dir', cache], { env });
    const original = JSON.parse((await runCli(['sbom', target(), '-f', 'json', '--cache-dir', cache], { env })).stdout) as Inventory;
    for (const t of [cdxFile, `sbom:${spdxFile}`]) {
      const r = await runCli(['sbom', t, '-f', 'json'], { env });
      expect(r.code, t).toBe(0);
      const back = JSON.parse(r.stdout) as Inventory;
      expect(back.source.kind).toBe('sbom');
      expect(back.packages.map((p) => p.purl).sort()).toEqual(original.packages.map((p) => p.purl).sort());
      expect(back.packages.find((p) => p.name === 'curl')?.layer?.diffId).toBe(original.packages.find((p) => p.name === 'curl')?.layer?.diffId);
    }
  });

  it('the installed binary runs and uses the documented exit codes', () => {
    expect(existsSync(join(BIN, '../../dist/drydock.cjs')), 'run `npm run build` before the tests').toBe(true);
    const ok = spawnSync(process.execPath, [BIN, 'sbom', target(), '-q', '--cache-dir', cache], { encoding: 'utf8', env });
    expect(ok.status).toBe(0);
    expect(ok.stderr).toBe('');
    const usage = spawnSync(process.execPath, [BIN, 'sbom', join(work, 'nope.tar')], { encoding: 'utf8', env });
    expect(usage.status).toBe(2);
    expect(usage.stderr).toMatch(/^drydock: /);
    expect(usage.stderr).not.toMatch(/\n\s+at /); // no stack trace
  });
});
