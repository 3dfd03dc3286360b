import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CliIo } from '../../src/cli/io.js';
import { newKeyPassword, readPrivateKey, readPublicKey } from '../../src/cli/key-input.js';
import type { PasswordPrompt } from '../../src/cli/password-prompt.js';
import { COSIGN_KEYS_TEST as COSIGN, COSIGN_TESTDATA as TESTDATA } from '../signing/keys/vectors.js';
import { failure } from '../helpers/app-error.js';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'drydock-keyinput-'));
  writeFileSync(join(dir, 'cosign.key'), COSIGN.pemsigstorekey);
  writeFileSync(join(dir, 'plain.key'), COSIGN.validecp256);
  writeFileSync(join(dir, 'blob.key'), TESTDATA.testBlobPrivateKey);
  writeFileSync(join(dir, 'blob.pub'), TESTDATA.testBlobPublicKey);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function io(env: Record<string, string> = {}): CliIo {
  return { stdout: { write: () => true }, stderr: { write: () => true, isTTY: false }, env, cwd: dir, readStdin: async () => '' };
}

/** A prompt that answers from a list and records the questions. */
function scripted(answers: string[], available = true): PasswordPrompt & { asked: string[] } {
  const asked: string[] = [];
  return { asked, available: () => available, ask: async (q) => (asked.push(q), answers.shift() ?? '') };
}

describe('readPrivateKey / readPublicKey', () => {
  it('reads a relative path with the password from COSIGN_PASSWORD, without prompting', async () => {
    const prompt = scripted([]);
    const key = await readPrivateKey('cosign.key', io({ COSIGN_PASSWORD: 'hello' }), prompt);
    expect(key.algorithm).toBe('ecdsa-p256');
    expect(prompt.asked).toEqual([]);
  });

  it('asks on the terminal only when the key is encrypted and no variable is set', async () => {
    const prompt = scripted(['hello']);
    expect((await readPrivateKey('cosign.key', io(), prompt)).algorithm).toBe('ecdsa-p256');
    expect(prompt.asked).toEqual(['Enter password for private key cosign.key: ']);
    const plainPrompt = scripted([]);
    await readPrivateKey('plain.key', io(), plainPrompt);
    expect(plainPrompt.asked).toEqual([]);
  });

  it('reads env://VAR (PEM in the variable) for both key kinds; the public key matches', async () => {
    const env = { SIGNING_KEY: TESTDATA.testBlobPrivateKey, VERIFY_KEY: TESTDATA.testBlobPublicKey };
    const key = await readPrivateKey('env://SIGNING_KEY', io(env), scripted([], false));
    const pub = await readPublicKey('env://VERIFY_KEY', io(env));
    expect(pub.verify(Buffer.from('x'), key.sign(Buffer.from('x')))).toBe(true);
    expect((await readPublicKey('blob.pub', io())).fingerprint).toBe(pub.fingerprint);
  });

  it('fails clearly: missing file (NOT_FOUND), unset variable, no password source (USAGE), wrong password (INPUT)', async () => {
    const missing = await failure(readPrivateKey('nope/cosign.key', io({ COSIGN_PASSWORD: 'x' })));
    expect([missing.code, missing.message]).toEqual(['NOT_FOUND', 'nope/cosign.key: no such key file']);
    const unset = await failure(readPublicKey('env://NOT_SET', io()));
    expect([unset.code, unset.message]).toEqual(['NOT_FOUND', 'env://NOT_SET: environment variable NOT_SET is not set']);
    const noPassword = await failure(readPrivateKey('cosign.key', io(), scripted([], false)));
    expect(noPassword.code).toBe('USAGE');
    expect(noPassword.message).toBe("cosign.key is encrypted: set COSIGN_PASSWORD (or DRYDOCK_PASSWORD) to the key's password, or run in a terminal to be asked for it");
    const wrong = await failure(readPrivateKey('cosign.key', io({ DRYDOCK_PASSWORD: 'not-hello-secret' })));
    expect([wrong.code, wrong.message]).toEqual(['INPUT', 'cosign.key: wrong password, or the key is corrupt']);
    const dirAsKey = await failure(readPublicKey('.', io()));
    expect(dirAsKey.message).toBe('.: not a regular file');
  });
});

describe('newKeyPassword', () => {
  it('takes the variable as is (even empty), else asks twice and insists they match', async () => {
    expect(await newKeyPassword(io({ COSIGN_PASSWORD: '' }), scripted([]))).toBe('');
    const prompt = scripted(['s3cret', 's3cret']);
    expect(await newKeyPassword(io(), prompt)).toBe('s3cret');
    expect(prompt.asked).toEqual(['Enter password for private key: ', 'Enter password for private key again: ']);
    expect((await failure(newKeyPassword(io(), scripted(['a', 'b'])))).message).toBe('the passwords do not match');
    expect((await failure(newKeyPassword(io(), scripted([], false)))).code).toBe('USAGE');
  });
});
