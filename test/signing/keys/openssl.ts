import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { KeyAlgorithm } from '../../../src/signing/keys/types.js';

/**
 * The `openssl` command line as an independent signer/verifier. ECDSA and RSA go through
 * `openssl dgst -<hash>` (DER ECDSA, PKCS#1 v1.5 RSA); Ed25519 through `pkeyutl -rawin`.
 */

const DIGEST: Record<Exclude<KeyAlgorithm, 'ed25519'>, string> = {
  'ecdsa-p256': '-sha256',
  'ecdsa-p384': '-sha384',
  'ecdsa-p521': '-sha512',
  rsa: '-sha256',
};

function inTempDir<T>(work: (dir: string) => T): T {
  const dir = mkdtempSync(join(tmpdir(), 'drydock-openssl-'));
  try {
    return work(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function openssl(args: string[]): { ok: boolean; output: string } {
  try {
    return { ok: true, output: execFileSync('openssl', args, { stdio: ['ignore', 'pipe', 'pipe'] }).toString() };
  } catch (err) {
    const e = err as { stdout?: Buffer; stderr?: Buffer };
    return { ok: false, output: `${e.stdout?.toString() ?? ''}${e.stderr?.toString() ?? ''}` };
  }
}

/** Does `openssl` accept `signature` over `data` under the PEM public key? */
export function opensslVerifies(algorithm: KeyAlgorithm, publicPem: string, data: Buffer, signature: Buffer): boolean {
  return inTempDir((dir) => {
    const [pub, msg, sig] = ['pub.pem', 'data', 'sig'].map((f) => join(dir, f)) as [string, string, string];
    writeFileSync(pub, publicPem);
    writeFileSync(msg, data);
    writeFileSync(sig, signature);
    const r =
      algorithm === 'ed25519'
        ? openssl(['pkeyutl', '-verify', '-pubin', '-inkey', pub, '-rawin', '-in', msg, '-sigfile', sig])
        : openssl(['dgst', DIGEST[algorithm], '-verify', pub, '-signature', sig, msg]);
    if (r.ok && !/Verified OK|Signature Verified Successfully/.test(r.output)) throw new Error(`unexpected openssl output: ${r.output}`);
    return r.ok;
  });
}

/** Sign `data` with `openssl` under a PEM private key (unencrypted). */
export function opensslSign(algorithm: KeyAlgorithm, privatePem: string, data: Buffer): Buffer {
  return inTempDir((dir) => {
    const [key, msg, sig] = ['key.pem', 'data', 'sig'].map((f) => join(dir, f)) as [string, string, string];
    writeFileSync(key, privatePem, { mode: 0o600 });
    writeFileSync(msg, data);
    const r =
      algorithm === 'ed25519'
        ? openssl(['pkeyutl', '-sign', '-inkey', key, '-rawin', '-in', msg, '-out', sig])
        : openssl(['dgst', DIGEST[algorithm], '-sign', key, '-out', sig, msg]);
    if (!r.ok) throw new Error(`openssl could not sign: ${r.output}`);
    return readFileSync(sig);
  });
}

/** Run openssl with `args` in a temp dir holding `files`; returns exit status and output. */
export function opensslWith(files: Record<string, string>, args: (dir: string) => string[]): { ok: boolean; output: string; read: (name: string) => string } {
  return inTempDir((dir) => {
    for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text, { mode: 0o600 });
    const r = openssl(args(dir));
    const outputs = new Map<string, string>();
    for (const name of ['out.pem']) {
      try {
        outputs.set(name, readFileSync(join(dir, name), 'utf8'));
      } catch {
        // no such output
      }
    }
    return { ...r, read: (name: string) => outputs.get(name) ?? '' };
  });
}
