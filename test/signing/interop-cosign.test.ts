import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { Digest } from '../../src/core/digest.js';
import { loadTrustedRoot } from '../../src/signing/bundle/index.js';
import { keyClaim, keylessClaim, type ClaimExtras } from '../../src/signing/claims.js';
import { DSSE_MEDIA_TYPE, PREDICATE_TYPE_ANNOTATION, SIGNATURE_ANNOTATION, type CosignLayer } from '../../src/signing/cosign-tags.js';
import { loadVerificationKey } from '../../src/signing/keys/index.js';
import type { VerificationKey } from '../../src/signing/keys/types.js';
import { simpleSigningPayload, SIMPLE_SIGNING_MEDIA_TYPE } from '../../src/signing/simple-signing.js';
import { failureReason, type CandidateFailure, type VerifiedPayload } from '../../src/signing/verdict.js';
import { verifyAttLayer } from '../../src/signing/verify-att-layer.js';
import { verifyImageAttestations, verifyImageSignatures } from '../../src/signing/verify-image.js';
import { verifySigLayer } from '../../src/signing/verify-sig-layer.js';

/**
 * Real cosign output for container images (see test/fixtures/signing/cosign-images/README.md for the
 * source of every file): `.sig` layers, `.att` layers and Sigstore bundles that cosign wrote, with the
 * keys that signed them. Nothing here was produced by drydock.
 */
const DIR = fileURLToPath(new URL('../fixtures/signing/cosign-images/', import.meta.url));
const file = (name: string): Buffer => readFileSync(`${DIR}${name}`);

interface LayerJson { mediaType: string; size?: number; digest?: Digest; annotations: Record<string, string> }
interface SigVector { name: string; payload: string; dockerReference: string; digest: Digest; annotations?: Record<string, string>; key?: string; layers: LayerJson[]; signedBy: number[] }
interface AttVector { name: string; envelope: string; layerDigest: Digest; digest: Digest; predicateType: string; key: string }
interface Vectors {
  sig: SigVector[];
  att: AttVector[];
  bundles: {
    keySigned: { file: string; digest: Digest; key: string };
    keyless: { file: string; digest: Digest; predicateType: string; identity: string; issuer: string };
  };
}

const V = JSON.parse(file('vectors.json').toString('utf8')) as Vectors;
const OTHER_DIGEST: Digest = 'sha256:0000000000000000000000000000000000000000000000000000000000000001';
const KEY_FILES = [...new Set([...V.sig.flatMap((v) => (v.key ? [v.key] : [])), ...V.att.map((v) => v.key), V.bundles.keySigned.key])];
const KEYS = new Map<string, VerificationKey>(KEY_FILES.map((f) => [f, loadVerificationKey(file(f).toString('utf8'), f)]));
const key = (name: string): VerificationKey => KEYS.get(name) as VerificationKey;
const otherKeys = (name: string | undefined): VerificationKey[] => KEY_FILES.filter((f) => f !== name).map(key);
const sha256 = (b: Buffer): Digest => `sha256:${createHash('sha256').update(b).digest('hex')}`;

type Result = { verified: VerifiedPayload } | { failure: CandidateFailure };
const kind = (r: Result): string => ('verified' in r ? 'verified' : r.failure.kind);

/** The layer as cosign stored it; descriptors without a recorded digest (payloads from test code) get the payload's. */
function sigLayer(v: SigVector, i: number, payload = file(v.payload)): CosignLayer {
  const l = v.layers[i] as LayerJson;
  return { payload, descriptor: { mediaType: l.mediaType, digest: l.digest ?? sha256(payload), size: l.size ?? payload.length, annotations: l.annotations } };
}

/** `b` with one bit flipped at `index`. */
function flipped(b: Buffer, index: number): Buffer {
  const out = Buffer.from(b);
  out[index] = (out[index] as number) ^ 0x01;
  return out;
}

describe('cosign .sig layers: the simple-signing payloads cosign wrote', () => {
  it.each(V.sig)('$name: recorded layer digests are the payload bytes, and simpleSigningPayload reproduces them', (v) => {
    const payload = file(v.payload);
    for (const l of v.layers) {
      expect(l.mediaType).toBe(SIMPLE_SIGNING_MEDIA_TYPE);
      if (l.digest) expect(sha256(payload)).toBe(l.digest);
      if (l.size !== undefined) expect(payload.length).toBe(l.size);
    }
    expect(simpleSigningPayload(v.dockerReference, v.digest, v.annotations).equals(payload)).toBe(true);
  });
});

