import { constants, createHash, createPublicKey, sign, verify, type KeyObject } from 'node:crypto';
import { AppError } from '../../core/errors.js';
import type { KeyAlgorithm, SigningKey, VerificationKey } from './types.js';

/** OpenSSL curve names of the ECDSA curves cosign allows (sigstore's goodkey). */
const CURVES: Readonly<Record<string, KeyAlgorithm>> = { prime256v1: 'ecdsa-p256', secp384r1: 'ecdsa-p384', secp521r1: 'ecdsa-p521' };
/** RSA modulus sizes sigstore maps to a signature algorithm (PKIX_RSA_PKCS1V15_{2048,3072,4096}_SHA256). */
const RSA_BITS = { min: 2048, max: 4096 } as const;

export type SignatureHash = 'sha256' | 'sha384' | 'sha512';

/**
 * The digest cosign signs with for each key type (sigstore `GetDefaultPublicKeyDetails`):
 * P-256 → SHA-256, P-384 → SHA-384, P-521 → SHA-512, RSA → PKCS#1 v1.5 with SHA-256, and
 * Ed25519 → none (pure Ed25519 hashes internally). Cosign's key-based signing defaults to
 * Ed25519ph instead, which Node cannot produce; drydock signs and verifies pure Ed25519.
 */
export function signatureHash(algorithm: KeyAlgorithm): SignatureHash | undefined {
  switch (algorithm) {
    case 'ecdsa-p256':
    case 'rsa':
      return 'sha256';
    case 'ecdsa-p384':
      return 'sha384';
    case 'ecdsa-p521':
      return 'sha512';
    case 'ed25519':
      return undefined;
  }
}

/** Which of drydock's algorithms `key` is, or an UNSUPPORTED error naming `source`. */
export function keyAlgorithmOf(key: KeyObject, source: string): KeyAlgorithm {
  const type = key.asymmetricKeyType;
  if (type === 'ed25519') return 'ed25519';
  if (type === 'ec') {
    const curve = key.asymmetricKeyDetails?.namedCurve ?? 'unknown';
    const algorithm = CURVES[curve];
    if (!algorithm) throw new AppError('UNSUPPORTED', `${source}: ECDSA curve ${curve} is not supported (P-256, P-384 and P-521 are)`);
    return algorithm;
  }
  if (type === 'rsa') {
    const bits = key.asymmetricKeyDetails?.modulusLength ?? 0;
    if (bits < RSA_BITS.min || bits > RSA_BITS.max) {
      throw new AppError('UNSUPPORTED', `${source}: ${bits}-bit RSA keys are not supported (${RSA_BITS.min} to ${RSA_BITS.max} bits, as cosign)`);
    }
    return 'rsa';
  }
  throw new AppError('UNSUPPORTED', `${source}: ${type ?? 'unknown'} keys are not supported (ECDSA P-256/P-384/P-521, Ed25519 and RSA are)`);
}

/** Node's key argument for one algorithm: DER ECDSA signatures, PKCS#1 v1.5 RSA padding. */
function keyInput<K extends KeyObject>(algorithm: KeyAlgorithm, key: K): { key: K; dsaEncoding?: 'der'; padding?: number } | K {
  if (algorithm === 'rsa') return { key, padding: constants.RSA_PKCS1_PADDING };
  if (algorithm === 'ed25519') return key;
  return { key, dsaEncoding: 'der' };
}

/** sha256 hex of the DER SubjectPublicKeyInfo. */
export function publicKeyFingerprint(publicKey: KeyObject): string {
  return createHash('sha256').update(publicKey.export({ type: 'spki', format: 'der' })).digest('hex');
}

/** A VerificationKey for `publicKey`, with cosign's hash for its type. */
export function verificationKeyFrom(publicKey: KeyObject, source: string): VerificationKey {
  if (publicKey.type !== 'public') throw new AppError('INPUT', `${source}: expected a public key`);
  const algorithm = keyAlgorithmOf(publicKey, source);
  const hash = signatureHash(algorithm) ?? null;
  const input = keyInput(algorithm, publicKey);
  return {
    algorithm,
    publicKey,
    fingerprint: publicKeyFingerprint(publicKey),
    verify(data: Buffer, signature: Buffer): boolean {
      try {
        return verify(hash, data, input, signature);
      } catch {
        // Malformed DER, wrong length or type: not a valid signature, never an exception.
        return false;
      }
    },
  };
}

/** A SigningKey for `privateKey`, with cosign's hash for its type. */
export function signingKeyFrom(privateKey: KeyObject, source: string): SigningKey {
  if (privateKey.type !== 'private') throw new AppError('INPUT', `${source}: expected a private key`);
  const algorithm = keyAlgorithmOf(privateKey, source);
  const hash = signatureHash(algorithm) ?? null;
  const input = keyInput(algorithm, privateKey);
  return {
    algorithm,
    privateKey,
    publicKey: createPublicKey(privateKey),
    sign(data: Buffer): Buffer {
      return sign(hash, data, input);
    },
  };
}
