import { createPublicKey } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { verificationKeyFrom } from '../../../src/signing/keys/algorithms.js';
import type { VerificationKey } from '../../../src/signing/keys/types.js';

/** Upstream signing vectors in test/fixtures/signing (see its README.md for where each comes from). */
const DIR = fileURLToPath(new URL('../../fixtures/signing/', import.meta.url));

export function fixtureBytes(name: string): Buffer {
  return readFileSync(`${DIR}${name}`);
}

export function fixtureJson<T = Record<string, unknown>>(name: string): T {
  return JSON.parse(fixtureBytes(name).toString('utf8')) as T;
}

export function keyFromPem(pem: string | Buffer, source = 'test vector key'): VerificationKey {
  return verificationKeyFrom(createPublicKey(pem), source);
}

export interface DsseVector {
  name: string;
  publicKeyPem: string;
  envelope: { payloadType: string; payload: string; signatures: { keyid?: string; sig: string }[] };
  expectValid: boolean;
  signatureValid: boolean;
  claims?: { artifact: string; artifactSha256: string; predicateType: string };
}

export interface BundleVector {
  name: string;
  publicKeyPem: string;
  bundle: Record<string, unknown>;
  artifact: string | null;
  expectValid: boolean;
  claims?: { artifact: string; artifactSha256: string; predicateType: string };
}

interface Vectors {
  _source: Record<string, { repo: string; commit: string; path: string }>;
  dsse: DsseVector[];
  bundles: BundleVector[];
}

/** cosign (verify_blob_attestation_test.go) and sigstore-js (bundle fixtures) vectors. */
export const VECTORS = fixtureJson<Vectors>('cosign-sigstore-js-vectors.json');

export function vector<T extends { name: string }>(list: readonly T[], name: string): T {
  const found = list.find((v) => v.name === name);
  if (!found) throw new Error(`no vector ${name}`);
  return found;
}

/** A deep copy to tamper with. */
export function copy<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

/** `b64` with one bit of byte `index` flipped (negative: from the end). */
export function flipBase64(b64: string, index: number): string {
  const bytes = Buffer.from(b64, 'base64');
  const i = index < 0 ? bytes.length + index : index;
  bytes[i] = (bytes[i] as number) ^ 0x01;
  return bytes.toString('base64');
}
