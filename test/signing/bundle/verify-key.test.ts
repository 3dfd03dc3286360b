import { X509Certificate } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { bundleForDssePayload, bundleForMessageSignature, hintNamesKey, verifyBundleWithKey, type BundleVerification } from '../../../src/signing/bundle/index.js';
import { keyHint } from '../../../src/signing/key-hint.js';
import { verificationKeyFrom } from '../../../src/signing/keys/algorithms.js';
import { testKeyPair } from '../test-keys.js';
import { copy, fixtureBytes, fixtureJson, flipBase64, keyFromPem, vector, VECTORS } from './fixtures.js';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

function reason(r: BundleVerification): string {
  return r.ok ? 'ok' : r.reason;
}

describe('upstream key-signed bundles (sigstore-js fixtures, cosign verify_blob_attestation_test.go)', () => {
  for (const v of VECTORS.bundles) {
    it(`${v.name} is ${v.expectValid ? 'valid' : 'invalid'}`, () => {
      const artifact = v.artifact === null ? (v.claims ? Buffer.from(v.claims.artifact, 'base64') : undefined) : Buffer.from(v.artifact, 'base64');
      const r = verifyBundleWithKey(v.bundle, keyFromPem(v.publicKeyPem), artifact === undefined ? {} : { artifact });
      expect(r.ok).toBe(v.expectValid);
      if (r.ok && v.claims) {
        expect(r.content.kind).toBe('dsse');
        expect(JSON.parse((r.content as { payload: Buffer }).payload.toString('utf8')).predicateType).toBe(v.claims.predicateType);
      }
    });
  }

  it('reasons: altered artifact, altered payload, garbage signature, another key', () => {
    const message = vector(VECTORS.bundles, 'sigstore-js-v01-message-signature-public-key');
    const tampered = vector(VECTORS.bundles, 'derived-sigstore-js-v01-message-signature-tampered-artifact');
    const r1 = verifyBundleWithKey(tampered.bundle, keyFromPem(tampered.publicKeyPem), { artifact: Buffer.from(tampered.artifact as string, 'base64') });
    expect(r1).toMatchObject({ ok: false, reason: 'artifact' });
    expect(verifyBundleWithKey(message.bundle, keyFromPem(message.publicKeyPem))).toMatchObject({ ok: false, reason: 'artifact', message: expect.stringMatching(/artifact is needed/) as unknown });
    // sigstore-js names its keys "key-1": a hint that does not tell which key signed
    const dsse = vector(VECTORS.bundles, 'derived-sigstore-js-v01-dsse-tampered');
    expect(reason(verifyBundleWithKey(dsse.bundle, keyFromPem(dsse.publicKeyPem)))).toBe('unverified');
    const badSig = vector(VECTORS.bundles, 'cosign-v03-dsse-public-key-bad-sig');
    expect(reason(verifyBundleWithKey(badSig.bundle, keyFromPem(badSig.publicKeyPem)))).toBe('unverified');
    const good = vector(VECTORS.bundles, 'cosign-v03-dsse-public-key');
    const other = vector(VECTORS.bundles, 'sigstore-js-v01-dsse-public-key');
    expect(reason(verifyBundleWithKey(good.bundle, keyFromPem(other.publicKeyPem)))).toBe('unverified');
    // with the claim check: the cosign statement is about "some-payload"
    expect(reason(verifyBundleWithKey(good.bundle, keyFromPem(good.publicKeyPem), { artifact: Buffer.from('another-blob') }))).toBe('artifact');
  });

  it('a flipped signature byte fails for each upstream valid bundle', () => {
    for (const v of VECTORS.bundles.filter((b) => b.expectValid)) {
      const b = copy(v.bundle) as Json;
      if (b.messageSignature) b.messageSignature.signature = flipBase64(b.messageSignature.signature, 10);
      else b.dsseEnvelope.signatures[0].sig = flipBase64(b.dsseEnvelope.signatures[0].sig, 10);
      const artifact = v.artifact === null ? {} : { artifact: Buffer.from(v.artifact, 'base64') };
      expect(verifyBundleWithKey(b, keyFromPem(v.publicKeyPem), artifact).ok, v.name).toBe(false);
    }
  });
});

describe('npm registry publish attestation (real key-signed bundle v0.1 with a Rekor entry)', () => {
  const bundle = fixtureJson('npm-publish-attestation-sigstore-1.3.0.json');
  const npmKey = keyFromPem(fixtureBytes('npm-registry-attestations-key-2023.pem'));

  it('verifies with the npm registry key; the tlog entry is counted, not checked', () => {
    const r = verifyBundleWithKey(bundle, npmKey);
    expect(r).toMatchObject({
      ok: true,
      mediaType: 'application/vnd.dev.sigstore.bundle+json;version=0.1',
      signer: { kind: 'key', hint: 'SHA256:jl3bwswu80PjjokCgh0o2w5c2U4LhQAE57gj9cz1kzA' },
      transparency: { tlogEntries: 1, rfc3161Timestamps: 0, checked: false },
    });
    if (!r.ok || r.content.kind !== 'dsse') throw new Error('expected DSSE');
    expect(JSON.parse(r.content.payload.toString('utf8'))).toMatchObject({ predicateType: 'https://github.com/npm/attestation/tree/main/specs/publish/v0.1', subject: [{ name: 'pkg:npm/sigstore@1.3.0' }] });
  });

  it('does not verify with another key or with a changed payload', () => {
    expect(reason(verifyBundleWithKey(bundle, testKeyPair().verification))).toBe('unverified');
    const b = copy(bundle) as Json;
    b.dsseEnvelope.payload = flipBase64(b.dsseEnvelope.payload, 30);
    expect(reason(verifyBundleWithKey(b, npmKey))).toBe('unverified');
  });
});

