import { digestAlgorithm, digestHex, type Digest } from '../core/digest.js';
import { cosignLayer, DSSE_MEDIA_TYPE, KEY_HINT_ANNOTATION, PREDICATE_TYPE_ANNOTATION, SIGNATURE_ANNOTATION, type CosignLayer } from './cosign-tags.js';
import { makeStatement, signEnvelope, type Envelope } from './dsse.js';
import { keyHint } from './key-hint.js';
import type { SigningKey } from './keys/types.js';
import { SIMPLE_SIGNING_MEDIA_TYPE, simpleSigningPayload } from './simple-signing.js';
import { IN_TOTO_PAYLOAD_TYPE } from './intoto.js';

/** The image being signed: its repository name (`registry/repo`) and manifest digest. */
export interface SignSubject {
  name: string;
  digest: Digest;
}

/** A `.sig` layer: the simple-signing payload for the image, its signature, and our key hint. */
export function signatureLayer(key: SigningKey, subject: SignSubject, annotations?: Record<string, string>): CosignLayer {
  const payload = simpleSigningPayload(subject.name, subject.digest, annotations);
  const signature = key.sign(payload).toString('base64');
  return cosignLayer(SIMPLE_SIGNING_MEDIA_TYPE, payload, { [SIGNATURE_ANNOTATION]: signature, [KEY_HINT_ANNOTATION]: keyHint(key.publicKey) });
}

/** The in-toto statement about the image with `predicate` of `predicateType`. */
export function imageStatement(subject: SignSubject, predicateType: string, predicate: unknown): Buffer {
  const statement = makeStatement([{ name: subject.name, digest: { [digestAlgorithm(subject.digest)]: digestHex(subject.digest) } }], predicateType, predicate);
  return Buffer.from(JSON.stringify(statement), 'utf8');
}

/** A DSSE envelope signing the in-toto statement about the image. */
export function attestationEnvelope(key: SigningKey, subject: SignSubject, predicateType: string, predicate: unknown): Envelope {
  return signEnvelope(imageStatement(subject, predicateType, predicate), IN_TOTO_PAYLOAD_TYPE, key);
}

/** An `.att` layer as cosign writes it: the envelope, an empty signature annotation, the predicate type. */
export function attestationLayer(key: SigningKey, envelope: Envelope, predicateType: string): CosignLayer {
  return cosignLayer(DSSE_MEDIA_TYPE, Buffer.from(JSON.stringify(envelope), 'utf8'), {
    [SIGNATURE_ANNOTATION]: '',
    [PREDICATE_TYPE_ANNOTATION]: predicateType,
    [KEY_HINT_ANNOTATION]: keyHint(key.publicKey),
  });
}
