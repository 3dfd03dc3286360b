import { randomBytes, scrypt } from 'node:crypto';
import nacl from 'tweetnacl';
import * as z from 'zod/mini';
import { AppError } from '../../core/errors.js';
import { parseJsonDocument } from '../../core/json.js';
import { decodeBase64Strict } from './pem.js';

/**
 * Cosign's password-encrypted container (go-securesystemslib `encrypted`): a JSON document
 *
 *   {"kdf":{"name":"scrypt","params":{"N":65536,"r":8,"p":1},"salt":"<b64>"},
 *    "cipher":{"name":"nacl/secretbox","nonce":"<b64>"},"ciphertext":"<b64>"}
 *
 * The password goes through scrypt (32-byte key) and the plaintext is sealed with NaCl secretbox
 * (XSalsa20-Poly1305). For cosign keys the plaintext is the PKCS#8 DER private key.
 */

/** A password as typed or read from the environment (UTF-8), or raw bytes. */
export type Password = string | Uint8Array;

/**
 * The parameters written: go-securesystemslib's default ("Standard", N=2^16), which is what
 * `cosign generate-key-pair` writes today. Cosign reads exactly three sets: N=2^15, 2^16, 2^17 with r=8, p=1.
 */
export const SCRYPT_WRITE_PARAMS = { N: 65536, r: 8, p: 1 } as const;
export const KDF_NAME = 'scrypt';
export const CIPHER_NAME = 'nacl/secretbox';
const SALT_BYTES = 32;
const KEY_BYTES = 32;
const MAX_SALT_BYTES = 1024;
const MAX_CIPHERTEXT_BYTES = 1024 * 1024;

/**
 * What drydock agrees to compute when reading: a tampered file must not make us spend minutes or
 * gigabytes. Up to N=2^20 with r=8 (1 GiB, a few seconds); cosign's own sets are far below.
 */
export const SCRYPT_LIMITS = { maxN: 2 ** 20, maxR: 32, maxP: 16, maxMemoryBytes: 2 ** 30, maxWork: 2 ** 23 } as const;

const documentSchema = z.object({
  kdf: z.object({
    name: z.string(),
    params: z.object({ N: z.int(), r: z.int(), p: z.int() }),
    salt: z.string(),
  }),
  cipher: z.object({ name: z.string(), nonce: z.string() }),
  ciphertext: z.string(),
});

type ScryptParams = { N: number; r: number; p: number };

function passwordBytes(password: Password): Buffer {
  return typeof password === 'string' ? Buffer.from(password, 'utf8') : Buffer.from(password);
}

function deriveKey(password: Password, salt: Buffer, params: ScryptParams): Promise<Buffer> {
  // Node refuses scrypt above `maxmem` (32 MiB by default); N=2^15, r=8 alone needs exactly that.
  const maxmem = 128 * params.r * (params.N + params.p + 2) + 1024 * 1024;
  const pw = passwordBytes(password);
  return new Promise((resolve, reject) => {
    scrypt(pw, salt, KEY_BYTES, { N: params.N, r: params.r, p: params.p, maxmem }, (err, key) => {
      pw.fill(0);
      if (err) reject(err);
      else resolve(key);
    });
  });
}

function checkParams({ N, r, p }: ScryptParams, source: string): void {
  const L = SCRYPT_LIMITS;
  const powerOfTwo = N >= 2 && (N & (N - 1)) === 0;
  const ok = powerOfTwo && N <= L.maxN && r >= 1 && r <= L.maxR && p >= 1 && p <= L.maxP && 128 * N * r <= L.maxMemoryBytes && N * r * p <= L.maxWork;
  if (!ok) {
    throw new AppError(
      'INPUT',
      `${source}: scrypt parameters N=${N}, r=${r}, p=${p} are refused (N must be a power of two up to 2^20, r at most ${L.maxR}, p at most ${L.maxP}, and the work at most N=2^20 with r=8)`,
    );
  }
}

function problems(err: { issues: ReadonlyArray<{ path: PropertyKey[]; message: string }> }): string {
  return err.issues.map((i) => `${i.path.length ? i.path.map(String).join('.') : '(root)'}: ${i.message}`).join('; ');
}

