import { createHash, type KeyObject } from 'node:crypto';
import { BUNDLE_V03_MEDIA_TYPE, bundleToJSON, type Bundle, type SerializedBundle } from '@sigstore/bundle';
import { HashAlgorithm } from '@sigstore/protobuf-specs';
import { AppError } from '../../core/errors.js';
import { signEnvelope, type Envelope } from '../dsse.js';
import { keyHint as defaultKeyHint } from '../key-hint.js';
import type { KeyAlgorithm, SigningKey } from '../keys/types.js';

/**
 * Sigstore bundles v0.3 signed with a key, offline: `verificationMaterial.publicKey.hint` names the
 * key, and there are no transparency log entries and no timestamps (what `cosign sign-blob
 * --new-bundle-format --key K --tlog-upload=false` writes). The default hint is cosign's: base64 of
 * the sha256 of the DER SubjectPublicKeyInfo. Serialized as protobuf JSON does (@sigstore/bundle's
 * bundleToJSON, like cosign's protojson): empty fields are left out — no `tlogEntries: []`, and an
 * envelope signature's empty `keyid` is omitted.
 */

/** The message digest a message signature carries for each key type (sigstore's algorithm registry). */
const MESSAGE_DIGEST: Readonly<Record<KeyAlgorithm, { node: 'sha256' | 'sha384' | 'sha512'; proto: HashAlgorithm }>> = {
  'ecdsa-p256': { node: 'sha256', proto: HashAlgorithm.SHA2_256 },
  rsa: { node: 'sha256', proto: HashAlgorithm.SHA2_256 },
  'ecdsa-p384': { node: 'sha384', proto: HashAlgorithm.SHA2_384 },
  'ecdsa-p521': { node: 'sha512', proto: HashAlgorithm.SHA2_512 },
  ed25519: { node: 'sha512', proto: HashAlgorithm.SHA2_512 },
};

function publicKeyMaterial(hint: string): Bundle['verificationMaterial'] {
  return {
    content: { $case: 'publicKey', publicKey: { hint } },
    tlogEntries: [],
    timestampVerificationData: undefined,
  };
}

/**
 * A bundle of a signature over `message` (a blob): `messageSignature` with the message digest and
 * the signature over the whole message (hashed inside `key.sign`, as cosign's `sign-blob`).
 */
export function bundleForMessageSignature(message: Buffer, key: SigningKey, keyHint?: string): SerializedBundle {
  const digest = MESSAGE_DIGEST[key.algorithm];
  const bundle: Bundle = {
    mediaType: BUNDLE_V03_MEDIA_TYPE,
    verificationMaterial: publicKeyMaterial(keyHint ?? defaultKeyHint(key.publicKey)),
    content: {
      $case: 'messageSignature',
      messageSignature: {
        messageDigest: { algorithm: digest.proto, digest: createHash(digest.node).update(message).digest() },
        signature: key.sign(message),
      },
    },
  };
  return bundleToJSON(bundle);
}

/**
 * A bundle around a signed DSSE envelope. The envelope must carry exactly one signature (the bundle
 * format allows no more); `key` is the key that made it, named in the bundle by `keyHint`.
 */
export function bundleForDsse(envelope: Envelope, key: { publicKey: KeyObject }, keyHint?: string): SerializedBundle {
  if (envelope.signatures.length !== 1) {
    throw new AppError('INPUT', `a Sigstore bundle holds an envelope with exactly one signature, not ${envelope.signatures.length}`);
  }
  const signature = envelope.signatures[0] as Envelope['signatures'][number];
  const bundle: Bundle = {
    mediaType: BUNDLE_V03_MEDIA_TYPE,
    verificationMaterial: publicKeyMaterial(keyHint ?? defaultKeyHint(key.publicKey)),
    content: {
      $case: 'dsseEnvelope',
      dsseEnvelope: {
        payloadType: envelope.payloadType,
        payload: Buffer.from(envelope.payload, 'base64'),
        signatures: [{ keyid: signature.keyid, sig: Buffer.from(signature.sig, 'base64') }],
      },
    },
  };
  return bundleToJSON(bundle);
}

/** Sign `payload` in a DSSE envelope and wrap it in a bundle (`cosign attest-blob --new-bundle-format`). */
export function bundleForDssePayload(payload: Buffer, payloadType: string, key: SigningKey, keyHint?: string): SerializedBundle {
  return bundleForDsse(signEnvelope(payload, payloadType, key), key, keyHint);
}