describe('cosign .sig layers verify with the key that signed them, and only then', () => {
  const signed = V.sig.filter((v) => v.signedBy.length > 0);

  it.each(signed)('$name: verified for its image digest', (v) => {
    for (const i of v.signedBy) {
      const r = verifySigLayer(sigLayer(v, i), `${v.name} layer ${i}`, keyClaim(v.digest, key(v.key as string)));
      expect(kind(r)).toBe('verified');
      expect('verified' in r && r.verified).toMatchObject({ storage: 'tag', payload: { critical: { image: { 'docker-manifest-digest': v.digest } } } });
    }
  });

  it.each(signed)('$name: another key → unverified (cosign layers carry no key hint)', (v) => {
    for (const other of otherKeys(v.key)) expect(kind(verifySigLayer(sigLayer(v, v.signedBy[0] as number), 'l', keyClaim(v.digest, other)))).toBe('unverified');
  });

  it.each(signed)('$name: a flipped payload byte → unverified', (v) => {
    const i = v.signedBy[0] as number;
    const payload = file(v.payload);
    for (const at of [0, 40, payload.length - 2]) {
      expect(kind(verifySigLayer(sigLayer(v, i, flipped(payload, at)), 'l', keyClaim(v.digest, key(v.key as string))))).toBe('unverified');
    }
  });

  it.each(signed)('$name: the claim for another image digest → wrong-image', (v) => {
    const r = verifySigLayer(sigLayer(v, v.signedBy[0] as number), 'l', keyClaim(OTHER_DIGEST, key(v.key as string)));
    expect(kind(r)).toBe('wrong-image');
    expect('failure' in r && r.failure.message).toContain(v.digest);
  });

  it('the signed -a annotations are checked: key1=value1 holds, key1=value2 does not', () => {
    const v = V.sig.find((s) => s.annotations !== undefined) as SigVector;
    const claim = (a: Record<string, string>): ReturnType<typeof keyClaim> => keyClaim(v.digest, key(v.key as string), { annotations: a });
    expect(kind(verifySigLayer(sigLayer(v, 0), 'l', claim({ key1: 'value1', 'dev.cosignproject.cosign/sigalg': 'ECDSA_P256_SHA256' })))).toBe('verified');
    expect(kind(verifySigLayer(sigLayer(v, 0), 'l', claim({ key1: 'value2' })))).toBe('annotations');
  });

  it('a real two-signer .sig manifest: the layer of the key verifies, the other signer’s layer is unverified', () => {
    const v = V.sig.find((s) => s.layers.length === 2) as SigVector;
    const layers = v.layers.map((_, i) => sigLayer(v, i));
    const outcome = verifyImageSignatures({ tag: { tag: 'sha256-69704ef3….sig', layers }, bundles: [] }, keyClaim(v.digest, key(v.key as string)));
    expect(outcome.verified).toHaveLength(1);
    expect(outcome.verified[0]?.where).toMatch(/layer 2$/);
    expect(outcome.failures.map((f) => f.kind)).toEqual(['unverified']);
  });

  it('a layer whose signer published no key verifies with none of ours; it is not mistaken for tampering', () => {
    const v = V.sig.find((s) => s.signedBy.length === 0) as SigVector;
    for (const k of KEYS.values()) {
      const outcome = verifyImageSignatures({ tag: { tag: 't', layers: [sigLayer(v, 0)] }, bundles: [] }, keyClaim(v.digest, k));
      expect(failureReason(outcome)).toBe('unverified');
    }
  });
});

function attLayer(v: AttVector, envelope = file(v.envelope)): CosignLayer {
  const annotations = { [SIGNATURE_ANNOTATION]: '', [PREDICATE_TYPE_ANNOTATION]: v.predicateType };
  return { payload: envelope, descriptor: { mediaType: DSSE_MEDIA_TYPE, digest: v.layerDigest, size: envelope.length, annotations } };
}

/** The envelope with one bit of its (base64) payload flipped; the signature is left as it was. */
function tamperedEnvelope(v: AttVector): Buffer {
  const env = JSON.parse(file(v.envelope).toString('utf8')) as { payload: string };
  env.payload = flipped(Buffer.from(env.payload, 'base64'), 60).toString('base64');
  return Buffer.from(JSON.stringify(env));
}

describe('cosign .att layers (DSSE envelopes of `cosign attest --key`)', () => {
  const claim = (v: AttVector, k: VerificationKey, e: ClaimExtras = { predicateType: v.predicateType }, digest = v.digest): ReturnType<typeof keyClaim> => keyClaim(digest, k, e);

  it.each(V.att)('$name: the envelope bytes are the layer cosign pushed, and it verifies', (v) => {
    expect(sha256(file(v.envelope))).toBe(v.layerDigest);
    const r = verifyAttLayer(attLayer(v), 'att', claim(v, key(v.key)));
    expect(kind(r)).toBe('verified');
    expect('verified' in r && r.verified).toMatchObject({ storage: 'tag', predicateType: v.predicateType, payload: { subject: [{ digest: { sha256: v.digest.slice(7) } }] } });
  });

  it.each(V.att)('$name: another key → unverified; a flipped payload byte → unverified', (v) => {
    for (const other of otherKeys(v.key)) expect(kind(verifyAttLayer(attLayer(v), 'att', claim(v, other)))).toBe('unverified');
    expect(kind(verifyAttLayer(attLayer(v, tamperedEnvelope(v)), 'att', claim(v, key(v.key))))).toBe('unverified');
  });

  it.each(V.att)('$name: another image digest → wrong-image; another predicate type → other-type', (v) => {
    expect(kind(verifyAttLayer(attLayer(v), 'att', claim(v, key(v.key), {}, OTHER_DIGEST)))).toBe('wrong-image');
    expect(kind(verifyAttLayer(attLayer(v), 'att', claim(v, key(v.key), { predicateType: 'https://slsa.dev/provenance/v0.2' })))).toBe('other-type');
  });

  it('an .att tag holding attestations of two builds: the one for this image verifies, the other is wrong-image', () => {
    const [a, b] = V.att as [AttVector, AttVector];
    const outcome = verifyImageAttestations({ tag: { tag: 't.att', layers: [attLayer(b), attLayer(a)] }, bundles: [] }, claim(a, key(a.key)));
    expect(outcome.verified.map((p) => p.where)).toEqual(['tag t.att layer 2']);
    expect(outcome.failures.map((f) => f.kind)).toEqual(['wrong-image']);
  });
});

