import { readFile, stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { AppError, errorMessage } from '../core/errors.js';
import type { SigningKey, VerificationKey } from '../signing/keys/types.js';
import type { CliIo } from './io.js';
import { terminalPrompt, type PasswordPrompt } from './password-prompt.js';

/**
 * Reading `--key` for the signing commands. A key reference is a PEM file path or cosign's
 * `env://VARIABLE` (the PEM text is in that variable). Passwords for encrypted private keys come
 * from COSIGN_PASSWORD, then DRYDOCK_PASSWORD (set but empty means the empty password, as in
 * cosign), else a prompt when stdin and stderr are terminals.
 */

/** Password variables, in the order they are consulted. */
export const PASSWORD_ENV = ['COSIGN_PASSWORD', 'DRYDOCK_PASSWORD'] as const;
/** A key file larger than this is not a key file. */
const MAX_KEY_FILE_BYTES = 1024 * 1024;

/** The password from the environment, if any variable is set (possibly to ""). */
export function passwordFromEnv(io: CliIo): string | undefined {
  for (const name of PASSWORD_ENV) {
    const value = io.env[name];
    if (value !== undefined) return value;
  }
  return undefined;
}

/** The PEM text a key reference points to, and the name to use for it in messages. */
export async function readKeyText(ref: string, io: CliIo): Promise<{ text: string; source: string }> {
  const { keyRefKind } = await import('../signing/keys/ref.js');
  const kind = keyRefKind(ref);
  if (kind.kind === 'env') {
    const text = io.env[kind.name];
    if (text === undefined) throw new AppError('NOT_FOUND', `${ref}: environment variable ${kind.name} is not set`);
    if (text.trim() === '') throw new AppError('INPUT', `${ref}: environment variable ${kind.name} is empty`);
    return { text, source: ref };
  }
  const path = resolve(io.cwd, kind.path);
  const st = await stat(path).catch((err: NodeJS.ErrnoException) => {
    if (err.code === 'ENOENT' || err.code === 'ENOTDIR') throw new AppError('NOT_FOUND', `${kind.path}: no such key file`);
    throw new AppError('INPUT', `${kind.path}: cannot read the key file: ${errorMessage(err)}`);
  });
  if (!st.isFile()) throw new AppError('INPUT', `${kind.path}: not a regular file`);
  if (st.size > MAX_KEY_FILE_BYTES) throw new AppError('LIMIT', `${kind.path}: ${st.size} bytes is too large for a key file`);
  try {
    return { text: await readFile(path, 'utf8'), source: kind.path };
  } catch (err) {
    throw new AppError('INPUT', `${kind.path}: cannot read the key file: ${errorMessage(err)}`);
  }
}

function noPassword(what: string): AppError {
  return new AppError('USAGE', `${what}: set COSIGN_PASSWORD (or DRYDOCK_PASSWORD) to the key's password, or run in a terminal to be asked for it`);
}

/**
 * Load the private key `ref` points to, asking for its password only if it is encrypted.
 * Throws AppError: NOT_FOUND (no file / unset variable), USAGE (encrypted, no password source),
 * INPUT ("wrong password, or the key is corrupt", malformed key), UNSUPPORTED (key type).
 */
export async function readPrivateKey(ref: string, io: CliIo, prompt: PasswordPrompt = terminalPrompt(io)): Promise<SigningKey> {
  const { text, source } = await readKeyText(ref, io);
  const { loadSigningKey, privateKeyNeedsPassword } = await import('../signing/keys/load.js');
  let password: string | undefined;
  if (privateKeyNeedsPassword(text, source)) {
    password = passwordFromEnv(io);
    if (password === undefined) {
      if (!prompt.available()) throw noPassword(`${source} is encrypted`);
      password = await prompt.ask(`Enter password for private key ${source}: `);
    }
  }
  return loadSigningKey(text, password, source);
}

/** Load the public key (or the key of the certificate) `ref` points to. Errors as `readPrivateKey`. */
export async function readPublicKey(ref: string, io: CliIo): Promise<VerificationKey> {
  const { text, source } = await readKeyText(ref, io);
  const { loadVerificationKey } = await import('../signing/keys/load.js');
  return loadVerificationKey(text, source);
}

/** The password to encrypt a new private key with: from the environment, or asked twice on a terminal. */
export async function newKeyPassword(io: CliIo, prompt: PasswordPrompt = terminalPrompt(io)): Promise<string> {
  const fromEnv = passwordFromEnv(io);
  if (fromEnv !== undefined) return fromEnv;
  if (!prompt.available()) throw noPassword('the new private key needs a password');
  const first = await prompt.ask('Enter password for private key: ');
  const again = await prompt.ask('Enter password for private key again: ');
  if (first !== again) throw new AppError('USAGE', 'the passwords do not match');
  return first;
}
