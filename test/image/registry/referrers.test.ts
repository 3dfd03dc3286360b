/**
 * OCI 1.1 referrers against the REAL distribution 2.8 (Debian `docker-registry`), which has no
 * referrers API: everything goes through the referrers tag schema. It also shows that 2.8 stores OCI
 * manifests with `subject`, `artifactType` and the empty config as they are.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sha256Digest } from '../../../src/core/digest.js';
import type { AppError } from '../../../src/core/errors.js';
import { RegistryClient } from '../../../src/image/registry/client.js';
import type { RegistryClientOptions } from '../../../src/image/registry/options.js';
import { referrersTag } from '../../../src/image/registry/referrers.js';
import { startRegistry, type RegistryAuth, type RegistryServer } from '../../helpers/registry-server.js';
import { BUNDLE_TYPE, EMPTY, OCI_INDEX, OCI_MANIFEST, SBOM_CONFIG_TYPE, makeArtifact, pushSubject } from './referrer-fixture.js';

const RETRY = { attempts: 2, baseDelayMs: 10, maxDelayMs: 20 };

describe('referrersTag (distribution spec "Referrers Tag Schema" examples)', () => {
  it('cuts the algorithm to 32 and the encoded part to 64 characters, replacing what a tag cannot hold', () => {
    const a64 = 'a'.repeat(64);
    expect(referrersTag(`sha256:${a64}`)).toBe(`sha256-${a64}`);
    expect(referrersTag(`sha512:${'a'.repeat(128)}`)).toBe(`sha512-${a64}`);
    expect(
      referrersTag(
        'test+algorithm+using+algorithm+separators+and+lots+of+characters+to+excercise+overall+truncation:alsoSome=InTheEncodedSectionToShowHyphenReplacementAndLotsAndLotsOfCharactersToExcerciseEncodedTruncation',
      ),
    ).toBe('test-algorithm-using-algorithm-s-alsoSome-InTheEncodedSectionToShowHyphenReplacementAndLotsAndLot');
  });

  it('knows the empty descriptor of the image spec', () => {
    expect(sha256Digest(Buffer.from('{}'))).toBe(EMPTY.digest);
  });
});

describe.each<RegistryAuth>(['none', 'htpasswd', 'token'])('referrers on distribution 2.8 (auth: %s)', (auth) => {
  let reg: RegistryServer;
  let c: RegistryClient;
  const repo = 'team/signed';

  beforeAll(async () => {
    reg = await startRegistry({ auth });
    const opts: RegistryClientOptions = { retry: RETRY, ...(reg.username ? { username: reg.username, password: reg.password as string } : {}) };
    c = new RegistryClient(reg.host, opts);
  });

  afterAll(async () => {
    await c?.close();
    await reg?.stop();
  });

  it('keeps referrers in the referrers tag index: two pushed, both listed, filtered, re-push changes nothing', async () => {
    const subject = await pushSubject(c, repo, 'v1');
    const sig = await makeArtifact(c, repo, { subject, artifactType: BUNDLE_TYPE, annotations: { 'dev.sigstore.bundle.content': 'message-signature' } });
    const sbom = await makeArtifact(c, repo, { subject });

    expect(await c.pushReferrer(repo, sig.bytes, OCI_MANIFEST)).toEqual({ digest: sig.digest, via: 'tag' });
    expect(await c.pushReferrer(repo, sbom.bytes, OCI_MANIFEST)).toEqual({ digest: sbom.digest, via: 'tag' });

    // The registry stored both artifacts byte for byte, and the tag is an OCI index listing them.
    for (const a of [sig, sbom]) expect((await c.getManifest(repo, a.digest)).body.equals(a.bytes)).toBe(true);
    const tag = `sha256-${subject.digest.slice('sha256:'.length)}`;
    const index = await c.getManifest(repo, tag);
    expect(index.mediaType).toBe(OCI_INDEX);
    expect(JSON.parse(index.body.toString('utf8'))).toEqual({ schemaVersion: 2, mediaType: OCI_INDEX, manifests: [sig.expected, sbom.expected] });

    expect(await c.getReferrers(repo, subject.digest)).toEqual({ descriptors: [sig.expected, sbom.expected], via: 'tag' });
    expect(await c.getReferrers(repo, subject.digest, { artifactType: BUNDLE_TYPE })).toEqual({ descriptors: [sig.expected], via: 'tag' });
    expect(await c.getReferrers(repo, subject.digest, { artifactType: SBOM_CONFIG_TYPE })).toEqual({ descriptors: [sbom.expected], via: 'tag' });
    expect(await c.getReferrers(repo, subject.digest, { artifactType: 'application/x-none' })).toEqual({ descriptors: [], via: 'tag' });

    expect(await c.pushReferrer(repo, sig.bytes, OCI_MANIFEST)).toEqual({ digest: sig.digest, via: 'tag' });
    expect(await c.manifestExists(repo, tag)).toBe(index.digest);
    expect((await c.getReferrers(repo, subject.digest)).descriptors).toEqual([sig.expected, sbom.expected]);
  });

  it('lists nothing for a subject without referrers (via none), and referrers of one subject only', async () => {
    const lonely = await pushSubject(c, repo, 'lonely');
    expect(await c.getReferrers(repo, lonely.digest)).toEqual({ descriptors: [], via: 'none' });
    const other = await pushSubject(c, repo, 'other');
    const att = await makeArtifact(c, repo, { subject: other, artifactType: 'application/vnd.in-toto+json' });
    await c.pushReferrer(repo, att.bytes, OCI_MANIFEST);
    expect(await c.getReferrers(repo, lonely.digest)).toEqual({ descriptors: [], via: 'none' });
    expect((await c.getReferrers(repo, other.digest)).descriptors).toEqual([att.expected]);
  });

  it('accepts a referrer whose subject is not in the registry (the spec allows it)', async () => {
    const ghost = { bytes: Buffer.alloc(0), digest: sha256Digest('not pushed'), size: 10 };
    const a = await makeArtifact(c, repo, { subject: ghost, artifactType: BUNDLE_TYPE });
    expect(await c.pushReferrer(repo, a.bytes, OCI_MANIFEST)).toEqual({ digest: a.digest, via: 'tag' });
    expect(await c.getReferrers(repo, ghost.digest)).toEqual({ descriptors: [a.expected], via: 'tag' });
  });

  it('tells whether a manifest exists, by tag and by digest', async () => {
    const s = await pushSubject(c, repo, 'exists');
    expect(await c.manifestExists(repo, 'exists')).toBe(s.digest);
    expect(await c.manifestExists(repo, s.digest)).toBe(s.digest);
    expect(await c.manifestExists(repo, 'missing')).toBeUndefined();
    expect(await c.manifestExists(repo, sha256Digest('missing'))).toBeUndefined();
    expect(await c.manifestExists('team/nothing-here', 'v1')).toBeUndefined();
  });

  it('refuses a referrers tag that holds an image manifest, for reading and for pushing, and leaves it alone', async () => {
    const subject = await pushSubject(c, repo, 'squatted');
    const squatter = await pushSubject(c, repo, referrersTag(subject.digest));
    const err = (await c.getReferrers(repo, subject.digest).catch((e: unknown) => e)) as AppError;
    expect(err.code).toBe('REGISTRY');
    expect(err.message).toContain(`${reg.host}/${repo}:${referrersTag(subject.digest)}: referrers tag index is a ${OCI_MANIFEST}, not an OCI image index`);
    const a = await makeArtifact(c, repo, { subject, artifactType: BUNDLE_TYPE });
    expect(((await c.pushReferrer(repo, a.bytes, OCI_MANIFEST).catch((e: unknown) => e)) as AppError).code).toBe('REGISTRY');
    expect(await c.manifestExists(repo, referrersTag(subject.digest))).toBe(squatter.digest);
  });
});
