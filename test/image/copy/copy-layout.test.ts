import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readFile, readdir, rm, stat, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppError } from '../../../src/core/errors.js';
import type { RegistryClientOptions } from '../../../src/image/registry/options.js';
import { pushImage, startRegistry, type RegistryServer } from '../../helpers/registry-server.js';
import { ALPINE_319, ALPINE_320, imageBlobs, makeImage, makeIndex, writeLayout, type Blob, type TestImage } from '../registry/oci-fixture.js';
import { FAST_RETRY, copy, skopeoRaw } from './copy-fixture.js';

const run = promisify(execFile);

let reg: RegistryServer;
let tmp: string;
let amd: TestImage;
let arm: TestImage;
let index: Blob;
let layout: string;
let opts: RegistryClientOptions;

const fail = (p: Promise<unknown>): Promise<AppError> => p.then(
  () => {
    throw new Error('expected a failure');
  },
  (e: unknown) => e as AppError,
);

beforeAll(async () => {
  reg = await startRegistry({ auth: 'htpasswd' });
  opts = { ...FAST_RETRY, username: reg.username as string, password: reg.password as string };
  tmp = await mkdtemp(join(tmpdir(), 'drydock-copy-layout-'));
  amd = await makeImage([ALPINE_320], { os: 'linux', architecture: 'amd64' });
  arm = await makeImage([ALPINE_319], { os: 'linux', architecture: 'arm64', variant: 'v8' });
  index = makeIndex([amd, arm]);
  layout = join(tmp, 'layout');
  await writeLayout(layout, { v1: amd.manifest, multi: index }, [...imageBlobs(amd), ...imageBlobs(arm)]);
  const creds = { username: reg.username as string, password: reg.password as string };
  await pushImage(`oci:${layout}:v1`, `${reg.host}/team/app:v1`, creds);
  await pushImage(`oci:${layout}:multi`, `${reg.host}/team/multi:v1`, creds, { all: true });
});

afterAll(async () => {
  await reg?.stop();
  if (tmp) await rm(tmp, { recursive: true, force: true });
});

