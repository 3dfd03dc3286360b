/**
 * OCI 1.1 referrers through the referrers API, against the in-process registry of
 * test/helpers/oci-registry.ts (distribution 2.8 has no such API), and the same registry without the
 * API for the fallback; registries that answer badly.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { sha256Digest } from '../../../src/core/digest.js';
import { RegistryClient } from '../../../src/image/registry/client.js';
import { referrersTag } from '../../../src/image/registry/referrers.js';
import { startOciRegistry, type OciRegistry, type OciRegistryOptions } from '../../helpers/oci-registry.js';
import { BUNDLE_TYPE, OCI_INDEX, OCI_MANIFEST, SBOM_CONFIG_TYPE, makeArtifact, pushSubject } from './referrer-fixture.js';
import { failure } from '../../helpers/app-error.js';

const REPO = 'team/app';
let reg: OciRegistry | undefined;
let client: RegistryClient | undefined;

async function start(opts: OciRegistryOptions): Promise<{ reg: OciRegistry; c: RegistryClient }> {
  reg = await startOciRegistry(opts);
  client = new RegistryClient(reg.host, { retry: { attempts: 1 } });
  return { reg, c: client };
}

afterEach(async () => {
  await client?.close();
  await reg?.stop();
  client = undefined;
  reg = undefined;
});

const referrerRequests = (r: OciRegistry): string[] => r.requests.filter((q) => q.path.includes('/referrers/')).map((q) => q.path);

describe('referrers API', () => {
  it('pushes referrers the registry indexes itself (via api, no referrers tag) and lists them', async () => {
    const { reg, c } = await start({ referrers: true });
    const subject = await pushSubject(c, REPO, 'v1');
    const sig = await makeArtifact(c, REPO, { subject, artifactType: BUNDLE_TYPE, annotations: { k: 'v' } });
    const sbom = await makeArtifact(c, REPO, { subject });
    expect(await c.pushReferrer(REPO, sig.bytes, OCI_MANIFEST)).toEqual({ digest: sig.digest, via: 'api' });
    expect(await c.pushReferrer(REPO, sbom.bytes, OCI_MANIFEST)).toEqual({ digest: sbom.digest, via: 'api' });
    expect(Object.keys(reg.tags(REPO))).toEqual(['v1']);
    expect(await c.getReferrers(REPO, subject.digest)).toEqual({ descriptors: [sig.expected, sbom.expected], via: 'api' });
    expect(await c.getReferrers(REPO, sha256Digest('no such subject'))).toEqual({ descriptors: [], via: 'api' });
    expect(await c.pushReferrer(REPO, sig.bytes, OCI_MANIFEST)).toEqual({ digest: sig.digest, via: 'api' });
    expect((await c.getReferrers(REPO, subject.digest)).descriptors).toHaveLength(2);
  });

  it.each([true, false])('filters by artifactType (registry applies the filter: %s)', async (applies) => {
    const { reg, c } = await start({ referrers: true, applyArtifactTypeFilter: applies });
    const subject = await pushSubject(c, REPO, 'v1');
    const sig = await makeArtifact(c, REPO, { subject, artifactType: BUNDLE_TYPE });
    const sbom = await makeArtifact(c, REPO, { subject });
    for (const a of [sig, sbom]) await c.pushReferrer(REPO, a.bytes, OCI_MANIFEST);
    expect(await c.getReferrers(REPO, subject.digest, { artifactType: BUNDLE_TYPE })).toEqual({ descriptors: [sig.expected], via: 'api' });
    expect(await c.getReferrers(REPO, subject.digest, { artifactType: SBOM_CONFIG_TYPE })).toEqual({ descriptors: [sbom.expected], via: 'api' });
    expect(referrerRequests(reg)).toContain(`/v2/${REPO}/referrers/${subject.digest}?artifactType=${encodeURIComponent(BUNDLE_TYPE)}`);
  });

  it('follows Link pages', async () => {
    const { reg, c } = await start({ referrers: true, referrersPageSize: 2 });
    const subject = await pushSubject(c, REPO, 'v1');
    const expected = [];
    for (let i = 0; i < 5; i++) {
      const a = await makeArtifact(c, REPO, { subject, artifactType: i % 2 ? BUNDLE_TYPE : 'application/vnd.in-toto+json' });
      await c.pushReferrer(REPO, a.bytes, OCI_MANIFEST);
      expected.push(a.expected);
    }
    reg.requests.length = 0;
    expect(await c.getReferrers(REPO, subject.digest)).toEqual({ descriptors: expected, via: 'api' });
    expect(referrerRequests(reg)).toHaveLength(3);
    expect((await c.getReferrers(REPO, subject.digest, { artifactType: BUNDLE_TYPE })).descriptors).toEqual([expected[1], expected[3]]);
  });

  it('lists an index referrer: typed by its artifactType, untyped without one', async () => {
    const { c } = await start({ referrers: true });
    const subject = await pushSubject(c, REPO, 'v1');
    const index = (artifactType?: string): Buffer =>
      Buffer.from(
        JSON.stringify({
          schemaVersion: 2,
          mediaType: OCI_INDEX,
          ...(artifactType ? { artifactType } : {}),
          manifests: [{ mediaType: OCI_MANIFEST, digest: subject.digest, size: subject.size }],
          subject: { mediaType: OCI_MANIFEST, digest: subject.digest, size: subject.size },
        }),
      );
    const typed = index('application/x-bundle-set');
    const untyped = index();
    await c.pushReferrer(REPO, typed, OCI_INDEX);
    await c.pushReferrer(REPO, untyped, OCI_INDEX);
    expect((await c.getReferrers(REPO, subject.digest)).descriptors).toEqual([
      { mediaType: OCI_INDEX, digest: sha256Digest(typed), size: typed.length, artifactType: 'application/x-bundle-set' },
      { mediaType: OCI_INDEX, digest: sha256Digest(untyped), size: untyped.length },
    ]);
  });
});

describe('referrers without the API', () => {
  it('falls back to the referrers tag: pushed, listed, filtered, idempotent; none for a subject without referrers', async () => {
    const { reg, c } = await start({ referrers: false });
    const subject = await pushSubject(c, REPO, 'v1');
    expect(await c.getReferrers(REPO, subject.digest)).toEqual({ descriptors: [], via: 'none' });
    const sig = await makeArtifact(c, REPO, { subject, artifactType: BUNDLE_TYPE });
    const sbom = await makeArtifact(c, REPO, { subject });
    for (const a of [sig, sbom, sig]) expect((await c.pushReferrer(REPO, a.bytes, OCI_MANIFEST)).via).toBe('tag');
    expect(Object.keys(reg.tags(REPO)).sort()).toEqual([referrersTag(subject.digest), 'v1']);
    expect(await c.getReferrers(REPO, subject.digest)).toEqual({ descriptors: [sig.expected, sbom.expected], via: 'tag' });
    expect(await c.getReferrers(REPO, subject.digest, { artifactType: SBOM_CONFIG_TYPE })).toEqual({ descriptors: [sbom.expected], via: 'tag' });
    // The index was written twice (two new referrers), not a third time for the repeated push.
    const indexes = reg.manifests(REPO).filter((m) => m.mediaType === OCI_INDEX);
    expect(indexes).toHaveLength(2);
  });

  it('falls back when the referrers endpoint answers 200 with something that is not an image index', async () => {
    const { reg, c } = await start({ referrers: false });
    reg.intercept = (_m, path) => (path.includes('/referrers/') ? { status: 200, headers: { 'content-type': 'text/html' }, body: '<html>login</html>' } : undefined);
    const subject = await pushSubject(c, REPO, 'v1');
    const sig = await makeArtifact(c, REPO, { subject, artifactType: BUNDLE_TYPE });
    await c.pushReferrer(REPO, sig.bytes, OCI_MANIFEST);
    expect(await c.getReferrers(REPO, subject.digest)).toEqual({ descriptors: [sig.expected], via: 'tag' });
  });
});

describe('bad answers and bad input', () => {
  const answer = (body: string, headers: Record<string, string> = {}) => ({ status: 200, headers: { 'content-type': OCI_INDEX, ...headers }, body });

  it('refuses a referrers API answer that is not a valid index, naming the problem', async () => {
    const { reg, c } = await start({ referrers: true });
    const subject = sha256Digest('subject');
    reg.intercept = (_m, path) => (path.includes('/referrers/') ? answer('{"schemaVersion":2,"manifests":[') : undefined);
    let err = await failure(c.getReferrers(REPO, subject));
    expect(err.code).toBe('REGISTRY');
    expect(err.message).toBe(`${reg.host}/${REPO}@${subject}: referrers (page 1) is not valid JSON (it ends too early)`);
    reg.intercept = (_m, path) =>
      path.includes('/referrers/') ? answer(JSON.stringify({ schemaVersion: 2, mediaType: OCI_INDEX, manifests: [{ mediaType: OCI_MANIFEST, digest: 'sha256:zz', size: -1 }] })) : undefined;
    err = await failure(c.getReferrers(REPO, subject));
    expect(err.code).toBe('REGISTRY');
    expect(err.message).toMatch(/referrers \(page 1\) is not a valid OCI image index: manifests\.0\.digest: .*; manifests\.0\.size: /);
  });

  it('refuses pages that loop', async () => {
    const { reg, c } = await start({ referrers: true });
    const subject = sha256Digest('subject');
    const empty = JSON.stringify({ schemaVersion: 2, mediaType: OCI_INDEX, manifests: [] });
    reg.intercept = (_m, path) => (path.includes('/referrers/') ? answer(empty, { link: `<${path}>; rel="next"` }) : undefined);
    const err = await failure(c.getReferrers(REPO, subject));
    expect([err.code, err.message]).toEqual(['REGISTRY', `${reg.host}/${REPO}@${subject}: referrers: the referrers pages loop`]);
  });

  it('refuses a referrers tag that is not JSON, for listing and for pushing, and leaves it as it was', async () => {
    const { reg, c } = await start({ referrers: false });
    const subject = await pushSubject(c, REPO, 'v1');
    const tag = referrersTag(subject.digest);
    reg.putRaw(REPO, tag, OCI_INDEX, 'not json');
    const err = await failure(c.getReferrers(REPO, subject.digest));
    expect([err.code, err.message]).toEqual(['REGISTRY', `${reg.host}/${REPO}:${tag}: referrers tag index is not valid JSON (syntax error)`]);
    const a = await makeArtifact(c, REPO, { subject, artifactType: BUNDLE_TYPE });
    expect((await failure(c.pushReferrer(REPO, a.bytes, OCI_MANIFEST))).code).toBe('REGISTRY');
    expect(reg.tags(REPO)[tag]).toBe(sha256Digest('not json'));
  });

  it('refuses manifests that cannot be referrers, before sending anything', async () => {
    const { reg, c } = await start({ referrers: true });
    const subject = await pushSubject(c, REPO, 'v1');
    const a = await makeArtifact(c, REPO, { subject, artifactType: BUNDLE_TYPE });
    const doc = JSON.parse(a.bytes.toString('utf8')) as Record<string, unknown>;
    const noSubject = Buffer.from(JSON.stringify({ ...doc, subject: undefined }));
    const cases: [Buffer, string, RegExp][] = [
      [noSubject, OCI_MANIFEST, /is not a valid OCI image manifest with a subject: subject: /],
      [a.bytes, OCI_INDEX, /its mediaType "application\/vnd.oci.image.manifest.v1\+json" differs from the media type to push it with/],
      [a.bytes, 'application/vnd.docker.distribution.manifest.v2+json', /is not an OCI image manifest or index/],
      [Buffer.from('{"schemaVersion":'), OCI_MANIFEST, /is not valid JSON/],
    ];
    reg.requests.length = 0;
    for (const [bytes, mediaType, message] of cases) {
      const err = await failure(c.pushReferrer(REPO, bytes, mediaType));
      expect(err.code).toBe('INPUT');
      expect(err.message).toMatch(message);
    }
    expect(reg.requests).toEqual([]);
    expect((await failure(c.getReferrers(REPO, 'sha256:abc' as never))).code).toBe('INPUT');
  });
});
