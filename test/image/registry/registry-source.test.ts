import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../../src/core/errors.js';
import { parseReference } from '../../../src/image/reference.js';
import { RegistryClient } from '../../../src/image/registry/client.js';
import { openRegistryImage } from '../../../src/image/registry/registry-source.js';
import type { RegistryOptions } from '../../../src/image/registry/options.js';
import { pushImage, startRegistry, type RegistryServer } from '../../helpers/registry-server.js';
import { startProxy } from './proxy.js';
import { ALPINE_319, ALPINE_320, imageBlobs, makeImage, makeIndex, sha256, writeLayout, type Blob, type TestImage } from './oci-fixture.js';

const run = promisify(execFile);
const FAST: RegistryOptions = { retry: { attempts: 2, baseDelayMs: 10, maxDelayMs: 20 } };
const AMD64 = { os: 'linux', architecture: 'amd64' };
const ARM64 = { os: 'linux', architecture: 'arm64', variant: 'v8' };

let reg: RegistryServer;
let layout: string;
let amd64: TestImage;
let arm64: TestImage;
let index: Blob;

beforeAll(async () => {
  reg = await startRegistry({ schema1: true });
  layout = await mkdtemp(join(tmpdir(), 'drydock-layout-'));
  amd64 = await makeImage([ALPINE_320], AMD64, { user: 'nobody' });
  arm64 = await makeImage([ALPINE_319, ALPINE_320], ARM64);
  index = makeIndex([amd64, arm64]);
  await writeLayout(layout, { single: amd64.manifest, multi: index }, [...imageBlobs(amd64), ...imageBlobs(arm64)]);
  await pushImage(`oci:${layout}:single`, `${reg.host}/team/app:1.0`);
  await pushImage(`oci:${layout}:multi`, `${reg.host}/team/multi:1.0`, undefined, { all: true });
  await pushImage(`oci:${layout}:single`, `${reg.host}/team/docker:1.0`, undefined, { format: 'v2s2' });
  await pushImage(`oci:${layout}:single`, `${reg.host}/team/old:1.0`, undefined, { format: 'v2s1' });
});

afterAll(async () => {
  await reg?.stop();
  if (layout) await rm(layout, { recursive: true, force: true });
});

async function open(ref: string, opts: RegistryOptions = {}) {
  return openRegistryImage(ref, parseReference(ref), { ...FAST, ...opts });
}

async function streamDigest(stream: NodeJS.ReadableStream): Promise<string> {
  const h = createHash('sha256');
  for await (const chunk of stream) h.update(chunk as Buffer);
  return `sha256:${h.digest('hex')}`;
}

async function rejection(p: Promise<unknown>): Promise<AppError> {
  const err = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(AppError);
  return err as AppError;
}

