import { createHash } from 'node:crypto';
import { bundleFromJSON } from '@sigstore/bundle';
import { toSignedEntity, Verifier, type TrustMaterial } from '@sigstore/verify';
import { describe, expect, it } from 'vitest';
import { sha256Digest } from '../../../src/core/digest.js';
import { isAppError } from '../../../src/core/errors.js';
import { bundleForDsse, bundleForDssePayload, bundleForImageSignature, bundleForMessageSignature, cosignSignStatement, verifyBundleWithKey } from '../../../src/signing/bundle/index.js';
import { COSIGN_SIGN_PREDICATE_TYPE } from '../../../src/signing/bundle-referrer.js';
import { IN_TOTO_STATEMENT_V1, parseStatement, signEnvelope } from '../../../src/signing/dsse.js';
import { keyHint } from '../../../src/signing/key-hint.js';
import type { SigningKey } from '../../../src/signing/keys/types.js';
import { testKeyPair } from '../test-keys.js';

/** @sigstore/verify's own Verifier with only this key trusted and no tlog/timestamp requirement. */
function sigstoreJsVerifies(bundleJson: unknown, key: SigningKey, artifact?: Buffer): boolean {
  const trust: TrustMaterial = {
    certificateAuthorities: [],
    timestampAuthorities: [],
    tlogs: [],
    ctlogs: [],
    publicKey: () => ({ publicKey: key.publicKey, validFor: () => true }),
  };
  try {
    new Verifier(trust, { tlogThreshold: 0, ctlogThreshold: 0, timestampThreshold: 0 }).verify(toSignedEntity(bundleFromJSON(bundleJson), artifact));
    return true;
  } catch {
    return false;
  }
}

describe('bundleForMessageSignature', () => {
  it('writes a key-signed bundle v0.3 with no tlog entries, cosign key hint and the sha256 message digest', () => {
    const { signing, verification } = testKeyPair();
    const blob = Buffer.from('some-payload');
    const bundle = bundleForMessageSignature(blob, signing);
    expect(bundle.mediaType).toBe('application/vnd.dev.sigstore.bundle.v0.3+json');
    expect(bundle.verificationMaterial).toEqual({ publicKey: { hint: keyHint(signing.publicKey) } });
    expect(bundle.messageSignature?.messageDigest).toEqual({ algorithm: 'SHA2_256', digest: createHash('sha256').update(blob).digest('base64') });
    expect(bundle.dsseEnvelope).toBeUndefined();
    const serialized = JSON.parse(JSON.stringify(bundle)) as unknown;
    expect(verifyBundleWithKey(serialized, verification, { artifact: blob })).toMatchObject({ ok: true, signer: { kind: 'key', hint: keyHint(signing.publicKey) } });
    expect(sigstoreJsVerifies(serialized, signing, blob)).toBe(true);
    expect(sigstoreJsVerifies(serialized, signing, Buffer.from('other'))).toBe(false);
  });

  it('uses the digest sigstore registers for the key type (P-384 → SHA2_384, Ed25519 → SHA2_512) and a given hint', () => {
    const p384 = testKeyPair('ec', 'P-384');
    const b384 = bundleForMessageSignature(Buffer.from('x'), p384.signing, 'my-key');
    expect(b384.messageSignature?.messageDigest?.algorithm).toBe('SHA2_384');
    expect(b384.verificationMaterial.publicKey).toEqual({ hint: 'my-key' });
    expect(verifyBundleWithKey(b384, p384.verification, { artifact: Buffer.from('x') }).ok).toBe(true);
    expect(sigstoreJsVerifies(JSON.parse(JSON.stringify(b384)), p384.signing, Buffer.from('x'))).toBe(true);
    const ed = testKeyPair('ed25519');
    const bed = bundleForMessageSignature(Buffer.from('x'), ed.signing);
    expect(bed.messageSignature?.messageDigest?.algorithm).toBe('SHA2_512');
    expect(verifyBundleWithKey(bed, ed.verification, { artifact: Buffer.from('x') }).ok).toBe(true);
  });
});

describe('bundleForDsse', () => {
  it('wraps a signed envelope as is (its keyid too) and verifies with @sigstore/verify as well', () => {
    const { signing, verification } = testKeyPair();
    const env = signEnvelope(Buffer.from('{"k":"v"}'), 'application/vnd.in-toto+json', signing, 'kid');
    const bundle = bundleForDsse(env, signing);
    expect(bundle.dsseEnvelope).toEqual({ payload: env.payload, payloadType: env.payloadType, signatures: [{ sig: env.signatures[0]?.sig, keyid: 'kid' }] });
    expect(bundleFromJSON(bundle).mediaType).toBe('application/vnd.dev.sigstore.bundle.v0.3+json');
    const result = verifyBundleWithKey(JSON.stringify(bundle), verification);
    expect(result).toMatchObject({ ok: true, content: { kind: 'dsse', payloadType: 'application/vnd.in-toto+json', payload: Buffer.from('{"k":"v"}') } });
    expect(sigstoreJsVerifies(bundle, signing)).toBe(true);
  });

  it('refuses an envelope with other than one signature', () => {
    const { signing } = testKeyPair();
    const env = signEnvelope(Buffer.from('x'), 'text/plain', signing);
    for (const signatures of [[], [...env.signatures, ...env.signatures]]) {
      try {
        bundleForDsse({ ...env, signatures }, signing);
        throw new Error('expected a throw');
      } catch (err) {
        expect(isAppError(err) && err.code === 'INPUT').toBe(true);
        expect((err as Error).message).toMatch(/exactly one signature/);
      }
    }
  });

  it('bundleForDssePayload signs and wraps in one step', () => {
    const { signing, verification } = testKeyPair('ec', 'P-521');
    const bundle = bundleForDssePayload(Buffer.from('hello'), 'text/plain', signing);
    expect(verifyBundleWithKey(bundle, verification)).toMatchObject({ ok: true, content: { kind: 'dsse', payload: Buffer.from('hello') } });
  });
});

describe('bundleForImageSignature (cosign sign --new-bundle-format)', () => {
  const digest = sha256Digest('a manifest');

  it('signs cosign v3 image-signature statement: in-toto v1, nameless subject with annotations, sign/v1 predicate', () => {
    const statement = cosignSignStatement(digest, { env: 'prod' });
    expect(JSON.stringify(statement)).toBe(
      `{"_type":"${IN_TOTO_STATEMENT_V1}","subject":[{"digest":{"sha256":"${digest.slice(7)}"},"annotations":{"env":"prod"}}],"predicateType":"${COSIGN_SIGN_PREDICATE_TYPE}","predicate":{}}`,
    );
    expect(cosignSignStatement(digest).subject[0].annotations).toEqual({});
    const { signing, verification } = testKeyPair();
    const bundle = bundleForImageSignature(digest, signing, { annotations: { env: 'prod' } });
    expect(bundle.dsseEnvelope?.payloadType).toBe('application/vnd.in-toto+json');
    expect(bundle.dsseEnvelope?.signatures).toEqual([{ sig: expect.any(String) as unknown }]);
    const verified = verifyBundleWithKey(bundle, verification);
    if (!verified.ok || verified.content.kind !== 'dsse') throw new Error('expected a verified DSSE bundle');
    const parsed = parseStatement(verified.content.payload, 'bundle');
    expect(parsed.predicateType).toBe(COSIGN_SIGN_PREDICATE_TYPE);
    expect(parsed.subject).toEqual([{ digest: { sha256: digest.slice(7) }, annotations: { env: 'prod' } }]);
    expect(sigstoreJsVerifies(bundle, signing)).toBe(true);
  });
});