/** Parse and check the JSON container; no key derivation happens here. */
function parseDocument(json: Uint8Array, source: string): { params: ScryptParams; salt: Buffer; nonce: Buffer; ciphertext: Buffer } {
  const parsed = documentSchema.safeParse(parseJsonDocument(Buffer.from(json), `${source}: the encrypted key`));
  if (!parsed.success) throw new AppError('INPUT', `${source}: not a cosign encrypted key: ${problems(parsed.error)}`);
  const doc = parsed.data;
  if (doc.kdf.name !== KDF_NAME) throw new AppError('UNSUPPORTED', `${source}: key derivation "${doc.kdf.name}" is not supported (expected "${KDF_NAME}")`);
  if (doc.cipher.name !== CIPHER_NAME) throw new AppError('UNSUPPORTED', `${source}: cipher "${doc.cipher.name}" is not supported (expected "${CIPHER_NAME}")`);
  checkParams(doc.kdf.params, source);
  const salt = decodeBase64Strict(doc.kdf.salt, `${source}: kdf.salt`);
  const nonce = decodeBase64Strict(doc.cipher.nonce, `${source}: cipher.nonce`);
  const ciphertext = decodeBase64Strict(doc.ciphertext, `${source}: ciphertext`);
  if (salt.length === 0 || salt.length > MAX_SALT_BYTES) throw new AppError('INPUT', `${source}: kdf.salt is ${salt.length} bytes (expected 1 to ${MAX_SALT_BYTES})`);
  if (nonce.length !== nacl.secretbox.nonceLength) {
    throw new AppError('INPUT', `${source}: cipher.nonce is ${nonce.length} bytes (nacl/secretbox needs ${nacl.secretbox.nonceLength})`);
  }
  if (ciphertext.length < nacl.secretbox.overheadLength || ciphertext.length > MAX_CIPHERTEXT_BYTES) {
    throw new AppError('INPUT', `${source}: ciphertext is ${ciphertext.length} bytes (expected ${nacl.secretbox.overheadLength} to ${MAX_CIPHERTEXT_BYTES})`);
  }
  return { params: doc.kdf.params, salt, nonce, ciphertext };
}

/**
 * Open a cosign encrypted container (the body of an `ENCRYPTED SIGSTORE PRIVATE KEY` block).
 * A wrong password and a tampered ciphertext look the same (the Poly1305 tag fails): one message for both.
 * `source` names the input in messages; the password never appears in them.
 */
export async function decryptCosignContainer(json: Uint8Array, password: Password, source: string): Promise<Buffer> {
  const doc = parseDocument(json, source);
  const key = await deriveKey(password, doc.salt, doc.params);
  try {
    const plain = nacl.secretbox.open(doc.ciphertext, doc.nonce, key);
    if (!plain) throw new AppError('INPUT', `${source}: wrong password, or the key is corrupt`);
    return Buffer.from(plain.buffer, plain.byteOffset, plain.byteLength);
  } finally {
    key.fill(0);
  }
}

/** Seal `plaintext` under `password` with fresh salt and nonce; returns the JSON container bytes (compact, cosign's field order). */
export async function encryptCosignContainer(plaintext: Uint8Array, password: Password): Promise<Buffer> {
  const salt = randomBytes(SALT_BYTES);
  const nonce = randomBytes(nacl.secretbox.nonceLength);
  const key = await deriveKey(password, salt, SCRYPT_WRITE_PARAMS);
  try {
    const sealed = nacl.secretbox(plaintext, nonce, key);
    const doc = {
      kdf: { name: KDF_NAME, params: { N: SCRYPT_WRITE_PARAMS.N, r: SCRYPT_WRITE_PARAMS.r, p: SCRYPT_WRITE_PARAMS.p }, salt: salt.toString('base64') },
      cipher: { name: CIPHER_NAME, nonce: nonce.toString('base64') },
      ciphertext: Buffer.from(sealed).toString('base64'),
    };
    return Buffer.from(JSON.stringify(doc), 'utf8');
  } finally {
    key.fill(0);
  }
}