describe('openRegistryImage against a real registry', () => {
  it('opens a single-platform OCI image anonymously and streams verified layers', async () => {
    const ref = `${reg.host}/team/app:1.0`;
    const img = await open(ref, { platform: AMD64 });
    try {
      expect(img.info).toMatchObject({
        kind: 'registry',
        reference: ref,
        name: ref,
        digest: amd64.manifest.digest,
        repoDigests: [`${reg.host}/team/app@${amd64.manifest.digest}`],
        configDigest: amd64.config.digest,
        platform: AMD64,
        created: '2024-09-06T12:00:00Z',
        config: { user: 'nobody', cmd: ['/bin/sh'] },
      });
      expect(img.layers).toHaveLength(1);
      const layer = img.layers[0]!;
      expect(layer).toMatchObject({ index: 0, diffId: amd64.layers[0]!.diffId, digest: amd64.layers[0]!.digest, size: amd64.layers[0]!.bytes.length });
      expect(layer.createdBy).toContain('alpine-minirootfs-3.20.3');
      expect(await streamDigest(await layer.open())).toBe(amd64.layers[0]!.digest);
    } finally {
      await img.close();
    }
  });

  it('follows an index to the wanted platform; repoDigests name the index', async () => {
    const ref = `${reg.host}/team/multi:1.0`;
    const arm = await open(ref, { platform: { os: 'linux', architecture: 'arm64' } });
    const x86 = await open(ref, { platform: AMD64 });
    try {
      expect(arm.info.digest).toBe(arm64.manifest.digest);
      expect(arm.info.platform).toEqual(ARM64);
      expect(arm.info.repoDigests).toEqual([`${reg.host}/team/multi@${index.digest}`]);
      expect(arm.layers.map((l) => l.diffId)).toEqual(arm64.layers.map((l) => l.diffId));
      expect(x86.info.digest).toBe(amd64.manifest.digest);
      expect(await streamDigest(await arm.layers[1]!.open())).toBe(arm64.layers[1]!.digest);
    } finally {
      await arm.close();
      await x86.close();
    }
  });

  it('names the available platforms when the wanted one is missing', async () => {
    const err = await rejection(open(`${reg.host}/team/multi:1.0`, { platform: { os: 'linux', architecture: 's390x' } }));
    expect(err.code).toBe('NOT_FOUND');
    expect(err.message).toContain('linux/s390x');
    expect(err.message).toContain('linux/amd64, linux/arm64/v8');
  });

  it('refuses a single-platform image for another platform when the platform was asked for explicitly', async () => {
    const ref = `${reg.host}/team/app:1.0`;
    const err = await rejection(open(ref, { platform: ARM64, platformExplicit: true }));
    expect(err.code).toBe('NOT_FOUND');
    expect(err.message).toBe(`${ref}: the image is for linux/amd64, not the requested platform linux/arm64/v8`);
    const byDigest = await rejection(open(`${reg.host}/team/multi@${arm64.manifest.digest}`, { platform: AMD64, platformExplicit: true }));
    expect(byDigest.code).toBe('NOT_FOUND');
    expect(byDigest.message).toContain('the image is for linux/arm64/v8');
    // The platform that matches, and an index, are fine; without the flag the platform is only a preference.
    const same = await open(ref, { platform: AMD64, platformExplicit: true });
    const multi = await open(`${reg.host}/team/multi:1.0`, { platform: { os: 'linux', architecture: 'arm64' }, platformExplicit: true });
    const implicit = await open(ref, { platform: ARM64 });
    await Promise.all([same.close(), multi.close(), implicit.close()]);
    expect(same.info.digest).toBe(amd64.manifest.digest);
    expect(multi.info.digest).toBe(arm64.manifest.digest);
    expect(implicit.info.platform).toEqual(AMD64);
  });

  it('opens a platform image by digest', async () => {
    const ref = `${reg.host}/team/multi@${arm64.manifest.digest}`;
    const img = await open(ref, { platform: AMD64 });
    await img.close();
    expect(img.info.digest).toBe(arm64.manifest.digest);
    expect(img.info.name).toBe(`${reg.host}/team/multi`);
    expect(img.info.platform?.architecture).toBe('arm64');
  });

  it('reads a Docker schema 2 image converted by skopeo, with the digest skopeo sees', async () => {
    const ref = `${reg.host}/team/docker:1.0`;
    const img = await open(ref, { platform: AMD64 });
    await img.close();
    const { stdout } = await run('skopeo', ['inspect', '--raw', '--tls-verify=false', `docker://${ref}`], { encoding: 'buffer' });
    expect(img.info.digest).toBe(sha256(stdout));
    expect(img.layers[0]!.mediaType).toBe('application/vnd.docker.image.rootfs.diff.tar.gzip');
    expect(img.layers[0]!.diffId).toBe(amd64.layers[0]!.diffId);
  });

  it('reports a missing tag and a missing repository as NOT_FOUND naming the reference', async () => {
    const tag = await rejection(open(`${reg.host}/team/app:nope`));
    expect(tag.code).toBe('NOT_FOUND');
    expect(tag.message).toBe(`${reg.host}/team/app:nope: manifest unknown`);
    const repo = await rejection(open(`${reg.host}/team/nothing:1.0`));
    expect(repo.code).toBe('NOT_FOUND');
    expect(repo.message).toMatch(new RegExp(`^${reg.host}/team/nothing:1\\.0: `));
  });

  it('refuses a config larger than the cap with LIMIT', async () => {
    const err = await rejection(open(`${reg.host}/team/app:1.0`, { platform: AMD64, maxConfigBytes: 100 }));
    expect(err.code).toBe('LIMIT');
    expect(err.message).toContain(amd64.config.digest);
  });
});

describe('openRegistryImage: formats drydock refuses or handles specially', () => {
  it('refuses a Docker schema 1 image (pushed by skopeo --format v2s1) as UNSUPPORTED', async () => {
    const err = await rejection(open(`${reg.host}/team/old:1.0`));
    expect(err.code).toBe('UNSUPPORTED');
    expect(err.message).toContain(`${reg.host}/team/old:1.0: Docker schema 1`);
  });

  it('fetches foreign layers from the registry, never from their urls', async () => {
    const elsewhere = await startProxy(undefined, undefined, '127.0.0.2');
    const client = new RegistryClient(reg.host, FAST);
    try {
      const layer = amd64.layers[0]!;
      await client.pushBlob('team/foreign', layer.bytes);
      await client.pushBlob('team/foreign', amd64.config.bytes);
      const manifest = Buffer.from(
        JSON.stringify({
          schemaVersion: 2,
          mediaType: 'application/vnd.docker.distribution.manifest.v2+json',
          config: { mediaType: 'application/vnd.docker.container.image.v1+json', digest: amd64.config.digest, size: amd64.config.bytes.length },
          layers: [
            {
              mediaType: 'application/vnd.docker.image.rootfs.foreign.diff.tar.gzip',
              digest: layer.digest,
              size: layer.bytes.length,
              urls: [`http://${elsewhere.host}/layer.tar.gz`],
            },
          ],
        }),
      );
      await client.pushManifest('team/foreign', '1.0', 'application/vnd.docker.distribution.manifest.v2+json', manifest);
      const img = await open(`${reg.host}/team/foreign:1.0`, { platform: AMD64 });
      try {
        expect(img.layers[0]!.mediaType).toBe('application/vnd.docker.image.rootfs.foreign.diff.tar.gzip');
        expect(await streamDigest(await img.layers[0]!.open())).toBe(layer.digest);
      } finally {
        await img.close();
      }
      expect(elsewhere.seen).toEqual([]);
    } finally {
      await client.close();
      await elsewhere.close();
    }
  });
});
