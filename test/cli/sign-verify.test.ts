/**
 * Signing and verification end to end, against the REAL registry (distribution 2.8, htpasswd auth; it
 * has no referrers API, so bundles go through the referrers-tag fallback): sign, append a second
 * signature, verify, and every tampering users fear, each rejected with its own reason.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RegistryClient } from '../../src/image/registry/client.js';
import { cosignManifest, cosignTag } from '../../src/signing/cosign-tags.js';
import type { Digest } from '../../src/core/digest.js';
import { MEDIA } from '../../src/image/media-types.js';
import { parseManifest } from '../../src/image/manifest.js';
import { runCli, type CliResult } from '../helpers/drydock.js';
import { pushImage, startRegistry, type RegistryServer } from '../helpers/registry-server.js';
import { ALPINE_319, ALPINE_320, imageBlobs, makeImage, writeLayout, type TestImage } from '../image/registry/oci-fixture.js';

let reg: RegistryServer;
let tmp: string;
let imgA: TestImage;
let imgB: TestImage;
let imgC: TestImage;
let env: Record<string, string | undefined>;

const repo = 'team/signed';
const ref = (tagOrDigest: string): string => `${reg.host}/${repo}${tagOrDigest.startsWith('sha256:') ? '@' : ':'}${tagOrDigest}`;
const cli = (args: string[]): Promise<CliResult> => runCli(args, { env, cwd: tmp });
const client = (): RegistryClient => new RegistryClient(reg.host, { username: reg.username as string, password: reg.password as string });

beforeAll(async () => {
  reg = await startRegistry({ auth: 'htpasswd' });
  tmp = await mkdtemp(join(tmpdir(), 'drydock-sign-'));
  env = { HOME: tmp, PATH: process.env['PATH'], COSIGN_PASSWORD: 'correct horse', DRYDOCK_USERNAME: reg.username, DRYDOCK_PASSWORD: reg.password };
  imgA = await makeImage([ALPINE_320], { os: 'linux', architecture: 'amd64' });
  imgB = await makeImage([ALPINE_319], { os: 'linux', architecture: 'amd64' });
  imgC = await makeImage([ALPINE_319], { os: 'linux', architecture: 'amd64' }, { env: ['C=1'] });
  await writeLayout(join(tmp, 'layout'), { a: imgA.manifest, b: imgB.manifest, c: imgC.manifest }, [...imageBlobs(imgA), ...imageBlobs(imgB), ...imageBlobs(imgC)]);
  const creds = { username: reg.username as string, password: reg.password as string };
  await pushImage(`oci:${join(tmp, 'layout')}:a`, ref('v1'), creds);
  await pushImage(`oci:${join(tmp, 'layout')}:b`, ref('other'), creds);
  await pushImage(`oci:${join(tmp, 'layout')}:c`, ref('third'), creds);
  for (const prefix of ['alice', 'bob', 'eve']) {
    const r = await cli(['generate-key-pair', '--output-key-prefix', prefix]);
    expect(r.code, r.stderr).toBe(0);
  }
}, 120_000);

afterAll(async () => {
  await reg?.stop();
  if (tmp) await rm(tmp, { recursive: true, force: true });
});

async function sigLayers(digest: Digest): Promise<number> {
  const c = client();
  try {
    const m = await c.getManifest(repo, cosignTag(digest, 'sig'));
    const doc = parseManifest(m.body, m.mediaType, 'sig');
    return doc.kind === 'manifest' ? doc.layers.length : -1;
  } finally {
    await c.close();
  }
}

describe('drydock sign / verify against a real registry', () => {
  it('signs the digest a tag resolves to (with a warning), both storages, and verifies', async () => {
    const signed = await cli(['sign', ref('v1'), '--key', 'alice.key', '-a', 'env=prod']);
    expect(signed.code, signed.stderr).toBe(0);
    expect(signed.stderr).toMatch(/"v1" is a tag; signing the image it points to now, sha256:/);
    const out = JSON.parse(signed.stdout) as { digest: string; stored: Array<{ storage: string; via?: string }> };
    expect(out.digest).toBe(imgA.manifest.digest);
    expect(out.stored.map((s) => s.storage)).toEqual(['tag', 'bundle']);
    expect(out.stored[1]?.via).toBe('tag');
    const verified = await cli(['verify', ref('v1'), '--key', 'alice.pub', '-a', 'env=prod']);
    expect(verified.code, verified.stderr).toBe(0);
    const payloads = JSON.parse(verified.stdout) as unknown[];
    expect(payloads).toHaveLength(2);
    expect(payloads).toContainEqual(expect.objectContaining({ critical: expect.objectContaining({ image: { 'docker-manifest-digest': imgA.manifest.digest } }) }));
  });

  it('a second key appends a signature; re-signing with the same key adds nothing', async () => {
    expect((await cli(['sign', ref(imgA.manifest.digest), '--key', 'bob.key', '--storage', 'tag'])).code).toBe(0);
    expect(await sigLayers(imgA.manifest.digest)).toBe(2);
    const again = await cli(['sign', ref(imgA.manifest.digest), '--key', 'bob.key', '--storage', 'tag']);
    expect(again.code).toBe(0);
    expect(again.stderr).not.toMatch(/is a tag/);
    expect(await sigLayers(imgA.manifest.digest)).toBe(2);
    expect((await cli(['verify', ref('v1'), '--key', 'bob.pub'])).code).toBe(0);
    expect((await cli(['verify', ref('v1'), '--key', 'alice.pub'])).code).toBe(0);
  });

  it('"signed by another key" is its own reason', async () => {
    const r = await cli(['verify', ref('v1'), '--key', 'eve.pub']);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/signed by another key \[another-key\]/);
  });

  it('"no signatures found" for an unsigned image, naming where it looked', async () => {
    const r = await cli(['verify', ref('other'), '--key', 'alice.pub']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/no signatures found \[no-signatures\]/);
    expect(r.stderr).toMatch(/\.sig \(absent\)/);
  });

  it('required annotations that were not signed fail', async () => {
    const r = await cli(['verify', ref('v1'), '--key', 'bob.pub', '-a', 'env=prod']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/\[annotations\]/);
  });

  it('tampering: a tag rewritten to another image has no signatures; a .sig copied onto it is for another image', async () => {
    const c = client();
    try {
      // Rewrite the tag to image B.
      const b = await c.getManifest(repo, 'other');
      await c.pushManifest(repo, 'v1', MEDIA.ociManifest, b.body);
      const rewritten = await cli(['verify', ref('v1'), '--key', 'alice.pub']);
      expect(rewritten.code).toBe(1);
      expect(rewritten.stderr).toMatch(/\[no-signatures\]/);
      // Copy A's .sig manifest onto B's .sig tag: valid signatures, but of A's digest.
      const sigA = await c.getManifest(repo, cosignTag(imgA.manifest.digest, 'sig'));
      await c.pushManifest(repo, cosignTag(imgB.manifest.digest, 'sig'), MEDIA.ociManifest, sigA.body);
      const copied = await cli(['verify', ref('v1'), '--key', 'alice.pub']);
      expect(copied.code).toBe(1);
      expect(copied.stderr).toMatch(/signature is for another image \[wrong-image\]/);
      // Swap a layer: A's manifest with B's layer, pushed under A's tag, is a new digest nobody signed;
      // A itself, by digest, still verifies.
      const a = JSON.parse(imgA.manifest.bytes.toString('utf8')) as { layers: unknown[] };
      const b2 = JSON.parse(imgB.manifest.bytes.toString('utf8')) as { layers: unknown[] };
      const swapped = Buffer.from(JSON.stringify({ ...a, layers: b2.layers }));
      await c.pushManifest(repo, 'swapped', MEDIA.ociManifest, swapped);
      const onSwapped = await cli(['verify', ref('swapped'), '--key', 'alice.pub']);
      expect(onSwapped.code).toBe(1);
      expect(onSwapped.stderr).toMatch(/\[no-signatures\]/);
      expect((await cli(['verify', ref(imgA.manifest.digest), '--key', 'alice.pub'])).code).toBe(0);
    } finally {
      await c.close();
    }
  });

  it('tampering: one flipped payload byte in a signature made with this key is "tampered", not "another key"', async () => {
    const c = client();
    try {
      const signed = await cli(['sign', ref(imgC.manifest.digest), '--key', 'alice.key', '--storage', 'tag', '-a', 'env=prod']);
      expect(signed.code, signed.stderr).toBe(0);
      const sig = await c.getManifest(repo, cosignTag(imgC.manifest.digest, 'sig'));
      const doc = parseManifest(sig.body, sig.mediaType, 'sig');
      if (doc.kind !== 'manifest' || !doc.layers[0]) throw new Error('expected a one-layer manifest');
      const first = doc.layers[0];
      const payload = await c.getBlobBuffer(repo, first.digest, first.size, 1 << 20);
      const altered = Buffer.from(payload.toString('utf8').replace('"env":"prod"', '"env":"prud"'));
      expect(altered.equals(payload)).toBe(false);
      const digest = await c.pushBlob(repo, altered);
      const { manifest, config, configDescriptor } = cosignManifest([{ ...first, digest, size: altered.length }]);
      await c.pushBlob(repo, config, configDescriptor.digest);
      await c.pushManifest(repo, cosignTag(imgC.manifest.digest, 'sig'), MEDIA.ociManifest, manifest);
      const r = await cli(['verify', ref(imgC.manifest.digest), '--key', 'alice.pub']);
      expect(r.code).toBe(1);
      expect(r.stderr).toMatch(/the payload or the signature was altered \[tampered\]/);
      // The same altered signature checked with another key: that key never signed it.
      const other = await cli(['verify', ref(imgC.manifest.digest), '--key', 'eve.pub']);
      expect(other.stderr).toMatch(/\[another-key\]/);
    } finally {
      await c.close();
    }
  });
});
