/**
 * Signing over the OCI 1.1 referrers API, end to end through the CLI, against the in-process registry of
 * test/helpers/oci-registry.ts (the Debian distribution 2.8 has no referrers API): bundles stored and
 * found through the API (no referrers tag), attestations, the failure reasons; the referrers-tag
 * fallback on a registry without the API and `copy --with-signatures` onto one with it; and keyless
 * verification of a REAL public-good Sigstore bundle (test/fixtures/signing) stored as a referrer.
 */
import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Digest } from '../../src/core/digest.js';
import { RegistryClient } from '../../src/image/registry/client.js';
import { pushBundleReferrer } from '../../src/image/registry/signature-store.js';
import { bundleReferrerManifest } from '../../src/signing/bundle-referrer.js';
import { runCli, type CliResult } from '../helpers/drydock.js';
import { startOciRegistry, type OciRegistry } from '../helpers/oci-registry.js';
import { ALPINE_319, ALPINE_320, makeImage, type TestImage } from '../image/registry/oci-fixture.js';

const REPO = 'team/app';
const BUNDLE_TYPE = 'application/vnd.dev.sigstore.bundle.v0.3+json';
const SIGN_PREDICATE = 'https://sigstore.dev/cosign/sign/v1';
const SLSA1 = 'https://slsa.dev/provenance/v1';
const OCI_MANIFEST = 'application/vnd.oci.image.manifest.v1+json';
const FIXTURES = fileURLToPath(new URL('../fixtures/signing/', import.meta.url));

let api: OciRegistry, plain: OciRegistry, mirror: OciRegistry;
let imgA: TestImage, imgB: TestImage, imgC: TestImage;
let tmp: string;
let env: Record<string, string | undefined>;

const cli = (args: string[]): Promise<CliResult> => runCli(args, { env, cwd: tmp });
const at = (reg: OciRegistry, digest: string, repo = REPO): string => `${reg.host}/${repo}@${digest}`;
const clientOf = (reg: OciRegistry): RegistryClient => new RegistryClient(reg.host, { retry: { attempts: 1 } });
/** The referrers tag (spec "Referrers Tag Schema") of a sha256 digest. */
const fallbackTag = (digest: string): string => digest.replace(':', '-');

async function withClient<T>(reg: OciRegistry, fn: (c: RegistryClient) => Promise<T>): Promise<T> {
  const c = clientOf(reg);
  try {
    return await fn(c);
  } finally {
    await c.close();
  }
}

async function pushTo(reg: OciRegistry, repo: string, tag: string, img: TestImage): Promise<void> {
  await withClient(reg, async (c) => {
    for (const b of [img.config, ...img.layers]) await c.pushBlob(repo, b.bytes);
    await c.pushManifest(repo, tag, img.manifest.mediaType, img.manifest.bytes);
  });
}

interface ReferrerDoc {
  artifactType?: string;
  config: { mediaType: string };
  layers: Array<{ mediaType: string; digest: Digest; size: number }>;
  subject: { mediaType: string; digest: string; size: number };
  annotations: Record<string, string>;
}

/** The referrer manifests stored whose subject is `digest`, parsed. */
function referrersOf(reg: OciRegistry, digest: string, repo = REPO): Array<{ digest: string; doc: ReferrerDoc }> {
  return reg
    .manifests(repo)
    .map((m) => ({ digest: m.digest, doc: JSON.parse(m.body.toString('utf8')) as ReferrerDoc }))
    .filter((m) => m.doc.subject?.digest === digest);
}

type Statement = { predicateType: string; predicate?: unknown; subject: Array<{ digest: Record<string, string> }> };

/** The in-toto statement in the DSSE envelope of the bundle a referrer holds. */
async function statementIn(reg: OciRegistry, doc: ReferrerDoc): Promise<Statement> {
  const layer = doc.layers[0];
  if (!layer) throw new Error('referrer without a layer');
  const bundle = JSON.parse((await withClient(reg, (c) => c.getBlobBuffer(REPO, layer.digest, layer.size, 1 << 20))).toString('utf8')) as { dsseEnvelope: { payload: string } };
  return JSON.parse(Buffer.from(bundle.dsseEnvelope.payload, 'base64').toString('utf8')) as Statement;
}

