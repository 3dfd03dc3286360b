/**
 * A real cosign 2 keyless `.sig` signature (containers/image's testdata: payload, signature, the Fulcio
 * certificate for mitr@redhat.com and the production Rekor entry with its SET, log index 8949589)
 * verified against the public-good trusted root, through the `.sig` layer path: certificate chain,
 * embedded SCT, SET and the hashedrekord body are all checked by @sigstore/verify.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { Digest } from '../../src/core/digest.js';
import { loadTrustedRoot } from '../../src/signing/bundle/trusted-root.js';
import { keylessClaim } from '../../src/signing/claims.js';
import { CERTIFICATE_ANNOTATION, REKOR_BUNDLE_ANNOTATION, SIGNATURE_ANNOTATION, cosignLayer, type CosignLayer } from '../../src/signing/cosign-tags.js';
import { legacyKeylessBundle } from '../../src/signing/legacy-keyless.js';
import { SIMPLE_SIGNING_MEDIA_TYPE } from '../../src/signing/simple-signing.js';
import { verifySigLayer } from '../../src/signing/verify-sig-layer.js';

const DIR = fileURLToPath(new URL('../fixtures/signing/', import.meta.url));
const read = (name: string): Buffer => readFileSync(`${DIR}${name}`);

const payload = read('cosign-images/payloads/containers-image-rekor.json');
const certificate = read('cosign-images/keys/containers-image-fulcio-cert.pem').toString('utf8');
const rekor = read('cosign-images/rekor/containers-image-rekor-set.json').toString('utf8').trim();
const signature = 'MEQCIEJc96e041VAhKA03SvfCYbWodIMIQPyAtWyDP4FnPqpAiAaIS60EjhRDhSanoFsoIy8fKqqKeW5ps/tLXSGpayi2g==';
const DIGEST: Digest = 'sha256:fa93b01658e3a5a1686dc3ae55f170d8de487006fb53a28efcd12ab0710a2e5f';
const root = loadTrustedRoot(read('public-good-trusted_root.json'), 'public-good-trusted_root.json');
const policy = { certificateIdentity: 'mitr@redhat.com', certificateIssuer: /^https:\/\/(github\.com\/login\/oauth|accounts\.google\.com|oauth2\.sigstore\.dev\/auth)$/ };

function layer(annotations: Record<string, string>, body = payload): CosignLayer {
  return cosignLayer(SIMPLE_SIGNING_MEDIA_TYPE, body, annotations);
}

const good = { [SIGNATURE_ANNOTATION]: signature, [CERTIFICATE_ANNOTATION]: certificate, [REKOR_BUNDLE_ANNOTATION]: rekor };
const kindOf = (l: CosignLayer, digest = DIGEST, p: Parameters<typeof keylessClaim>[2] = policy): string => {
  const r = verifySigLayer(l, 'l', keylessClaim(digest, root, p));
  return 'verified' in r ? 'verified' : `${r.failure.kind}: ${r.failure.message}`;
};

describe('keyless cosign .sig layers (certificate + Rekor SET annotations)', () => {
  it('verify against the public-good trusted root', () => {
    expect(kindOf(layer(good))).toBe('verified');
  });

  it('reject another identity, another image, an altered payload or signature, and a forged SET', () => {
    expect(kindOf(layer(good), DIGEST, { ...policy, certificateIdentity: 'someone@example.com' })).toMatch(/^identity/);
    expect(kindOf(layer(good), 'sha256:0000000000000000000000000000000000000000000000000000000000000001')).toMatch(/^wrong-image/);
    expect(kindOf(layer(good, Buffer.from(payload.toString('utf8').replace('alpine', 'alpinf'))))).not.toBe('verified');
    const sig = Buffer.from(signature, 'base64');
    sig.writeUInt8(sig.readUInt8(30) ^ 1, 30);
    expect(kindOf(layer({ ...good, [SIGNATURE_ANNOTATION]: sig.toString('base64') }))).not.toBe('verified');
    const set = JSON.parse(rekor) as { SignedEntryTimestamp: string; Payload: { integratedTime: number } };
    const forged = JSON.stringify({ ...set, Payload: { ...set.Payload, integratedTime: set.Payload.integratedTime + 1 } });
    expect(kindOf(layer({ ...good, [REKOR_BUNDLE_ANNOTATION]: forged }))).toMatch(/^untrusted/);
  });

  it('say what is missing: no certificate (a key signature), no Rekor proof, unreadable annotations', () => {
    expect(kindOf(layer({ [SIGNATURE_ANNOTATION]: signature }))).toMatch(/^unverified: no certificate/);
    expect(kindOf(layer({ [SIGNATURE_ANNOTATION]: signature, [CERTIFICATE_ANNOTATION]: certificate }))).toMatch(/no transparency-log proof/);
    expect(legacyKeylessBundle({ [CERTIFICATE_ANNOTATION]: 'nope' }, payload, signature)).toEqual({ problem: expect.stringMatching(/not PEM certificates/) });
    expect(legacyKeylessBundle({ ...good, [REKOR_BUNDLE_ANNOTATION]: '{}' }, payload, signature)).toEqual({ problem: expect.stringMatching(/not a Rekor bundle/) });
  });
});
