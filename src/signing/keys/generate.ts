import { generateKeyPair as nodeGenerateKeyPair, type KeyObject } from 'node:crypto';
import { AppError } from '../../core/errors.js';
import { encryptCosignContainer, type Password } from './encrypted.js';
import { PEM_TYPE } from './load.js';
import { encodePem } from './pem.js';
import type { KeyAlgorithm } from './types.js';

/** What `generateKeyPair` can make, the default first (cosign's default is ECDSA P-256). */
export const GENERATABLE_ALGORITHMS = ['ecdsa-p256', 'ecdsa-p384', 'ecdsa-p521', 'ed25519'] as const satisfies readonly KeyAlgorithm[];
export type GeneratableAlgorithm = (typeof GENERATABLE_ALGORITHMS)[number];

export interface GeneratedKeyPair {
  /** `ENCRYPTED SIGSTORE PRIVATE KEY` PEM: the PKCS#8 DER sealed with scrypt + nacl/secretbox, as cosign writes it. */
  readonly privatePem: string;
  /** `PUBLIC KEY` PEM (SubjectPublicKeyInfo), what cosign.pub holds. */
  readonly publicPem: string;
}

const NAMED_CURVE: Readonly<Record<Exclude<GeneratableAlgorithm, 'ed25519'>, string>> = {
  'ecdsa-p256': 'P-256',
  'ecdsa-p384': 'P-384',
  'ecdsa-p521': 'P-521',
};

function newKeyPair(algorithm: GeneratableAlgorithm): Promise<{ publicKey: KeyObject; privateKey: KeyObject }> {
  return new Promise((resolve, reject) => {
    const done = (err: Error | null, publicKey: KeyObject, privateKey: KeyObject): void => (err ? reject(err) : resolve({ publicKey, privateKey }));
    if (algorithm === 'ed25519') nodeGenerateKeyPair('ed25519', undefined, done);
    else nodeGenerateKeyPair('ec', { namedCurve: NAMED_CURVE[algorithm] }, done);
  });
}

/**
 * A fresh key pair in cosign's file formats. The private key is always encrypted; an empty
 * password is allowed (cosign does the same when COSIGN_PASSWORD is set to an empty string).
 */
export async function generateKeyPair(algorithm: KeyAlgorithm, password: Password): Promise<GeneratedKeyPair> {
  if (!(GENERATABLE_ALGORITHMS as readonly string[]).includes(algorithm)) {
    throw new AppError('UNSUPPORTED', `cannot generate ${algorithm} keys; choose one of ${GENERATABLE_ALGORITHMS.join(', ')}`);
  }
  const { publicKey, privateKey } = await newKeyPair(algorithm as GeneratableAlgorithm);
  const der = privateKey.export({ type: 'pkcs8', format: 'der' });
  try {
    const sealed = await encryptCosignContainer(der, password);
    return {
      privatePem: encodePem(PEM_TYPE.sigstoreEncrypted, sealed),
      publicPem: encodePem(PEM_TYPE.publicKey, publicKey.export({ type: 'spki', format: 'der' })),
    };
  } finally {
    der.fill(0);
  }
}