const hexOf = (digest: string): string => digest.slice('sha256:'.length);
const sawReferrersGet = (reg: OciRegistry, digest: string, repo = REPO): boolean =>
  reg.requests.some((q) => q.method === 'GET' && q.path.split('?')[0] === `/v2/${repo}/referrers/${digest}`);

beforeAll(async () => {
  [api, plain, mirror] = await Promise.all([startOciRegistry({ referrers: true }), startOciRegistry({ referrers: false }), startOciRegistry({ referrers: true })]);
  tmp = await mkdtemp(join(tmpdir(), 'drydock-sign-referrers-'));
  env = { HOME: tmp, PATH: process.env['PATH'], COSIGN_PASSWORD: 'referrers pw' };
  imgA = await makeImage([ALPINE_320], { os: 'linux', architecture: 'amd64' });
  imgB = await makeImage([ALPINE_319], { os: 'linux', architecture: 'amd64' });
  imgC = await makeImage([ALPINE_319], { os: 'linux', architecture: 'amd64' }, { env: ['C=1'] });
  for (const [tag, img] of [['a', imgA], ['b', imgB], ['c', imgC]] as const) await pushTo(api, REPO, tag, img);
  await pushTo(plain, REPO, 'v1', imgA);
  for (const prefix of ['alice', 'bob']) expect((await cli(['generate-key-pair', '--output-key-prefix', prefix])).code).toBe(0);
}, 120_000);

afterAll(async () => {
  await Promise.all([api?.stop(), plain?.stop(), mirror?.stop()]);
  if (tmp) await rm(tmp, { recursive: true, force: true });
});