describe('reasons from the key hint and the certificate', () => {
  it('our own bundles name our key (cosign hint), so a failure is either "signature" or "key-mismatch"', () => {
    const { signing, verification } = testKeyPair();
    const bundle = bundleForDssePayload(Buffer.from('payload'), 'text/plain', signing) as Json;
    const altered = copy(bundle);
    altered.dsseEnvelope.payload = Buffer.from('PAYLOAD').toString('base64');
    expect(verifyBundleWithKey(altered, verification)).toMatchObject({ ok: false, reason: 'signature', message: expect.stringMatching(/altered/) as unknown });
    expect(verifyBundleWithKey(bundle, testKeyPair().verification)).toMatchObject({ ok: false, reason: 'key-mismatch', message: expect.stringMatching(/another key/) as unknown });
  });

  it('hintNamesKey: cosign base64 (padded or not, URL-safe too) and hex fingerprints name a key; other names do not tell', () => {
    const { verification } = testKeyPair();
    const b64 = keyHint(verification.publicKey);
    expect(hintNamesKey(b64, verification)).toBe(true);
    expect(hintNamesKey(b64.replace(/=+$/, '').replace(/\+/g, '-').replace(/\//g, '_'), verification)).toBe(true);
    expect(hintNamesKey(verification.fingerprint, verification)).toBe(true);
    expect(hintNamesKey(keyHint(testKeyPair().verification.publicKey), verification)).toBe(false);
    for (const hint of ['', 'key-1', 'hint', '9a76331edc1cfd3933040996615b1c06adbe6f9b4f11df4106dcceb66e3bdb1b', 'SHA256:jl3bwswu80PjjokCgh0o2w5c2U4LhQAE57gj9cz1kzA']) {
      expect(hintNamesKey(hint, verification), hint).toBeUndefined();
    }
  });

  it("a certificate bundle verifies with its certificate's key; any other key is a key mismatch", () => {
    const bundle = fixtureJson<Json>('new_bundle.txt.sigstore.json');
    const artifact = fixtureBytes('new_bundle.txt');
    const certKey = new X509Certificate(Buffer.from(bundle.verificationMaterial.certificate.rawBytes, 'base64')).publicKey;
    const r = verifyBundleWithKey(bundle, verificationKeyFrom(certKey, 'certificate key'), { artifact });
    expect(r).toMatchObject({ ok: true, content: { kind: 'message-signature', digestAlgorithm: 'sha256' }, transparency: { tlogEntries: 1, rfc3161Timestamps: 1, checked: false } });
    const other = verifyBundleWithKey(bundle, testKeyPair().verification, { artifact });
    expect(other).toMatchObject({ ok: false, reason: 'key-mismatch', message: expect.stringMatching(/key of its certificate \(email:/) as unknown });
  });
});

describe('malformed bundles', () => {
  const { signing, verification } = testKeyPair();
  const good = bundleForMessageSignature(Buffer.from('x'), signing) as Json;

  const cases: [string, unknown, RegExp][] = [
    ['not JSON', Buffer.from('{"mediaType":'), /not JSON/],
    ['a DSSE envelope, not a bundle', { payloadType: 't', payload: '', signatures: [] }, /mediaType: missing/],
    ['unknown media type', { ...good, mediaType: 'application/json' }, /mediaType: not a Sigstore bundle media type/],
    ['both contents', { ...good, dsseEnvelope: { payloadType: 't', payload: 'eA==', signatures: [{ sig: 'eA==' }] } }, /exactly one of messageSignature, dsseEnvelope/],
    ['no key material', { ...good, verificationMaterial: {} }, /exactly one of publicKey, certificate, x509CertificateChain/],
    ['signature not base64', { ...good, messageSignature: { ...good.messageSignature, signature: 'not base64!' } }, /messageSignature.signature: not base64/],
    ['unknown digest algorithm', { ...good, messageSignature: { ...good.messageSignature, messageDigest: { algorithm: 'MD5', digest: 'eA==' } } }, /unknown hash algorithm/],
    [
      'two envelope signatures',
      { ...good, messageSignature: undefined, dsseEnvelope: { payloadType: 't', payload: 'eA==', signatures: [{ sig: 'eA==' }, { sig: 'eQ==' }] } },
      /exactly one signature, not 2/,
    ],
    ['a certificate that is not DER', { ...good, verificationMaterial: { certificate: { rawBytes: 'AAEC' } } }, /certificate is not X.509 DER/],
    ['a v0.2 bundle whose tlog entry lacks its inclusion proof', { ...copy(vector(VECTORS.bundles, 'sigstore-js-v01-dsse-public-key').bundle), mediaType: 'application/vnd.dev.sigstore.bundle+json;version=0.2' }, /bad verificationMaterial.tlogEntries\[0\].inclusionProof/],
  ];
  for (const [label, input, message] of cases) {
    it(`${label} → malformed`, () => {
      const r = verifyBundleWithKey(input as object, verification, { artifact: Buffer.from('x') });
      expect(r).toMatchObject({ ok: false, reason: 'malformed' });
      expect(r.ok ? '' : r.message).toMatch(message);
    });
  }
});
