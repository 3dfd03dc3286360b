import { X509Certificate, createPrivateKey, createPublicKey, type KeyObject } from 'node:crypto';
import { AppError } from '../../core/errors.js';
import { signingKeyFrom, verificationKeyFrom } from './algorithms.js';
import { decryptCosignContainer, type Password } from './encrypted.js';
import { decodePem, scanPem, type PemBlock, type PemSection } from './pem.js';
import { downgradePkcs8V2 } from './pkcs8.js';
import type { SigningKey, VerificationKey } from './types.js';

/** The PEM labels drydock reads and writes. */
export const PEM_TYPE = {
  /** What `cosign generate-key-pair` (and drydock) writes. */
  sigstoreEncrypted: 'ENCRYPTED SIGSTORE PRIVATE KEY',
  /** Older cosign releases; same content. */
  cosignEncrypted: 'ENCRYPTED COSIGN PRIVATE KEY',
  pkcs8: 'PRIVATE KEY',
  pkcs8Encrypted: 'ENCRYPTED PRIVATE KEY',
  sec1: 'EC PRIVATE KEY',
  pkcs1: 'RSA PRIVATE KEY',
  publicKey: 'PUBLIC KEY',
  rsaPublicKey: 'RSA PUBLIC KEY',
  certificate: 'CERTIFICATE',
} as const;

const PRIVATE_TYPES: readonly string[] = [PEM_TYPE.sigstoreEncrypted, PEM_TYPE.cosignEncrypted, PEM_TYPE.pkcs8, PEM_TYPE.pkcs8Encrypted, PEM_TYPE.sec1, PEM_TYPE.pkcs1];
const PASSWORD_TYPES: readonly string[] = [PEM_TYPE.sigstoreEncrypted, PEM_TYPE.cosignEncrypted, PEM_TYPE.pkcs8Encrypted];
const PUBLIC_TYPES: readonly string[] = [PEM_TYPE.publicKey, PEM_TYPE.rsaPublicKey, PEM_TYPE.certificate];

function typesFound(sections: readonly PemSection[]): string {
  return sections.length ? ` (found: ${[...new Set(sections.map((b) => b.type))].join(', ')})` : '';
}

function privateSection(text: string, source: string): PemSection {
  const blocks = scanPem(text, source);
  const keys = blocks.filter((b) => PRIVATE_TYPES.includes(b.type));
  if (keys.length === 1) return keys[0] as PemSection;
  if (keys.length > 1) throw new AppError('INPUT', `${source}: holds ${keys.length} private keys; give a file with exactly one`);
  if (blocks.some((b) => PUBLIC_TYPES.includes(b.type))) throw new AppError('INPUT', `${source}: holds a public key or certificate; signing needs the private key (e.g. cosign.key, not cosign.pub)`);
  throw new AppError('INPUT', `${source}: no PEM private key${typesFound(blocks)}; expected one of: ${PRIVATE_TYPES.join(', ')}`);
}

/** Does the private key in `text` need a password? Lets the CLI prompt only when it must. */
export function privateKeyNeedsPassword(text: string, source: string): boolean {
  return PASSWORD_TYPES.includes(privateSection(text, source).type);
}

function parseDer(der: Buffer, type: 'pkcs8' | 'sec1' | 'pkcs1', what: string, source: string): KeyObject {
  try {
    return createPrivateKey({ key: der, format: 'der', type });
  } catch {
    throw new AppError('INPUT', `${source}: ${what} is not a valid private key`);
  }
}

/** PKCS#8 (v1, or v2 with an embedded public key that must match the private key). */
function parsePkcs8(der: Buffer, what: string, source: string): KeyObject {
  const { der: v1, embeddedPublicKey } = downgradePkcs8V2(der);
  const key = parseDer(v1, 'pkcs8', what, source);
  if (embeddedPublicKey) {
    const spki = createPublicKey(key).export({ type: 'spki', format: 'der' });
    if (!spki.subarray(spki.length - embeddedPublicKey.length).equals(embeddedPublicKey)) {
      throw new AppError('INPUT', `${source}: the public key stored in ${what} does not match its private key`);
    }
  }
  return key;
}

async function decryptCosignKey(block: PemBlock, password: Password, source: string): Promise<KeyObject> {
  const der = await decryptCosignContainer(block.der, password, source);
  try {
    // Cosign requires PKCS#8 here; a SEC1 EC key (which some old tools sealed) is accepted too.
    return looksLikeSec1(der) ? parseDer(der, 'sec1', 'the decrypted key', source) : parsePkcs8(der, 'the decrypted key', source);
  } finally {
    der.fill(0);
  }
}