describe('sign / verify / attest over the referrers API', () => {
  it('sign --storage bundle stores a bundle referrer through the API (no referrers tag); verify finds it there', async () => {
    const d = imgA.manifest.digest;
    const signed = await cli(['sign', at(api, d), '--key', 'alice.key', '--storage', 'bundle']);
    expect(signed.code, signed.stderr).toBe(0);
    const out = JSON.parse(signed.stdout) as { digest: string; stored: Array<{ storage: string; location: string; via?: string }> };
    expect(out.digest).toBe(d);
    expect(out.stored).toEqual([{ storage: 'bundle', location: expect.stringMatching(/^sha256:[0-9a-f]{64}$/) as unknown, added: true, via: 'api' }]);
    expect(Object.keys(api.tags(REPO)).sort()).toEqual(['a', 'b', 'c']);
    const [ref, ...more] = referrersOf(api, d);
    expect(more).toEqual([]);
    expect(ref?.digest).toBe(out.stored[0]?.location);
    expect(ref?.doc).toMatchObject({
      artifactType: BUNDLE_TYPE,
      config: { mediaType: 'application/vnd.oci.empty.v1+json' },
      layers: [{ mediaType: BUNDLE_TYPE }],
      subject: { mediaType: OCI_MANIFEST, digest: d, size: imgA.manifest.bytes.length },
      annotations: { 'dev.sigstore.bundle.content': 'dsse-envelope', 'dev.sigstore.bundle.predicateType': SIGN_PREDICATE },
    });
    expect(await statementIn(api, (ref as { doc: ReferrerDoc }).doc)).toMatchObject({ predicateType: SIGN_PREDICATE, subject: [{ digest: { sha256: hexOf(d) } }] });

    api.requests.length = 0;
    const verified = await cli(['verify', at(api, d), '--key', 'alice.pub']);
    expect(verified.code, verified.stderr).toBe(0);
    expect(sawReferrersGet(api, d)).toBe(true);
    expect(JSON.parse(verified.stdout)).toEqual([expect.objectContaining({ predicateType: SIGN_PREDICATE, subject: [{ digest: { sha256: hexOf(d) }, annotations: {} }] })]);
  });

  it('another key → [another-key]', async () => {
    const r = await cli(['verify', at(api, imgA.manifest.digest), '--key', 'bob.pub']);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/signed by another key \[another-key\]/);
  });

  it('attest --storage bundle → verify-attestation by type; another type → [no-matching-type]; verify still sees one signature', async () => {
    const d = imgA.manifest.digest;
    const provenance = {
      buildDefinition: { buildType: 'https://example.com/build/v1', externalParameters: { ref: 'refs/heads/main' } },
      runDetails: { builder: { id: 'https://example.com/builder' } },
    };
    await writeFile(join(tmp, 'f.json'), JSON.stringify(provenance));
    const a = await cli(['attest', at(api, d), '--key', 'alice.key', '--storage', 'bundle', '--type', 'slsaprovenance1', '--predicate', 'f.json']);
    expect(a.code, a.stderr).toBe(0);
    expect(JSON.parse(a.stdout)).toMatchObject({ predicateType: SLSA1, stored: [{ storage: 'bundle', via: 'api' }] });
    expect(Object.keys(api.tags(REPO)).sort()).toEqual(['a', 'b', 'c']);
    const att = referrersOf(api, d).filter((r) => r.doc.annotations['dev.sigstore.bundle.predicateType'] === SLSA1);
    expect(att).toHaveLength(1);
    expect(att[0]?.doc).toMatchObject({ artifactType: BUNDLE_TYPE, annotations: { 'dev.sigstore.bundle.content': 'dsse-envelope' } });

    const v = await cli(['verify-attestation', at(api, d), '--key', 'alice.pub', '--type', 'slsaprovenance1']);
    expect(v.code, v.stderr).toBe(0);
    expect(JSON.parse(v.stdout)).toEqual([expect.objectContaining({ predicateType: SLSA1, predicate: provenance, subject: [expect.objectContaining({ digest: { sha256: hexOf(d) } })] })]);
    const spdx = await cli(['verify-attestation', at(api, d), '--key', 'alice.pub', '--type', 'spdxjson']);
    expect(spdx.code).toBe(1);
    expect(spdx.stderr).toMatch(/\[no-matching-type\]/);
    // The attestation bundle is not taken for a signature.
    const sigs = await cli(['verify', at(api, d), '--key', 'alice.pub']);
    expect(sigs.code, sigs.stderr).toBe(0);
    expect(JSON.parse(sigs.stdout)).toHaveLength(1);
  });

  it('a referrer of image B holding the bundle that signs image A → [wrong-image]', async () => {
    const sig = referrersOf(api, imgA.manifest.digest).find((r) => r.doc.annotations['dev.sigstore.bundle.predicateType'] === SIGN_PREDICATE);
    if (!sig) throw new Error("image A's signature referrer is missing");
    const forB = { ...sig.doc, subject: { mediaType: OCI_MANIFEST, digest: imgB.manifest.digest, size: imgB.manifest.bytes.length } };
    const pushed = await withClient(api, (c) => c.pushReferrer(REPO, Buffer.from(JSON.stringify(forB)), OCI_MANIFEST));
    expect(pushed.via).toBe('api');
    const r = await cli(['verify', at(api, imgB.manifest.digest), '--key', 'alice.pub']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/signature is for another image \[wrong-image\]/);
  });

  it('sign --storage tag writes only the .sig tag: no referrer', async () => {
    const d = imgC.manifest.digest;
    const signed = await cli(['sign', at(api, d), '--key', 'alice.key', '--storage', 'tag']);
    expect(signed.code, signed.stderr).toBe(0);
    expect((JSON.parse(signed.stdout) as { stored: unknown }).stored).toEqual([{ storage: 'tag', location: `${fallbackTag(d)}.sig`, added: true }]);
    expect(referrersOf(api, d)).toEqual([]);
    expect(await withClient(api, (c) => c.getReferrers(REPO, d))).toEqual({ descriptors: [], via: 'api' });
    expect(Object.keys(api.tags(REPO)).sort()).toEqual(['a', 'b', 'c', `${fallbackTag(d)}.sig`]);
    const v = await cli(['verify', at(api, d), '--key', 'alice.pub']);
    expect(v.code, v.stderr).toBe(0);
  });
});

