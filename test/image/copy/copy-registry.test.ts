import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppError } from '../../../src/core/errors.js';
import type { RegistryClientOptions } from '../../../src/image/registry/options.js';
import { pushImage, startRegistry, type RegistryServer } from '../../helpers/registry-server.js';
import { ALPINE_319, ALPINE_320, imageBlobs, makeImage, makeIndex, sha256, writeLayout, type Blob, type TestImage } from '../registry/oci-fixture.js';
import { FAST_RETRY, clientOf, copy, skopeoRaw } from './copy-fixture.js';

let src: RegistryServer;
let dst: RegistryServer;
let tmp: string;
let amd: TestImage;
let arm: TestImage;
let index: Blob;

const optsOf = (reg: RegistryServer): RegistryClientOptions => ({ ...FAST_RETRY, ...(reg.username ? { username: reg.username, password: reg.password as string } : {}) });

function pretty(b: Blob): Blob {
  const bytes = Buffer.from(`${JSON.stringify(JSON.parse(b.bytes.toString('utf8')), null, 3)}\n`);
  return { ...b, bytes, digest: sha256(bytes) };
}

beforeAll(async () => {
  [src, dst] = await Promise.all([startRegistry({ auth: 'htpasswd' }), startRegistry({ auth: 'token' })]);
  tmp = await mkdtemp(join(tmpdir(), 'drydock-copy-'));
  amd = await makeImage([ALPINE_320], { os: 'linux', architecture: 'amd64' });
  arm = await makeImage([ALPINE_319], { os: 'linux', architecture: 'arm64', variant: 'v8' });
  // Unusual formatting (indent 3, key order as written, trailing newline): a copy that parsed and
  // re-serialized documents would change these bytes and their digests.
  amd = { ...amd, manifest: pretty(amd.manifest) };
  index = pretty(makeIndex([amd, arm]));
  await writeLayout(join(tmp, 'layout'), { v1: amd.manifest, multi: index }, [...imageBlobs(amd), ...imageBlobs(arm)]);
  const creds = { username: src.username as string, password: src.password as string };
  await pushImage(`oci:${join(tmp, 'layout')}:v1`, `${src.host}/team/app:v1`, creds);
  await pushImage(`oci:${join(tmp, 'layout')}:multi`, `${src.host}/team/multi:v1`, creds, { all: true });
});

afterAll(async () => {
  await Promise.all([src?.stop(), dst?.stop()]);
  if (tmp) await rm(tmp, { recursive: true, force: true });
});

describe('copy registry → registry', () => {
  it('copies byte-exact (same digest, same manifest bytes read by skopeo) and skips every blob on a re-copy', async () => {
    const first = await copy(`${src.host}/team/app:v1`, `${dst.host}/mirror/app:v1`, optsOf(src), optsOf(dst));
    expect(first.digest).toBe(amd.manifest.digest);
    expect(first.blobs).toEqual({ copied: 2, skipped: 0, mounted: 0, bytes: amd.config.bytes.length + (amd.layers[0] as Blob).bytes.length });
    expect(first.manifests).toBe(1);
    const atDst = await skopeoRaw(`${dst.host}/mirror/app:v1`, dst);
    expect(atDst.equals(await skopeoRaw(`${src.host}/team/app:v1`, src))).toBe(true);
    expect(atDst.equals(amd.manifest.bytes)).toBe(true);

    const again = await copy(`${src.host}/team/app:v1`, `${dst.host}/mirror/app:v1`, optsOf(src), optsOf(dst));
    expect(again.blobs).toEqual({ copied: 0, skipped: 2, mounted: 0, bytes: 0 });
  });

  it('copies a multi-platform index whole: the index and every platform manifest, byte for byte', async () => {
    const s = await copy(`${src.host}/team/multi:v1`, `${dst.host}/mirror/multi:v1`, optsOf(src), optsOf(dst));
    expect(s.digest).toBe(index.digest);
    expect(s.manifests).toBe(3);
    expect(s.blobs.copied + s.blobs.skipped).toBe(4);
    expect((await skopeoRaw(`${dst.host}/mirror/multi:v1`, dst)).equals(index.bytes)).toBe(true);
    for (const img of [amd, arm]) {
      expect((await skopeoRaw(`${dst.host}/mirror/multi@${img.manifest.digest}`, dst)).equals(img.manifest.bytes)).toBe(true);
    }
  });

  it('--platform copies the one manifest of that platform, under the tag, with its own digest', async () => {
    const s = await copy(`${src.host}/team/multi:v1`, `${dst.host}/mirror/arm:v1`, optsOf(src), optsOf(dst), { platform: { os: 'linux', architecture: 'arm64' } });
    expect(s.digest).toBe(arm.manifest.digest);
    expect(s.manifests).toBe(1);
    expect((await skopeoRaw(`${dst.host}/mirror/arm:v1`, dst)).equals(arm.manifest.bytes)).toBe(true);
  });

  it('mounts the blobs from the source repository when both are on one registry', async () => {
    const s = await copy(`${src.host}/team/app:v1`, `${src.host}/other/app:v2`, optsOf(src), optsOf(src));
    expect(s.blobs).toEqual({ copied: 0, skipped: 0, mounted: 2, bytes: 0 });
    expect((await skopeoRaw(`${src.host}/other/app:v2`, src)).equals(amd.manifest.bytes)).toBe(true);
  });

  it('copies by digest: DST repo@digest must be the digest of the copy', async () => {
    const s = await copy(`${src.host}/team/app@${amd.manifest.digest}`, `${dst.host}/bydigest/app@${amd.manifest.digest}`, optsOf(src), optsOf(dst));
    expect(s.digest).toBe(amd.manifest.digest);
    expect((await skopeoRaw(`${dst.host}/bydigest/app@${amd.manifest.digest}`, dst)).equals(amd.manifest.bytes)).toBe(true);
    const wrong = await copy(`${src.host}/team/app:v1`, `${dst.host}/bydigest/app@${arm.manifest.digest}`, optsOf(src), optsOf(dst)).catch((e: unknown) => e);
    expect((wrong as AppError).code).toBe('INPUT');
    expect((wrong as AppError).message).toContain('never changes a digest');
  });

  it('reports a missing source tag as NOT_FOUND and bad credentials as AUTH', async () => {
    const missing = await copy(`${src.host}/team/app:nope`, `${dst.host}/x/y:v1`, optsOf(src), optsOf(dst)).catch((e: unknown) => e);
    expect((missing as AppError).code).toBe('NOT_FOUND');
    const denied = await copy(`${src.host}/team/app:v1`, `${dst.host}/x/y:v1`, optsOf(src), { ...FAST_RETRY, username: 'drydock', password: 'wrong' }).catch((e: unknown) => e);
    expect((denied as AppError).code).toBe('AUTH');
    // Nothing landed at DST.
    const c = clientOf(dst);
    try {
      expect(((await c.getManifest('x/y', 'v1').catch((e: unknown) => e)) as AppError).code).toBe('NOT_FOUND');
    } finally {
      await c.close();
    }
  });
});
