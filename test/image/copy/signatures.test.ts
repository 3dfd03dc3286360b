import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Digest } from '../../../src/core/digest.js';
import type { AppError } from '../../../src/core/errors.js';
import { RegistryClient } from '../../../src/image/registry/client.js';
import type { RegistryClientOptions } from '../../../src/image/registry/options.js';
import { startOciRegistry, type OciRegistry } from '../../helpers/oci-registry.js';
import { pushImage, startRegistry, type RegistryServer } from '../../helpers/registry-server.js';
import { ALPINE_319, ALPINE_320, imageBlobs, makeImage, makeIndex, writeLayout, type Blob, type TestImage } from '../registry/oci-fixture.js';
import { FAST_RETRY, bundleReferrer, clientOf, copy, cosignAttestation, cosignSignature, pushArtifact, skopeoRaw, tagFor, type Artifact } from './copy-fixture.js';

let src: RegistryServer;
let dst: RegistryServer;
let api: OciRegistry;
let tmp: string;
let amd: TestImage;
let arm: TestImage;
let index: Blob;
let sig: Artifact;
let att: Artifact;
let ref: Artifact & { artifactType: string };
let sigOnRef: Artifact;
let indexSig: Artifact;
let childSig: Artifact;

const optsOf = (reg: RegistryServer): RegistryClientOptions => ({ ...FAST_RETRY, ...(reg.username ? { username: reg.username, password: reg.password as string } : {}) });

async function withClient<T>(c: RegistryClient, fn: (c: RegistryClient) => Promise<T>): Promise<T> {
  try {
    return await fn(c);
  } finally {
    await c.close();
  }
}

/** The manifest digest under a tag at a registry, or the error code when there is none. */
async function digestAt(c: RegistryClient, repo: string, tag: string): Promise<string> {
  return withClient(c, (cl) => cl.getManifest(repo, tag).then((m) => m.digest, (e: unknown) => (e as AppError).code));
}

beforeAll(async () => {
  [src, dst, api] = await Promise.all([startRegistry({ auth: 'htpasswd' }), startRegistry({ auth: 'token' }), startOciRegistry()]);
  tmp = await mkdtemp(join(tmpdir(), 'drydock-copy-sig-'));
  amd = await makeImage([ALPINE_320], { os: 'linux', architecture: 'amd64' });
  arm = await makeImage([ALPINE_319], { os: 'linux', architecture: 'arm64', variant: 'v8' });
  index = makeIndex([amd, arm]);
  const layout = join(tmp, 'layout');
  await writeLayout(layout, { v1: amd.manifest, multi: index }, [...imageBlobs(amd), ...imageBlobs(arm)]);
  const creds = { username: src.username as string, password: src.password as string };
  await pushImage(`oci:${layout}:v1`, `${src.host}/team/app:v1`, creds);
  await pushImage(`oci:${layout}:multi`, `${src.host}/team/multi:v1`, creds, { all: true });
  const d = amd.manifest.digest;
  sig = cosignSignature(d, `${src.host}/team/app`);
  att = cosignAttestation(d);
  ref = bundleReferrer({ digest: d, size: amd.manifest.bytes.length, mediaType: amd.manifest.mediaType });
  sigOnRef = cosignSignature(ref.digest, `${src.host}/team/app`);
  indexSig = cosignSignature(index.digest, `${src.host}/team/multi`);
  childSig = cosignSignature(arm.manifest.digest, `${src.host}/team/multi`);
  await withClient(clientOf(src), async (c) => {
    await pushArtifact(c, 'team/app', sig, tagFor(d, 'sig'));
    await pushArtifact(c, 'team/app', att, tagFor(d, 'att'));
    await pushArtifact(c, 'team/app', ref);
    await pushArtifact(c, 'team/app', sigOnRef, tagFor(ref.digest, 'sig'));
    await pushArtifact(c, 'team/multi', indexSig, tagFor(index.digest, 'sig'));
    await pushArtifact(c, 'team/multi', childSig, tagFor(arm.manifest.digest, 'sig'));
  });
});

afterAll(async () => {
  await Promise.all([src?.stop(), dst?.stop(), api?.stop()]);
  if (tmp) await rm(tmp, { recursive: true, force: true });
});

function kinds(s: { signatures: { kind: string; digest: Digest; tag?: string }[] }): string[] {
  return s.signatures.map((a) => `${a.kind} ${a.digest}${a.tag ? ` ${a.tag}` : ''}`).sort();
}

