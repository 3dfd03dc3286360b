import { describe, expect, it } from 'vitest';
import { isAppError } from '../../../src/core/errors.js';
import { loadTrustedRoot, verifyBundleKeyless, type BundleVerification } from '../../../src/signing/bundle/index.js';
import { parseStatement, predicateTypeFor } from '../../../src/signing/dsse.js';
import { copy, fixtureBytes, fixtureJson, flipBase64, vector, VECTORS } from './fixtures.js';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** The public-good trusted root embedded in sigstore-js (@sigstore/tuf 4.0.2 seeds.json). */
const ROOT_JSON = fixtureJson<Json>('public-good-trusted_root.json');
const ROOT = loadTrustedRoot(ROOT_JSON, 'public-good-trusted_root.json');

/** sigstore-python test/assets/new_bundle.txt.sigstore.json: bundle v0.3, public good, with a TSA timestamp. */
const V03 = fixtureJson<Json>('new_bundle.txt.sigstore.json');
const V03_ARTIFACT = fixtureBytes('new_bundle.txt');
const V03_POLICY = { certificateIdentity: 'aryadeeptade@gmail.com', certificateIssuer: 'https://github.com/login/oauth' };

/** npm provenance of the sigstore@3.1.0 release (bundle v0.2, DSSE SLSA v1, GitHub Actions identity). */
const NPM = fixtureJson<Json>('sigstore-3.1.0.sigstore.json');
const NPM_POLICY = {
  certificateIdentity: 'https://github.com/sigstore/sigstore-js/.github/workflows/release.yml@refs/heads/main',
  certificateIssuer: 'https://token.actions.githubusercontent.com',
};

function reason(r: BundleVerification): string {
  return r.ok ? 'ok' : `${r.reason}`;
}

describe('keyless bundles verified against the public-good trusted root', () => {
  it('bundle v0.3 (message signature, Rekor entry with inclusion proof and SET, RFC 3161 timestamp) verifies', () => {
    const r = verifyBundleKeyless(V03, ROOT, V03_POLICY, { artifact: V03_ARTIFACT });
    expect(r).toEqual({
      ok: true,
      mediaType: 'application/vnd.dev.sigstore.bundle.v0.3+json',
      content: { kind: 'message-signature', digestAlgorithm: 'sha256', digest: 'a7ddbbe3faad1e9646f07d92311ba950d10c2c4441e58ea9935da8dd701794da' },
      signer: { kind: 'certificate', subjectAlternativeName: 'aryadeeptade@gmail.com', issuer: 'https://github.com/login/oauth' },
      transparency: { tlogEntries: 1, rfc3161Timestamps: 1, checked: true },
    });
  });

  it('the sigstore@3.1.0 npm provenance (DSSE, in-toto v1 SLSA provenance) verifies with its release workflow identity', () => {
    const r = verifyBundleKeyless(Buffer.from(JSON.stringify(NPM)), ROOT_JSON, NPM_POLICY);
    expect(r).toMatchObject({ ok: true, signer: { subjectAlternativeName: NPM_POLICY.certificateIdentity, issuer: NPM_POLICY.certificateIssuer }, transparency: { tlogEntries: 1, checked: true } });
    if (!r.ok || r.content.kind !== 'dsse') throw new Error('expected DSSE');
    const statement = parseStatement(r.content.payload, 'npm provenance');
    expect(statement.predicateType).toBe(predicateTypeFor('slsaprovenance1'));
    expect(statement.subject[0]?.name).toBe('pkg:npm/sigstore@3.1.0');
  });

  it('verifies without a policy and reports the identity it found', () => {
    expect(verifyBundleKeyless(NPM, ROOT)).toMatchObject({ ok: true, signer: { kind: 'certificate', subjectAlternativeName: NPM_POLICY.certificateIdentity } });
  });
});

