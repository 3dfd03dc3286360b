import { createHash, type KeyObject } from 'node:crypto';

/** A public key's hint as Sigstore bundles carry it: base64 of the sha256 of its DER SubjectPublicKeyInfo. */
export function keyHint(publicKey: KeyObject): string {
  const der = publicKey.export({ type: 'spki', format: 'der' });
  return createHash('sha256').update(der).digest('base64');
}

/** The same hash in hex, shortened for messages: `3f2a9c01…`. */
export function shortFingerprint(hint: string): string {
  return `${Buffer.from(hint, 'base64').toString('hex').slice(0, 16)}…`;
}
