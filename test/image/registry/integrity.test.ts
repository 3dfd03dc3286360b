import { mkdtemp, open as openFile, rm, truncate } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../../src/core/errors.js';
import type { Digest } from '../../../src/core/digest.js';
import { parseReference } from '../../../src/image/reference.js';
import { RegistryClient } from '../../../src/image/registry/client.js';
import type { RegistryOptions } from '../../../src/image/registry/options.js';
import { openRegistryImage } from '../../../src/image/registry/registry-source.js';
import { pushImage, startRegistry, type RegistryServer } from '../../helpers/registry-server.js';
import { ALPINE_319, ALPINE_320, imageBlobs, makeImage, writeLayout, type TestImage } from './oci-fixture.js';

const OPTS: RegistryOptions = { platform: { os: 'linux', architecture: 'amd64' }, retry: { attempts: 1 } };

// Each test tampers with a different image in its own registry storage, so they do not interfere.
let reg: RegistryServer;
let tmp: string;
let layerTampered: TestImage;
let layerTruncated: TestImage;
let manifestTampered: TestImage;

function blobPath(digest: Digest): string {
  const hex = digest.slice('sha256:'.length);
  return join(reg.storageDir, 'docker/registry/v2/blobs/sha256', hex.slice(0, 2), hex, 'data');
}

/** Overwrite one byte of a stored blob, keeping its size. */
async function flipByte(digest: Digest, offset: number): Promise<void> {
  const fh = await openFile(blobPath(digest), 'r+');
  try {
    const b = Buffer.alloc(1);
    await fh.read(b, 0, 1, offset);
    b[0] = b[0]! ^ 0x20;
    await fh.write(b, 0, 1, offset);
  } finally {
    await fh.close();
  }
}

async function rejection(p: Promise<unknown>): Promise<AppError> {
  const err = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(AppError);
  return err as AppError;
}

async function drain(stream: NodeJS.ReadableStream): Promise<void> {
  for await (const _ of stream) void _;
}

beforeAll(async () => {
  reg = await startRegistry();
  tmp = await mkdtemp(join(tmpdir(), 'drydock-integrity-'));
  const amd64 = { os: 'linux', architecture: 'amd64' };
  layerTampered = await makeImage([ALPINE_320], amd64);
  layerTruncated = await makeImage([ALPINE_319], amd64);
  manifestTampered = await makeImage([ALPINE_320], amd64, { user: 'tamper-me' });
  await writeLayout(tmp, { a: layerTampered.manifest, b: layerTruncated.manifest, c: manifestTampered.manifest }, [
    ...imageBlobs(layerTampered),
    ...imageBlobs(layerTruncated),
    ...imageBlobs(manifestTampered),
  ]);
  await pushImage(`oci:${tmp}:a`, `${reg.host}/team/a:1`);
  await pushImage(`oci:${tmp}:b`, `${reg.host}/team/b:1`);
  await pushImage(`oci:${tmp}:c`, `${reg.host}/team/c:1`);
});

afterAll(async () => {
  await reg?.stop();
  if (tmp) await rm(tmp, { recursive: true, force: true });
});

describe('content served by a registry is verified', () => {
  it('fails the layer stream with DIGEST_MISMATCH naming the layer when a blob was altered', async () => {
    const layer = layerTampered.layers[0]!;
    await flipByte(layer.digest, Math.floor(layer.bytes.length / 2));
    const ref = `${reg.host}/team/a:1`;
    const img = await openRegistryImage(ref, parseReference(ref), OPTS);
    try {
      const err = await rejection(img.layers[0]!.open().then(drain));
      expect(err.code).toBe('DIGEST_MISMATCH');
      expect(err.message).toContain(`${ref}: layer 1/1 ${layer.digest}`);
    } finally {
      await img.close();
    }
  });

  it('refuses a blob whose size differs from its descriptor', async () => {
    const layer = layerTruncated.layers[0]!;
    await truncate(blobPath(layer.digest), layer.bytes.length - 100);
    const ref = `${reg.host}/team/b:1`;
    const img = await openRegistryImage(ref, parseReference(ref), OPTS);
    try {
      const err = await rejection(img.layers[0]!.open().then(drain));
      expect(err.code).toBe('DIGEST_MISMATCH');
      expect(err.message).toContain(`declared size is ${layer.bytes.length}`);
    } finally {
      await img.close();
    }
  });

  it('refuses an altered manifest fetched by digest, and by tag against Docker-Content-Digest', async () => {
    const m = manifestTampered.manifest;
    await flipByte(m.digest, m.bytes.indexOf('"schemaVersion"') + 2);
    const byDigest = `${reg.host}/team/c@${m.digest}`;
    const err = await rejection(openRegistryImage(byDigest, parseReference(byDigest), OPTS));
    expect(err.code).toBe('DIGEST_MISMATCH');
    expect(err.message).toContain(`${byDigest}: manifest: content digest is sha256:`);
    const client = new RegistryClient(reg.host, OPTS);
    try {
      const byTag = await rejection(client.getManifest('team/c', '1'));
      expect(byTag.code).toBe('DIGEST_MISMATCH');
      expect(byTag.message).toContain(`the registry announced ${m.digest}`);
    } finally {
      await client.close();
    }
  });
});