describe('a cosign v3 key-signed image signature bundle (predicate https://sigstore.dev/cosign/sign/v1)', () => {
  const b = V.bundles.keySigned;
  const bundle = file(b.file);
  const evidence = (bytes: Buffer): Parameters<typeof verifyImageSignatures>[0] => ({ bundles: [{ where: 'referrer', bundle: bytes }] });

  it('verifies with its key as an image signature, and is not taken for an attestation', () => {
    const outcome = verifyImageSignatures(evidence(bundle), keyClaim(b.digest, key(b.key)));
    expect(outcome.failures).toEqual([]);
    expect(outcome.verified).toMatchObject([{ storage: 'referrer', payload: { predicateType: 'https://sigstore.dev/cosign/sign/v1', subject: [{ digest: { sha256: b.digest.slice(7) } }] } }]);
    expect(verifyImageAttestations(evidence(bundle), keyClaim(b.digest, key(b.key)))).toEqual({ verified: [], failures: [] });
  });

  it('another key → another-key (the bundle names its key by hint); another digest → wrong-image', () => {
    for (const other of otherKeys(b.key)) expect(failureReason(verifyImageSignatures(evidence(bundle), keyClaim(b.digest, other)))).toBe('another-key');
    expect(failureReason(verifyImageSignatures(evidence(bundle), keyClaim(OTHER_DIGEST, key(b.key))))).toBe('wrong-image');
  });

  it('a flipped byte in the signed statement → tampered', () => {
    const json = JSON.parse(bundle.toString('utf8')) as { dsseEnvelope: { payload: string } };
    json.dsseEnvelope.payload = flipped(Buffer.from(json.dsseEnvelope.payload, 'base64'), 30).toString('base64');
    expect(failureReason(verifyImageSignatures(evidence(Buffer.from(JSON.stringify(json))), keyClaim(b.digest, key(b.key))))).toBe('tampered');
  });
});

describe('a keyless cosign attestation bundle of an image (cosign testdata), against the public-good trusted root', () => {
  const b = V.bundles.keyless;
  const bundle = file(b.file);
  const root = loadTrustedRoot(JSON.parse(readFileSync(`${DIR}../public-good-trusted_root.json`, 'utf8')) as unknown, 'public-good-trusted_root.json');
  const policy = { certificateIdentity: b.identity, certificateIssuer: b.issuer };
  const attest = (bytes: Buffer, digest: Digest, p = policy): ReturnType<typeof verifyImageAttestations> =>
    verifyImageAttestations({ bundles: [{ where: 'referrer', bundle: bytes }] }, keylessClaim(digest, root, p, { predicateType: b.predicateType }));

  it('verifies: certificate chain, Rekor entry, identity and subject', () => {
    const outcome = attest(bundle, b.digest);
    expect(outcome.failures).toEqual([]);
    expect(outcome.verified).toMatchObject([{ storage: 'referrer', predicateType: b.predicateType }]);
  });

  it('another identity → identity; another digest → wrong-image; a flipped signature byte → tampered', () => {
    expect(failureReason(attest(bundle, b.digest, { ...policy, certificateIdentity: 'someone@example.com' }))).toBe('identity');
    expect(failureReason(attest(bundle, OTHER_DIGEST))).toBe('wrong-image');
    const json = JSON.parse(bundle.toString('utf8')) as { dsseEnvelope: { signatures: { sig: string }[] } };
    const sig = json.dsseEnvelope.signatures[0] as { sig: string };
    sig.sig = flipped(Buffer.from(sig.sig, 'base64'), 20).toString('base64');
    expect(failureReason(attest(Buffer.from(JSON.stringify(json)), b.digest))).toBe('tampered');
  });

  it('a keyless claim does not accept a cosign tag layer (those are checked with --key)', () => {
    const v = V.sig.find((s) => s.key?.endsWith('.pem')) as SigVector;
    const r = verifySigLayer(sigLayer(v, 0), 'l', keylessClaim(v.digest, root, policy));
    expect(kind(r)).toBe('unverified');
  });
});