describe('copy to and from OCI layouts', () => {
  it('registry → oci:DIR:NAME writes a layout that umoci lists and skopeo reads back byte-exact', async () => {
    const out = join(tmp, 'out');
    const s = await copy(`${reg.host}/team/app:v1`, `oci:${out}:v1`, opts, opts);
    expect(s.digest).toBe(amd.manifest.digest);
    const s2 = await copy(`${reg.host}/team/multi:v1`, `oci:${out}:multi`, opts, opts);
    expect(s2.digest).toBe(index.digest);
    // The second copy kept the first entry; the layer shared by both was not written twice.
    expect(s2.blobs.skipped).toBe(2);
    const { stdout } = await run('umoci', ['ls', '--layout', out]);
    expect(stdout.trim().split('\n').sort()).toEqual(['multi', 'v1']);
    expect((await skopeoRaw(`oci:${out}:v1`)).equals(amd.manifest.bytes)).toBe(true);
    expect((await skopeoRaw(`oci:${out}:multi`)).equals(index.bytes)).toBe(true);
    // skopeo reads every blob (and checks their digests) converting to a docker archive.
    await run('skopeo', ['--insecure-policy', 'copy', '--quiet', `oci:${out}:v1`, `docker-archive:${join(tmp, 'from-layout.tar')}`]);
    expect((await stat(join(tmp, 'from-layout.tar'))).size).toBeGreaterThan(1_000_000);
    // No temporary files are left inside the layout.
    expect((await readdir(out)).sort()).toEqual(['blobs', 'index.json', 'oci-layout']);
  });

  it('oci:DIR:NAME and oci-archive:FILE:NAME → registry, byte-exact', async () => {
    const s = await copy(`oci:${layout}:multi`, `${reg.host}/fromlayout/multi:v1`, opts, opts);
    expect(s.digest).toBe(index.digest);
    expect((await skopeoRaw(`${reg.host}/fromlayout/multi:v1`, reg)).equals(index.bytes)).toBe(true);
    const archive = join(tmp, 'layout.tar');
    await run('tar', ['-cf', archive, '-C', layout, '.']);
    const a = await copy(`oci-archive:${archive}:v1`, `${reg.host}/fromarchive/app:v1`, opts, opts);
    expect(a.digest).toBe(amd.manifest.digest);
    expect((await skopeoRaw(`${reg.host}/fromarchive/app:v1`, reg)).equals(amd.manifest.bytes)).toBe(true);
    const gz = join(tmp, 'layout.tar.gz');
    await run('sh', ['-c', `gzip -c '${archive}' > '${gz}'`]);
    const g = await copy(`oci-archive:${gz}:multi`, `${reg.host}/fromgz/multi:v1`, opts, opts);
    expect(g.digest).toBe(index.digest);
  });

  it('oci:DIR without a name stores the image as an unnamed index.json entry', async () => {
    const out = join(tmp, 'unnamed');
    await copy(`oci:${layout}:v1`, `oci:${out}`, opts, opts);
    const idx = JSON.parse(await readFile(join(out, 'index.json'), 'utf8')) as { manifests: { digest: string; annotations?: unknown }[] };
    expect(idx.manifests).toEqual([{ mediaType: 'application/vnd.oci.image.manifest.v1+json', digest: amd.manifest.digest, size: amd.manifest.bytes.length }]);
    // skopeo reads the only image of a layout when no name is given.
    expect((await skopeoRaw(`oci:${out}`)).equals(amd.manifest.bytes)).toBe(true);
  });

  it('refuses a docker save archive as source with UNSUPPORTED and says why', async () => {
    const tar = join(tmp, 'docker.tar');
    await run('skopeo', ['--insecure-policy', 'copy', '--quiet', `oci:${layout}:v1`, `docker-archive:${tar}:team/app:v1`]);
    for (const input of [`docker-archive:${tar}`, tar]) {
      const err = await fail(copy(input, `${reg.host}/x/y:v1`, opts, opts));
      expect(err.code).toBe('UNSUPPORTED');
      expect(err.message).toContain('a docker save archive has no manifest to copy byte-exact');
    }
  });

  it('refuses layout indexes whose digests or names try to leave the layout', async () => {
    const evil = join(tmp, 'evil');
    await mkdir(evil);
    await writeFile(join(evil, 'oci-layout'), '{"imageLayoutVersion":"1.0.0"}');
    const entry = { mediaType: 'application/vnd.oci.image.manifest.v1+json', size: 10 };
    await writeFile(join(evil, 'index.json'), JSON.stringify({ schemaVersion: 2, manifests: [{ ...entry, digest: 'sha256:../../../../etc/passwd' }] }));
    const byDigest = await fail(copy(`oci:${evil}`, `${reg.host}/x/y:v1`, opts, opts));
    expect(byDigest.code).toBe('INPUT');
    expect(byDigest.message).toContain('digest');
    await writeFile(join(evil, 'index.json'), JSON.stringify({ schemaVersion: 2, manifests: [{ ...entry, digest: amd.manifest.digest, annotations: { 'org.opencontainers.image.ref.name': '../../../x' } }] }));
    const byName = await fail(copy(`oci:${evil}`, `${reg.host}/x/y:v1`, opts, opts));
    expect(byName.code).toBe('INPUT');
    expect(byName.message).toContain('not a valid ref name');
    const dstName = await fail(copy(`oci:${layout}:v1`, `oci:${join(tmp, 'out2')}:../../x`, opts, opts));
    expect(dstName.code).toBe('USAGE');
  });

  it('never writes through a blobs/ symlink, nor into a directory that is not a layout', async () => {
    const outside = join(tmp, 'outside');
    await mkdir(outside);
    const trap = join(tmp, 'trap');
    await mkdir(trap);
    await writeFile(join(trap, 'oci-layout'), '{"imageLayoutVersion":"1.0.0"}');
    await symlink(outside, join(trap, 'blobs'));
    const err = await fail(copy(`oci:${layout}:v1`, `oci:${trap}:v1`, opts, opts));
    expect(err.code).toBe('INPUT');
    expect(await readdir(outside)).toEqual([]);
    const notLayout = join(tmp, 'somedir');
    await mkdir(notLayout);
    await writeFile(join(notLayout, 'precious.txt'), 'keep');
    const err2 = await fail(copy(`oci:${layout}:v1`, `oci:${notLayout}:v1`, opts, opts));
    expect(err2.message).toContain('neither empty nor an OCI image layout');
    expect(await readdir(notLayout)).toEqual(['precious.txt']);
  });

  it('a layer whose bytes do not match its digest → DIGEST_MISMATCH, and no manifest or blob lands at DST', async () => {
    const bad = join(tmp, 'bad');
    await writeLayout(bad, { v1: amd.manifest }, imageBlobs(amd));
    const layer = amd.layers[0] as Blob;
    const tampered = Buffer.from(layer.bytes);
    tampered.writeUInt8((tampered.readUInt8(tampered.length - 100) ^ 0xff), tampered.length - 100);
    await writeFile(join(bad, 'blobs', 'sha256', layer.digest.slice(7)), tampered);
    const err = await fail(copy(`oci:${bad}:v1`, `${reg.host}/tampered/app:v1`, opts, opts));
    expect(err.code).toBe('DIGEST_MISMATCH');
    await expect(skopeoRaw(`${reg.host}/tampered/app:v1`, reg)).rejects.toThrow(/manifest unknown|not found/i);
    const res = await fetch(`http://${reg.host}/v2/tampered/app/blobs/${layer.digest}`, {
      method: 'HEAD',
      headers: { authorization: `Basic ${Buffer.from(`${reg.username}:${reg.password}`).toString('base64')}` },
    });
    expect(res.status).toBe(404);
    // To a layout: no index.json entry, no blob file, no temporary file.
    const out = join(tmp, 'bad-out');
    const err2 = await fail(copy(`oci:${bad}:v1`, `oci:${out}:v1`, opts, opts));
    expect(err2.code).toBe('DIGEST_MISMATCH');
    expect((await readdir(out)).sort()).toEqual(['blobs', 'oci-layout']);
    expect(await readdir(join(out, 'blobs', 'sha256'))).not.toContain(layer.digest.slice(7));
  });
});
