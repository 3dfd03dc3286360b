import { generateKeyPairSync } from 'node:crypto';
import { signingKeyFrom, verificationKeyFrom } from '../../src/signing/keys/algorithms.js';
import type { SigningKey, VerificationKey } from '../../src/signing/keys/types.js';

/** A fresh key pair of node:crypto, wrapped as drydock's signing and verification keys. */
export function testKeyPair(type: 'ec' | 'ed25519' = 'ec', namedCurve = 'P-256'): { signing: SigningKey; verification: VerificationKey } {
  const pair = type === 'ec' ? generateKeyPairSync('ec', { namedCurve }) : generateKeyPairSync('ed25519');
  return { signing: signingKeyFrom(pair.privateKey, 'test key'), verification: verificationKeyFrom(pair.publicKey, 'test key') };
}