describe('a registry without the referrers API, and copying onto one with it', () => {
  it('sign --storage bundle falls back to the referrers tag; copy --with-signatures to an API registry verifies there through the API', async () => {
    const d = imgA.manifest.digest;
    const signed = await cli(['sign', `${plain.host}/${REPO}:v1`, '--key', 'alice.key', '--storage', 'bundle']);
    expect(signed.code, signed.stderr).toBe(0);
    expect((JSON.parse(signed.stdout) as { stored: unknown }).stored).toEqual([expect.objectContaining({ storage: 'bundle', via: 'tag' })]);
    expect(Object.keys(plain.tags(REPO)).sort()).toEqual([fallbackTag(d), 'v1']);
    expect((await cli(['verify', `${plain.host}/${REPO}:v1`, '--key', 'alice.pub'])).code).toBe(0);

    const copied = await cli(['copy', '-q', '--with-signatures', `${plain.host}/${REPO}:v1`, `${mirror.host}/mirror/app:v1`]);
    expect(copied.code, copied.stderr).toBe(0);
    expect(JSON.parse(copied.stdout)).toMatchObject({ digest: d });
    expect(Object.keys(mirror.tags('mirror/app'))).toEqual(['v1']);
    expect(referrersOf(mirror, d, 'mirror/app')).toHaveLength(1);
    mirror.requests.length = 0;
    const v = await cli(['verify', `${mirror.host}/mirror/app:v1`, '--key', 'alice.pub']);
    expect(v.code, v.stderr).toBe(0);
    expect(sawReferrersGet(mirror, d, 'mirror/app')).toBe(true);
    expect(mirror.requests.some((q) => q.path === `/v2/mirror/app/manifests/${fallbackTag(d)}`)).toBe(false);
  });
});