/** SEC1 ECPrivateKey starts SEQUENCE { INTEGER 1, OCTET STRING ... }; PKCS#8 starts SEQUENCE { INTEGER 0|1, SEQUENCE ... }. */
function looksLikeSec1(der: Buffer): boolean {
  if (der[0] !== 0x30) return false;
  const lenBytes = (der[1] ?? 0) & 0x80 ? ((der[1] ?? 0) & 0x7f) + 2 : 2;
  return der[lenBytes] === 0x02 && der[lenBytes + 1] === 0x01 && der[lenBytes + 2] === 0x01 && der[lenBytes + 3] === 0x04;
}

function legacyEncryptedPem(block: PemBlock): boolean {
  return (block.headers.get('Proc-Type') ?? '').includes('ENCRYPTED');
}

async function privateKeyObject(block: PemBlock, password: Password | undefined, source: string): Promise<KeyObject> {
  const needsPassword = PASSWORD_TYPES.includes(block.type);
  if (needsPassword && password === undefined) throw new AppError('INPUT', `${source}: the private key is encrypted and no password was given`);
  switch (block.type) {
    case PEM_TYPE.sigstoreEncrypted:
    case PEM_TYPE.cosignEncrypted:
      return decryptCosignKey(block, password as Password, source);
    case PEM_TYPE.pkcs8Encrypted:
      try {
        return createPrivateKey({ key: block.der, format: 'der', type: 'pkcs8', passphrase: Buffer.from(password as Password) });
      } catch {
        throw new AppError('INPUT', `${source}: wrong password, or the key is corrupt`);
      }
    case PEM_TYPE.sec1:
      return parseDer(block.der, 'sec1', `the ${block.type} block`, source);
    case PEM_TYPE.pkcs1:
      return parseDer(block.der, 'pkcs1', `the ${block.type} block`, source);
    default:
      return parsePkcs8(block.der, `the ${block.type} block`, source);
  }
}

/**
 * Read a private key for signing from PEM text: cosign's `ENCRYPTED SIGSTORE PRIVATE KEY` (and the
 * legacy `ENCRYPTED COSIGN PRIVATE KEY`), PKCS#8 `PRIVATE KEY` / `ENCRYPTED PRIVATE KEY`, SEC1
 * `EC PRIVATE KEY`, PKCS#1 `RSA PRIVATE KEY`. `password` is needed only for the encrypted ones
 * (an empty string is a valid password). `source` names the input in errors (a path, `env://VAR`).
 * Errors are AppError INPUT/UNSUPPORTED; a wrong password says "wrong password, or the key is corrupt".
 */
export async function loadSigningKey(text: string, password: Password | undefined, source: string): Promise<SigningKey> {
  const block = decodePem(privateSection(text, source), source);
  if (legacyEncryptedPem(block)) {
    throw new AppError('UNSUPPORTED', `${source}: OpenSSL's legacy encrypted PEM (Proc-Type: 4,ENCRYPTED) is not supported; convert it first, e.g. "openssl pkcs8 -topk8 -in KEY -out key.p8" (asks for both passwords)`);
  }
  return signingKeyFrom(await privateKeyObject(block, password, source), source);
}

function publicKeyObject(block: PemBlock, source: string): KeyObject {
  try {
    if (block.type === PEM_TYPE.certificate) return new X509Certificate(block.der).publicKey;
    return createPublicKey({ key: block.der, format: 'der', type: block.type === PEM_TYPE.rsaPublicKey ? 'pkcs1' : 'spki' });
  } catch {
    throw new AppError('INPUT', `${source}: the ${block.type} block is not a valid ${block.type === PEM_TYPE.certificate ? 'X.509 certificate' : 'public key'}`);
  }
}

/**
 * Read a public key for verification from PEM text: `PUBLIC KEY` (SubjectPublicKeyInfo, what
 * cosign.pub holds), `RSA PUBLIC KEY` (PKCS#1), or a `CERTIFICATE` (its key; the first one of a
 * chain, i.e. the leaf). Several `PUBLIC KEY` blocks are ambiguous and refused.
 */
export function loadVerificationKey(text: string, source: string): VerificationKey {
  const blocks = scanPem(text, source);
  const keys = blocks.filter((b) => PUBLIC_TYPES.includes(b.type));
  const first = keys[0];
  if (!first) {
    if (blocks.some((b) => PRIVATE_TYPES.includes(b.type))) throw new AppError('INPUT', `${source}: holds a private key; verification needs the public key (e.g. cosign.pub)`);
    throw new AppError('INPUT', `${source}: no PEM public key or certificate${typesFound(blocks)}`);
  }
  if (first.type !== PEM_TYPE.certificate && keys.length > 1) throw new AppError('INPUT', `${source}: holds ${keys.length} public keys; give a file with exactly one`);
  return verificationKeyFrom(publicKeyObject(decodePem(first, source), source), source);
}
