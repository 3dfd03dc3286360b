import type { KeyObject } from 'node:crypto';
import { publicKeyFingerprint } from './keys/algorithms.js';

/** A public key's hint as Sigstore bundles carry it: base64 of the sha256 of its DER SubjectPublicKeyInfo. */
export function keyHint(publicKey: KeyObject): string {
  return Buffer.from(publicKeyFingerprint(publicKey), 'hex').toString('base64');
}

/** The same hash in hex, shortened for messages: `3f2a9c01…`. */
export function shortFingerprint(hint: string): string {
  return `${Buffer.from(hint, 'base64').toString('hex').slice(0, 16)}…`;
}
