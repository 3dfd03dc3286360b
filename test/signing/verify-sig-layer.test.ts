import { describe, expect, it } from 'vitest';
import type { Digest } from '../../src/core/digest.js';
import { keyClaim } from '../../src/signing/claims.js';
import { appendLayer, cosignConfig, cosignLayer, cosignManifest, cosignTag, KEY_HINT_ANNOTATION, SIGNATURE_ANNOTATION } from '../../src/signing/cosign-tags.js';
import { signatureLayer } from '../../src/signing/sign.js';
import { SIMPLE_SIGNING_MEDIA_TYPE } from '../../src/signing/simple-signing.js';
import { failureReason } from '../../src/signing/verdict.js';
import { verifyImageSignatures } from '../../src/signing/verify-image.js';
import { verifySigLayer } from '../../src/signing/verify-sig-layer.js';
import { testKeyPair } from './test-keys.js';

const DIGEST: Digest = 'sha256:8a1f59ffb675680d47db6337b49d22281a139e9d709335b492be023728e11715';
const OTHER: Digest = 'sha256:0000000000000000000000000000000000000000000000000000000000000001';
const subject = { name: '127.0.0.1:5000/team/app', digest: DIGEST };

describe('cosign tag layout', () => {
  it('derives the .sig/.att/.sbom tags from the digest', () => {
    expect(cosignTag(DIGEST, 'sig')).toBe('sha256-8a1f59ffb675680d47db6337b49d22281a139e9d709335b492be023728e11715.sig');
    expect(cosignTag(DIGEST, 'att')).toMatch(/\.att$/);
  });

  it('writes an OCI manifest with a config listing the layers, and appends without duplicates', () => {
    const a = cosignLayer(SIMPLE_SIGNING_MEDIA_TYPE, Buffer.from('{}'), { [SIGNATURE_ANNOTATION]: 'QQ==' });
    const b = cosignLayer(SIMPLE_SIGNING_MEDIA_TYPE, Buffer.from('{}'), { [SIGNATURE_ANNOTATION]: 'Qg==' });
    const once = appendLayer([], a.descriptor);
    expect(once.added).toBe(true);
    expect(appendLayer(once.layers, a.descriptor).added).toBe(false);
    const twice = appendLayer(once.layers, b.descriptor);
    expect(twice.layers).toHaveLength(2);
    const { manifest, config, configDescriptor } = cosignManifest(twice.layers);
    const m = JSON.parse(manifest.toString()) as { mediaType: string; config: { digest: string }; layers: Array<{ annotations: Record<string, string> }> };
    expect(m.mediaType).toBe('application/vnd.oci.image.manifest.v1+json');
    expect(m.config.digest).toBe(configDescriptor.digest);
    expect(m.layers.map((l) => l.annotations[SIGNATURE_ANNOTATION])).toEqual(['QQ==', 'Qg==']);
    expect(JSON.parse(config.toString())).toMatchObject({ rootfs: { type: 'layers', diff_ids: [a.descriptor.digest, b.descriptor.digest] } });
    expect(cosignConfig([]).toString()).toContain('"history":[]');
  });
});

describe('verifying a .sig layer', () => {
  const mine = testKeyPair();
  const theirs = testKeyPair();

  it('accepts a signature made with the key over the image digest', () => {
    const layer = signatureLayer(mine.signing, subject, { env: 'prod' });
    const r = verifySigLayer(layer, 'l1', keyClaim(DIGEST, mine.verification, { annotations: { env: 'prod' } }));
    expect('verified' in r && r.verified.payload).toMatchObject({ critical: { image: { 'docker-manifest-digest': DIGEST } }, optional: { env: 'prod' } });
  });

  it('tells every failure apart', () => {
    const layer = signatureLayer(mine.signing, subject);
    const kind = (l: typeof layer, claim = keyClaim(DIGEST, mine.verification) as Parameters<typeof verifySigLayer>[2]): string | undefined => {
      const r = verifySigLayer(l, 'l', claim);
      return 'failure' in r ? r.failure.kind : undefined;
    };
    expect(kind(layer, keyClaim(DIGEST, theirs.verification))).toBe('another-key');
    const flipped = Buffer.from(layer.payload);
    flipped.writeUInt8((flipped.readUInt8(20) ^ 1), 20);
    expect(kind({ ...layer, payload: flipped })).toBe('invalid-signature');
    const noHint = { ...layer, descriptor: { ...layer.descriptor, annotations: { [SIGNATURE_ANNOTATION]: layer.descriptor.annotations?.[SIGNATURE_ANNOTATION] as string } } };
    expect(kind(noHint, keyClaim(DIGEST, theirs.verification))).toBe('unverified');
    expect(kind(layer, keyClaim(OTHER, mine.verification))).toBe('wrong-image');
    expect(kind(layer, keyClaim(DIGEST, mine.verification, { annotations: { env: 'prod' } }))).toBe('annotations');
    expect(kind({ ...layer, descriptor: { ...layer.descriptor, annotations: { [KEY_HINT_ANNOTATION]: 'x' } } })).toBe('malformed');
    expect(kind({ ...layer, descriptor: { ...layer.descriptor, annotations: { [SIGNATURE_ANNOTATION]: '!!' } } })).toBe('malformed');
    expect(kind({ ...layer, descriptor: { ...layer.descriptor, mediaType: 'application/json' } })).toBe('malformed');
  });

  it('reads a signature annotation with line breaks, as Go\'s base64 decoder does', () => {
    const layer = signatureLayer(mine.signing, subject);
    const sig = layer.descriptor.annotations?.[SIGNATURE_ANNOTATION] as string;
    const wrapped = { ...layer, descriptor: { ...layer.descriptor, annotations: { [SIGNATURE_ANNOTATION]: `${sig.slice(0, 40)}\r\n${sig.slice(40)}\n` } } };
    expect('verified' in verifySigLayer(wrapped, 'l', keyClaim(DIGEST, mine.verification))).toBe(true);
  });

  it('Ed25519 and P-384 keys sign and verify too', () => {
    for (const pair of [testKeyPair('ed25519'), testKeyPair('ec', 'P-384')]) {
      const r = verifySigLayer(signatureLayer(pair.signing, subject), 'l', keyClaim(DIGEST, pair.verification));
      expect('verified' in r).toBe(true);
    }
  });

  it('the verdict over all candidates: one good signature is enough; the worst failure names the reason', () => {
    const good = signatureLayer(mine.signing, subject);
    const other = signatureLayer(theirs.signing, subject);
    const claim = keyClaim(DIGEST, mine.verification);
    expect(verifyImageSignatures({ tag: { tag: 't', layers: [other, good] }, bundles: [] }, claim).verified).toHaveLength(1);
    const onlyOther = verifyImageSignatures({ tag: { tag: 't', layers: [other] }, bundles: [] }, claim);
    expect(failureReason(onlyOther)).toBe('another-key');
    const copied = signatureLayer(mine.signing, { ...subject, digest: OTHER });
    expect(failureReason(verifyImageSignatures({ tag: { tag: 't', layers: [other, copied] }, bundles: [] }, claim))).toBe('wrong-image');
    expect(failureReason(verifyImageSignatures({ bundles: [] }, claim))).toBe('no-signatures');
  });
});
