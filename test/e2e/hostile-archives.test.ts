import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cpSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Inventory } from '../../src/core/inventory.js';
import { ensureFixtures, fixture, readImageTruth } from '../helpers/fixtures.js';
import { runCli } from '../helpers/drydock.js';
import { handMadeDockerArchive } from '../helpers/docker-archive.js';
import { compress, makeCompressedTar, makeTar } from '../helpers/tar-maker.js';

/** Every file under a directory, relative, to prove nothing else was written. */
function listing(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string, rel: string): void => {
    for (const name of readdirSync(d)) {
      const p = join(d, name);
      const r = rel ? `${rel}/${name}` : name;
      out.push(r);
      if (statSync(p).isDirectory()) walk(p, r);
    }
  };
  walk(dir, '');
  return out.sort();
}

describe('hostile and broken inputs give clear errors or unknowns, and write nothing outside the cache dir', () => {
  const work = mkdtempSync(join(tmpdir(), 'drydock-hostile-'));
  const cacheDir = join(work, 'cache');
  const home = join(work, 'home');
  const env = { PATH: process.env['PATH'], HOME: home };
  const sbom = (target: string, ...extra: string[]): ReturnType<typeof runCli> => runCli(['sbom', target, '-f', 'json', '--cache-dir', cacheDir, ...extra], { env, cwd: work });

  beforeAll(async () => {
    await ensureFixtures(['alpine-3.20']);
  });
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  it('a layer blob altered inside an OCI layout', async () => {
    const layout = join(work, 'tampered-layer');
    cpSync(fixture('alpine-3.20').ociDir, layout, { recursive: true });
    const layer = readImageTruth('alpine-3.20').layers[0]?.digest as string;
    const blob = join(layout, 'blobs', 'sha256', layer.slice(7));
    const bytes = readFileSync(blob);
    bytes.writeUInt8((bytes.readUInt8(bytes.length - 100) ^ 0xff) & 0xff, bytes.length - 100);
    writeFileSync(blob, bytes);
    const r = await sbom(`oci:${layout}`);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(new RegExp(`blob ${layer}.*(content digest is sha256:[0-9a-f]{64}, expected ${layer}|invalid gzip data)`));
  });

  it('a manifest whose bytes no longer match the digest that names it', async () => {
    const layout = join(work, 'tampered-manifest');
    cpSync(fixture('alpine-3.20').ociDir, layout, { recursive: true });
    const digest = readImageTruth('alpine-3.20').manifestDigest;
    const file = join(layout, 'blobs', 'sha256', digest.slice(7));
    const original = readFileSync(file, 'utf8');
    // same size, other bytes
    const config = readImageTruth('alpine-3.20').configDigest;
    const flipped = config.slice(0, -1) + (config.endsWith('0') ? '1' : '0');
    writeFileSync(file, original.replace(config, flipped));
    const r = await sbom(`oci:${layout}`);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`blob ${digest}: content digest is sha256:`);
    // one byte longer than index.json says
    writeFileSync(file, `${original} `);
    const r2 = await sbom(`oci:${layout}`);
    expect(r2.code).toBe(2);
    expect(r2.stderr).toMatch(new RegExp(`blob ${digest}: got \\d+ bytes, declared size is \\d+`));
  });

  it('a docker archive whose layer does not match the diffID in its config', async () => {
    const good = makeTar([{ name: 'etc/os-release', data: 'ID=alpine\nVERSION_ID=3.20.3\n' }]);
    const liar = makeTar([{ name: 'etc/os-release', data: 'ID=evil\n' }]);
    const path = join(work, 'lying.tar');
    writeFileSync(path, handMadeDockerArchive([{ stored: compress(liar, 'gzip'), diffId: `sha256:${'0'.repeat(64)}` }]));
    const r = await sbom(`docker-archive:${path}`);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`layer 1/1 (sha256:${'0'.repeat(64)}): uncompressed content digest is sha256:`);
    writeFileSync(path, handMadeDockerArchive([{ stored: good }]));
    expect((await sbom(`docker-archive:${path}`)).code).toBe(0);
  });

  it('an image config with several bad fields names every one of them', async () => {
    const layer = makeTar([{ name: 'etc/os-release', data: 'ID=alpine\n' }]);
    const config = Buffer.from(JSON.stringify({ os: 'linux', rootfs: { type: 'layers', diff_ids: ['sha256:nothex'] } }));
    const name = `${createHash('sha256').update(config).digest('hex')}.json`;
    const path = join(work, 'bad-config.tar');
    writeFileSync(
      path,
      makeTar([
        { name, bytes: config },
        { name: 'l/layer.tar', bytes: layer },
        { name: 'manifest.json', data: JSON.stringify([{ Config: name, RepoTags: null, Layers: ['l/layer.tar'] }]) },
      ]),
    );
    const r = await sbom(path);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('invalid image config: ');
    expect(r.stderr).toContain('architecture: Invalid input: expected string, received undefined');
    expect(r.stderr).toContain('rootfs.diff_ids.0: not a sha256/sha512 digest');
  });

  it('OCI layout files that are FIFOs, devices or broken JSON fail fast and quote nothing', async () => {
    const fifoLayout = join(work, 'fifo-layout');
    cpSync(fixture('alpine-3.20').ociDir, fifoLayout, { recursive: true });
    rmSync(join(fifoLayout, 'index.json'));
    execFileSync('mkfifo', [join(fifoLayout, 'index.json')]);
    const r1 = await sbom(`oci:${fifoLayout}`);
    expect(r1.code).toBe(2);
    expect(r1.stderr).toContain('is not a regular file');
    const devLayout = join(work, 'dev-layout');
    cpSync(fixture('alpine-3.20').ociDir, devLayout, { recursive: true });
    const config = readImageTruth('alpine-3.20').configDigest;
    const cfgPath = join(devLayout, 'blobs', 'sha256', config.slice(7));
    rmSync(cfgPath);
    symlinkSync('/dev/zero', cfgPath);
    const r2 = await sbom(`oci:${devLayout}`);
    expect(r2.code).toBe(2);
    expect(r2.stderr).toContain('is not a regular file');
    const secretLayout = join(work, 'secret-layout');
    cpSync(fixture('alpine-3.20').ociDir, secretLayout, { recursive: true });
    writeFileSync(join(secretLayout, 'index.json'), '{"manifests": [ TOPSECRET-VALUE-123 ]}');
    const r3 = await sbom(`oci:${secretLayout}`);
    expect(r3.code).toBe(2);
    expect(r3.stderr).toMatch(/index\.json: manifest is not valid JSON \((at byte \d+|syntax error)\)/);
    expect(r3.stderr).not.toContain('TOPSECRET');
  });

  it('an explicit --platform that the single-platform image does not have is refused', async () => {
    const r = await sbom(`oci:${fixture('alpine-3.20').ociDir}`, '--platform', 'linux/arm64');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('the image is linux/amd64, not the requested linux/arm64');
    const d = await sbom(`docker-archive:${fixture('alpine-3.20').dockerArchive}`, '--platform', 'linux/arm64');
    expect(d.code).toBe(2);
    expect((await sbom(`oci:${fixture('alpine-3.20').ociDir}`, '--platform', 'linux/amd64')).code).toBe(0);
  });

  it('a zero-byte layer file is an empty layer, not a crash', async () => {
    const path = join(work, 'empty-layer.tar');
    writeFileSync(path, handMadeDockerArchive([{ stored: makeTar([{ name: 'etc/os-release', data: 'ID=alpine\n' }]) }, { stored: Buffer.alloc(0) }]));
    const r = await sbom(path);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect((JSON.parse(r.stdout) as Inventory).source.layers).toHaveLength(2);
  });

  it('a truncated archive, an empty file, and a file that is no image at all', async () => {
    const cut = join(work, 'cut.oci.tar');
    cpSync(fixture('alpine-3.20').ociArchive, cut);
    truncateSync(cut, Math.floor(statSync(cut).size / 2));
    const r1 = await sbom(`oci-archive:${cut}`);
    expect(r1.code).toBe(2);
    expect(r1.stderr).toMatch(/cut\.oci\.tar.*truncated/);
    const empty = join(work, 'empty.tar');
    writeFileSync(empty, '');
    const r2 = await sbom(empty);
    expect(r2.code).toBe(2);
    expect(r2.stderr).toContain('not an image archive');
    const junk = join(work, 'junk.bin');
    // Random bytes, but never a first byte that reads as the start of a JSON document (an SBOM input).
    const junkBytes = randomBytes(5000);
    junkBytes[0] = 0x01;
    writeFileSync(junk, junkBytes);
    const r3 = await sbom(junk);
    expect(r3.code).toBe(2);
    expect(r3.stderr).toMatch(/junk\.bin: invalid tar header/);
  });

  it('a gzip bomb layer is refused once it passes --max-layer-size', async () => {
    const bomb = makeCompressedTar([{ name: 'zeros', zeros: 300 * 1024 * 1024 }], 'gzip');
    const path = join(work, 'bomb.tar');
    // the config's diffID is whatever; the size limit trips long before the digest check
    writeFileSync(path, handMadeDockerArchive([{ stored: bomb, diffId: `sha256:${'1'.repeat(64)}` }]));
    const r = await sbom(path, '--max-layer-size', '64MiB');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('uncompressed layer exceeds 67108864 bytes');
    const bad = await sbom(path, '--max-layer-size', 'lots');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--max-layer-size: "lots" is not a size');
  });

  it('path traversal, absolute names and escaping links: reported as unknowns, nothing written outside', async () => {
    const marker = `drydock-escape-${randomBytes(4).toString('hex')}`;
    const layer = makeTar([
      { name: `../../../../../../../../tmp/${marker}`, data: 'escaped' },
      { name: '/etc/os-release', data: 'ID=alpine\nVERSION_ID=3.20.3\n' },
      { name: 'etc/shadow-link', type: 'symlink', linkname: '../../../../../../etc/shadow' },
      { name: 'etc/hard', type: 'hardlink', linkname: `../../../../tmp/${marker}` },
      { name: 'lib/apk/db/installed', type: 'symlink', linkname: '/../../../../etc/passwd' },
    ]);
    const path = join(work, 'escape.tar');
    writeFileSync(path, handMadeDockerArchive([{ stored: layer }]));
    const before = listing(work);
    const r = await sbom(path, '-o', join(work, 'out.json'));
    expect(r.code).toBe(0);
    const inv = JSON.parse(readFileSync(join(work, 'out.json'), 'utf8')) as Inventory;
    expect(inv.os?.id).toBe('alpine');
    expect(inv.unknowns.map((u) => u.reason.split(' — ')[0])).toEqual([
      'entry path climbs above the image root ("..")',
      `hard link to "../../../../tmp/${marker}" points outside the image`,
    ]);
    expect(existsSync(`/tmp/${marker}`)).toBe(false);
    const after = listing(work).filter((p) => !before.includes(p));
    expect(after.filter((p) => !p.startsWith('cache'))).toEqual(['out.json']);
  });

  it('a gzip-compressed docker save is read through a private temp file that is removed afterwards', async () => {
    const gz = join(work, 'saved.tar.gz');
    writeFileSync(gz, compress(readFileSync(fixture('alpine-3.20').dockerArchive), 'gzip'));
    const r = await sbom(gz);
    expect(r.code).toBe(0);
    expect((JSON.parse(r.stdout) as Inventory).packages).toHaveLength(14);
    expect(readdirSync(join(cacheDir, 'tmp'))).toEqual([]);
  });
});