describe('keyless verification through the CLI (a real public-good bundle stored as a referrer)', () => {
  const KREPO = 'keyless/blob';
  const ROOT = join(FIXTURES, 'public-good-trusted_root.json');
  const IDENTITY = 'aryadeeptade@gmail.com';
  const ISSUER = 'https://github.com/login/oauth';
  let artifact: Buffer;
  let digest: Digest;
  const keyless = (ref: string, extra: string[] = []): Promise<CliResult> =>
    cli(['verify', ref, '--trusted-root', ROOT, '--certificate-identity', IDENTITY, '--certificate-oidc-issuer', ISSUER, ...extra]);

  /** Store `bytes` as a "manifest" (its digest resolves to them) and the bundle as a referrer of it. */
  async function storeSigned(bytes: Buffer, bundle: unknown): Promise<Digest> {
    const d = `sha256:${createHash('sha256').update(bytes).digest('hex')}` as Digest;
    api.putRaw(KREPO, d, 'text/plain', bytes);
    const referrer = bundleReferrerManifest(bundle, { mediaType: 'text/plain', digest: d, size: bytes.length }, 'message-signature', SIGN_PREDICATE, new Date('2026-08-23T00:00:00Z'));
    const { via } = await withClient(api, (c) => pushBundleReferrer(c, KREPO, referrer));
    expect(via).toBe('api');
    return d;
  }

  beforeAll(async () => {
    artifact = await readFile(join(FIXTURES, 'new_bundle.txt'));
    const bundle = JSON.parse(await readFile(join(FIXTURES, 'new_bundle.txt.sigstore.json'), 'utf8')) as unknown;
    digest = await storeSigned(artifact, bundle);
    // The same bundle as the referrer of other bytes: a valid signature, of another artifact.
    await storeSigned(Buffer.from('Sigstore current issuer certificate regression test?\n'), bundle);
  });

  it('a message signature over the stored bytes verifies against the trusted root and the identity', async () => {
    api.requests.length = 0;
    const r = await keyless(at(api, digest, KREPO));
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/1 signature\(s\) of .* verified \(keyless, against the trusted root\)/);
    expect(sawReferrersGet(api, digest, KREPO)).toBe(true);
    expect(JSON.parse(r.stdout)).toEqual([
      {
        messageDigest: { algorithm: 'sha256', digest: hexOf(digest) },
        signer: { kind: 'certificate', subjectAlternativeName: IDENTITY, issuer: ISSUER },
      },
    ]);
    const re = await cli(['verify', at(api, digest, KREPO), '--trusted-root', ROOT, '--certificate-identity-regexp', '^aryadeeptade@gmail\\.com$', '--certificate-oidc-issuer-regexp', '^https://github\\.com/']);
    expect(re.code, re.stderr).toBe(0);
  });

  it('another identity or issuer → [identity]; the bundle on other bytes → [wrong-image]', async () => {
    const who = await cli(['verify', at(api, digest, KREPO), '--trusted-root', ROOT, '--certificate-identity', 'someone@example.com', '--certificate-oidc-issuer', ISSUER]);
    expect(who.code).toBe(1);
    expect(who.stderr).toMatch(/\[identity\]/);
    const issuer = await cli(['verify', at(api, digest, KREPO), '--trusted-root', ROOT, '--certificate-identity', IDENTITY, '--certificate-oidc-issuer', 'https://accounts.google.com']);
    expect(issuer.code).toBe(1);
    expect(issuer.stderr).toMatch(/\[identity\]/);
    const other = Buffer.from('Sigstore current issuer certificate regression test?\n');
    const r = await keyless(at(api, `sha256:${createHash('sha256').update(other).digest('hex')}`, KREPO));
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/\[wrong-image\]/);
  });

  it('a keyless DSSE bundle (npm SLSA provenance) over a sha512-named artifact: verify-attestation passes, by type', async () => {
    const tgz = await readFile(join(FIXTURES, 'sigstore-3.1.0.tgz'));
    const d = `sha512:${createHash('sha512').update(tgz).digest('hex')}` as Digest;
    const repo = 'keyless/npm';
    // The helper keys manifests by sha256: serve the tarball's bytes by its sha512 digest (the client checks them).
    api.intercept = (m, path) => (m === 'GET' && path === `/v2/${repo}/manifests/${d}` ? { status: 200, headers: { 'content-type': 'application/gzip' }, body: tgz } : undefined);
    try {
      const bundle = JSON.parse(await readFile(join(FIXTURES, 'sigstore-3.1.0.sigstore.json'), 'utf8')) as unknown;
      const referrer = bundleReferrerManifest(bundle, { mediaType: 'application/gzip', digest: d, size: tgz.length }, 'dsse-envelope', SLSA1, new Date('2025-01-01T00:00:00Z'));
      expect((await withClient(api, (c) => pushBundleReferrer(c, repo, referrer))).via).toBe('api');
      const who = ['--trusted-root', ROOT, '--certificate-identity', 'https://github.com/sigstore/sigstore-js/.github/workflows/release.yml@refs/heads/main', '--certificate-oidc-issuer', 'https://token.actions.githubusercontent.com'];
      const v = await cli(['verify-attestation', `${api.host}/${repo}@${d}`, '--type', 'slsaprovenance1', ...who]);
      expect(v.code, v.stderr).toBe(0);
      const statements = JSON.parse(v.stdout) as Statement[];
      expect(statements).toHaveLength(1);
      expect(statements[0]).toMatchObject({ predicateType: SLSA1, subject: [{ name: 'pkg:npm/sigstore@3.1.0', digest: { sha512: d.slice('sha512:'.length) } }] });
      const spdx = await cli(['verify-attestation', `${api.host}/${repo}@${d}`, '--type', 'spdxjson', ...who]);
      expect(spdx.code).toBe(1);
      expect(spdx.stderr).toMatch(/\[no-matching-type\]/);
      // An attestation is not a signature.
      const sig = await cli(['verify', `${api.host}/${repo}@${d}`, ...who]);
      expect(sig.code).toBe(1);
      expect(sig.stderr).toMatch(/\[no-signatures\]/);
    } finally {
      api.intercept = undefined;
    }
  });

  it('usage errors: no --certificate-identity; --key together with --trusted-root', async () => {
    const noId = await cli(['verify', at(api, digest, KREPO), '--trusted-root', ROOT, '--certificate-oidc-issuer', ISSUER]);
    expect(noId.code).toBe(2);
    expect(noId.stderr).toMatch(/keyless verification needs --certificate-identity/);
    const both = await cli(['verify', at(api, digest, KREPO), '--key', 'alice.pub', '--trusted-root', ROOT, '--certificate-identity', IDENTITY, '--certificate-oidc-issuer', ISSUER]);
    expect(both.code).toBe(2);
    expect(both.stderr).toMatch(/exactly one/);
  });
});