describe('copy --with-signatures', () => {
  it('without the flag, no signature, attestation or referrer is copied', async () => {
    const s = await copy(`${src.host}/team/app:v1`, `${dst.host}/mirror/plain:v1`, optsOf(src), optsOf(dst));
    expect(s.signatures).toEqual([]);
    expect(await digestAt(clientOf(dst), 'mirror/plain', tagFor(amd.manifest.digest, 'sig'))).toBe('NOT_FOUND');
    const refs = await withClient(clientOf(dst), (c) => c.getReferrers('mirror/plain', amd.manifest.digest));
    expect(refs.descriptors).toEqual([]);
  });

  it('copies .sig and .att tags, the referrer and the signature on the referrer, with identical digests', async () => {
    const d = amd.manifest.digest;
    const s = await copy(`${src.host}/team/app:v1`, `${dst.host}/mirror/signed:v1`, optsOf(src), optsOf(dst), { withSignatures: true });
    expect(kinds(s)).toEqual(
      [
        `signature ${sig.digest} ${tagFor(d, 'sig')}`,
        `attestation ${att.digest} ${tagFor(d, 'att')}`,
        `referrer ${ref.digest}`,
        `signature ${sigOnRef.digest} ${tagFor(ref.digest, 'sig')}`,
      ].sort(),
    );
    expect((await skopeoRaw(`${dst.host}/mirror/signed:${tagFor(d, 'sig')}`, dst)).equals(sig.manifest)).toBe(true);
    expect((await skopeoRaw(`${dst.host}/mirror/signed:${tagFor(d, 'att')}`, dst)).equals(att.manifest)).toBe(true);
    expect((await skopeoRaw(`${dst.host}/mirror/signed:${tagFor(ref.digest, 'sig')}`, dst)).equals(sigOnRef.manifest)).toBe(true);
    expect((await skopeoRaw(`${dst.host}/mirror/signed@${ref.digest}`, dst)).equals(ref.manifest)).toBe(true);
    // The destination has no referrers API: the referrer is listed in the referrers tag index.
    const refs = await withClient(clientOf(dst), (c) => c.getReferrers('mirror/signed', d));
    expect(refs.via).toBe('tag');
    expect(refs.descriptors.map((x) => [x.digest, x.artifactType])).toEqual([[ref.digest, ref.artifactType]]);
  });

  it('follows signatures of signatures only as deep as asked', async () => {
    const s = await copy(`${src.host}/team/app:v1`, `${dst.host}/mirror/shallow:v1`, optsOf(src), optsOf(dst), { withSignatures: true, signatureDepth: 1 });
    expect(s.signatures.map((a) => a.digest).sort()).toEqual([sig.digest, att.digest, ref.digest].sort());
    expect(await digestAt(clientOf(dst), 'mirror/shallow', tagFor(ref.digest, 'sig'))).toBe('NOT_FOUND');
  });

  it('for an index, copies what signs the index digest and what signs each platform manifest', async () => {
    const s = await copy(`${src.host}/team/multi:v1`, `${dst.host}/mirror/multi:v1`, optsOf(src), optsOf(dst), { withSignatures: true });
    expect(kinds(s)).toEqual([`signature ${indexSig.digest} ${tagFor(index.digest, 'sig')}`, `signature ${childSig.digest} ${tagFor(arm.manifest.digest, 'sig')}`].sort());
    expect(await digestAt(clientOf(dst), 'mirror/multi', tagFor(index.digest, 'sig'))).toBe(indexSig.digest);
    expect(await digestAt(clientOf(dst), 'mirror/multi', tagFor(arm.manifest.digest, 'sig'))).toBe(childSig.digest);
  });

  it('registry → OCI layout → registry with the referrers API: tags as named entries, referrers as unnamed ones', async () => {
    const d = amd.manifest.digest;
    const out = join(tmp, 'signed-layout');
    await copy(`${src.host}/team/app:v1`, `oci:${out}:v1`, optsOf(src), optsOf(src), { withSignatures: true });
    const idx = JSON.parse(await readFile(join(out, 'index.json'), 'utf8')) as { manifests: { digest: string; artifactType?: string; annotations?: Record<string, string> }[] };
    const entries = idx.manifests.map((m) => [m.annotations?.['org.opencontainers.image.ref.name'] ?? null, m.digest, m.artifactType ?? null]);
    expect(entries).toEqual(
      expect.arrayContaining([
        ['v1', d, null],
        [tagFor(d, 'sig'), sig.digest, null],
        [tagFor(d, 'att'), att.digest, null],
        [tagFor(ref.digest, 'sig'), sigOnRef.digest, null],
        [null, ref.digest, ref.artifactType],
      ]),
    );
    expect(entries).toHaveLength(5);
    expect((await skopeoRaw(`oci:${out}:${tagFor(d, 'sig')}`)).equals(sig.manifest)).toBe(true);

    const s = await copy(`oci:${out}:v1`, `${api.host}/again/app:v1`, {}, FAST_RETRY, { withSignatures: true });
    expect(s.signatures).toHaveLength(4);
    const c = new RegistryClient(api.host, FAST_RETRY);
    const refs = await withClient(c, (cl) => cl.getReferrers('again/app', d));
    expect(refs.via).toBe('api');
    expect(refs.descriptors.map((x) => x.digest)).toEqual([ref.digest]);
    expect(api.tags('again/app')[tagFor(d, 'att')]).toBe(att.digest);
    // The referrers API made a fallback tag index unnecessary.
    expect(api.tags('again/app')[d.replace(':', '-')]).toBeUndefined();
  });

  it('a registry with the referrers API → one without: the referrer lands in the referrers tag index', async () => {
    const d = amd.manifest.digest;
    const s = await copy(`${api.host}/again/app:v1`, `${dst.host}/fromapi/app:v1`, FAST_RETRY, optsOf(dst), { withSignatures: true });
    expect(s.signatures.map((a) => a.digest).sort()).toEqual([sig.digest, att.digest, ref.digest, sigOnRef.digest].sort());
    const refs = await withClient(clientOf(dst), (c) => c.getReferrers('fromapi/app', d));
    expect(refs.via).toBe('tag');
    expect(refs.descriptors.map((x) => x.digest)).toEqual([ref.digest]);
  });
});
