/** Keys: cosign's key files (read and write), and signing/verification keys with cosign's algorithms. */
export type { KeyAlgorithm, SigningKey, VerificationKey } from './types.js';
export { keyAlgorithmOf, publicKeyFingerprint, signatureHash, signingKeyFrom, verificationKeyFrom, type SignatureHash } from './algorithms.js';
export { decryptCosignContainer, encryptCosignContainer, SCRYPT_LIMITS, SCRYPT_WRITE_PARAMS, type Password } from './encrypted.js';
export { generateKeyPair, GENERATABLE_ALGORITHMS, type GeneratableAlgorithm, type GeneratedKeyPair } from './generate.js';
export { loadSigningKey, loadVerificationKey, privateKeyNeedsPassword, PEM_TYPE } from './load.js';
export { decodeBase64Strict, decodePem, encodePem, scanPem, type PemBlock, type PemSection } from './pem.js';
export { keyRefKind, type KeyRef } from './ref.js';
