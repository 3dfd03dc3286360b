import type { KeyObject } from 'node:crypto';

/** The key types drydock signs and verifies with (cosign's defaults and options). */
export type KeyAlgorithm = 'ecdsa-p256' | 'ecdsa-p384' | 'ecdsa-p521' | 'ed25519' | 'rsa';

/** A private key ready to sign: cosign's hash per key type is built in (see `signatureHash`). */
export interface SigningKey {
  readonly algorithm: KeyAlgorithm;
  readonly privateKey: KeyObject;
  readonly publicKey: KeyObject;
  /** Sign `data` (the whole message; hashing happens inside): DER ECDSA, raw Ed25519, PKCS#1 v1.5 RSA. */
  sign(data: Buffer): Buffer;
}

/** A public key to verify with, as read from `cosign.pub` (PEM SubjectPublicKeyInfo). */
export interface VerificationKey {
  readonly algorithm: KeyAlgorithm;
  readonly publicKey: KeyObject;
  /** Does `signature` sign `data` under this key? Never throws on a malformed signature. */
  verify(data: Buffer, signature: Buffer): boolean;
  /** sha256 hex of the DER SubjectPublicKeyInfo: a short stable name for messages ("signed by key 3f2a…"). */
  readonly fingerprint: string;
}