describe('identity policy', () => {
  it('another identity or issuer → identity', () => {
    expect(verifyBundleKeyless(NPM, ROOT, { ...NPM_POLICY, certificateIdentity: 'https://github.com/sigstore/cosign/.github/workflows/release.yml@refs/heads/main' })).toMatchObject({
      ok: false,
      reason: 'identity',
      message: expect.stringMatching(/issued to https:\/\/github.com\/sigstore\/sigstore-js\/.+, not https:\/\/github.com\/sigstore\/cosign/) as unknown,
    });
    expect(reason(verifyBundleKeyless(V03, ROOT, { ...V03_POLICY, certificateIssuer: 'https://accounts.google.com' }, { artifact: V03_ARTIFACT }))).toBe('identity');
  });

  it('a string identity must be equal, not a substring or an unanchored pattern; a RegExp is the caller’s own pattern', () => {
    for (const partial of ['https://github.com/sigstore/sigstore-js', 'release.yml@refs/heads/main', 'https://github.com/sigstore/sigstore.js/.github/workflows/release.yml@refs/heads/main']) {
      expect(reason(verifyBundleKeyless(NPM, ROOT, { certificateIdentity: partial })), partial).toBe('identity');
    }
    expect(reason(verifyBundleKeyless(NPM, ROOT, { certificateIdentity: /^https:\/\/github\.com\/sigstore\/sigstore-js\/\.github\/workflows\/release\.yml@refs\/heads\/main$/ }))).toBe('ok');
    expect(reason(verifyBundleKeyless(NPM, ROOT, { certificateIdentity: /^https:\/\/github\.com\/sigstore\/cosign\// }))).toBe('identity');
  });
});

describe('tampered keyless bundles fail with the right reason', () => {
  it('another artifact, or none → artifact', () => {
    expect(reason(verifyBundleKeyless(V03, ROOT, V03_POLICY, { artifact: Buffer.from('Sigstore current issuer certificate regression test!\n') }))).toBe('artifact');
    expect(reason(verifyBundleKeyless(V03, ROOT, V03_POLICY))).toBe('artifact');
  });

  it('a flipped signature byte → signature (the TSA and Rekor checks fail too, the cause is the signature)', () => {
    const b = copy(V03);
    b.messageSignature.signature = flipBase64(b.messageSignature.signature, 20);
    expect(reason(verifyBundleKeyless(b, ROOT, V03_POLICY, { artifact: V03_ARTIFACT }))).toBe('signature');
    const n = copy(NPM);
    n.dsseEnvelope.signatures[0].sig = flipBase64(n.dsseEnvelope.signatures[0].sig, 20);
    expect(reason(verifyBundleKeyless(n, ROOT, NPM_POLICY))).toBe('signature');
  });

  it('a flipped payload byte in the envelope → signature', () => {
    const n = copy(NPM);
    n.dsseEnvelope.payload = flipBase64(n.dsseEnvelope.payload, 100);
    expect(verifyBundleKeyless(n, ROOT, NPM_POLICY)).toMatchObject({ ok: false, reason: 'signature', message: expect.stringMatching(/altered/) as unknown });
  });

  it('a trusted root without the Fulcio CA → certificate', () => {
    const root = { ...ROOT_JSON, certificateAuthorities: [] };
    expect(verifyBundleKeyless(V03, root, V03_POLICY, { artifact: V03_ARTIFACT })).toMatchObject({ ok: false, reason: 'certificate', message: expect.stringMatching(/not trusted/) as unknown });
  });

  it('a trusted root without CT logs (no SCT verifies) → certificate', () => {
    expect(reason(verifyBundleKeyless(NPM, { ...ROOT_JSON, ctlogs: [] }, NPM_POLICY))).toBe('certificate');
  });

  it('a trusted root without Rekor keys, a bundle without entries, an altered SET or inclusion proof → tlog', () => {
    expect(reason(verifyBundleKeyless(NPM, { ...ROOT_JSON, tlogs: [] }, NPM_POLICY))).toBe('tlog');
    const noEntries = copy(V03);
    noEntries.verificationMaterial.tlogEntries = [];
    expect(reason(verifyBundleKeyless(noEntries, ROOT, V03_POLICY, { artifact: V03_ARTIFACT }))).toBe('tlog');
    const badSet = copy(NPM);
    const entry = badSet.verificationMaterial.tlogEntries[0];
    entry.inclusionPromise.signedEntryTimestamp = flipBase64(entry.inclusionPromise.signedEntryTimestamp, 12);
    expect(reason(verifyBundleKeyless(badSet, ROOT, NPM_POLICY))).toBe('tlog');
    const badProof = copy(NPM);
    badProof.verificationMaterial.tlogEntries[0].inclusionProof.hashes[3] = flipBase64(badProof.verificationMaterial.tlogEntries[0].inclusionProof.hashes[3], 0);
    expect(reason(verifyBundleKeyless(badProof, ROOT, NPM_POLICY))).toBe('tlog');
  });

  it('a trusted root without the timestamp authority → timestamp', () => {
    expect(verifyBundleKeyless(V03, { ...ROOT_JSON, timestampAuthorities: [] }, V03_POLICY, { artifact: V03_ARTIFACT })).toMatchObject({ ok: false, reason: 'timestamp' });
  });

  it('a key-signed bundle is not for keyless verification', () => {
    const keyed = vector(VECTORS.bundles, 'cosign-v03-dsse-public-key').bundle;
    expect(verifyBundleKeyless(keyed, ROOT)).toMatchObject({ ok: false, reason: 'unsupported', message: expect.stringMatching(/signed with a key \(hint "hint"\)/) as unknown });
  });
});

describe('loadTrustedRoot', () => {
  for (const [label, input, message] of [
    ['not JSON', '{', /^my-root.json: not JSON/],
    ['a bundle instead', JSON.stringify(V03), /not a Sigstore trusted root: mediaType: not a Sigstore trusted root media type/],
    ['a log key that is not base64', { ...ROOT_JSON, tlogs: [{ ...ROOT_JSON.tlogs[0], publicKey: { ...ROOT_JSON.tlogs[0].publicKey, rawBytes: '!!' } }] }, /tlogs.0.publicKey.rawBytes: not base64/],
    ['a log key that is not a key', { ...ROOT_JSON, tlogs: [{ ...ROOT_JSON.tlogs[0], publicKey: { ...ROOT_JSON.tlogs[0].publicKey, rawBytes: 'AAAA' } }] }, /cannot be read/],
  ] as const) {
    it(`${label} → AppError INPUT naming the file`, () => {
      try {
        loadTrustedRoot(input, 'my-root.json');
        throw new Error('expected a throw');
      } catch (err) {
        expect(isAppError(err) && err.code === 'INPUT').toBe(true);
        expect((err as Error).message).toMatch(message);
        expect((err as Error).message.startsWith('my-root.json: ')).toBe(true);
      }
    });
  }
});
