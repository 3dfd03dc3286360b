import { execFileSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadSigningKey, loadVerificationKey } from '../../src/signing/keys/load.js';
import { publicKeyFingerprint } from '../../src/signing/keys/algorithms.js';
import { runCli } from '../helpers/drydock.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'drydock-genkey-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const env = (extra: Record<string, string>): Record<string, string | undefined> => ({ HOME: process.env['HOME'], PATH: process.env['PATH'], ...extra });
const mode = (path: string): number => statSync(path).mode & 0o777;

describe('drydock generate-key-pair', () => {
  it('writes cosign.key (0600, encrypted) and cosign.pub in the working directory; openssl reads the public key', async () => {
    const r = await runCli(['generate-key-pair'], { env: env({ COSIGN_PASSWORD: 'cli test pw' }), cwd: dir });
    expect(r).toEqual({ code: 0, stdout: '', stderr: 'Private key written to cosign.key\nPublic key written to cosign.pub\n' });
    const keyPath = join(dir, 'cosign.key');
    const pubPath = join(dir, 'cosign.pub');
    expect(mode(keyPath)).toBe(0o600);
    expect(readFileSync(keyPath, 'utf8')).toContain('-----BEGIN ENCRYPTED SIGSTORE PRIVATE KEY-----');
    execFileSync('openssl', ['pkey', '-pubin', '-in', pubPath, '-noout']);
    const key = await loadSigningKey(readFileSync(keyPath, 'utf8'), 'cli test pw', keyPath);
    const pub = loadVerificationKey(readFileSync(pubPath, 'utf8'), pubPath);
    expect(key.algorithm).toBe('ecdsa-p256');
    expect(publicKeyFingerprint(key.publicKey)).toBe(pub.fingerprint);
  });

  it('honours --output-key-prefix and --algorithm, and DRYDOCK_PASSWORD when COSIGN_PASSWORD is unset', async () => {
    const prefix = join(dir, 'release');
    const r = await runCli(['generate-key-pair', '--output-key-prefix', prefix, '--algorithm', 'ed25519'], { env: env({ DRYDOCK_PASSWORD: 'drydock pw' }) });
    expect(r.code).toBe(0);
    const key = await loadSigningKey(readFileSync(`${prefix}.key`, 'utf8'), 'drydock pw', 'k');
    expect(key.algorithm).toBe('ed25519');
    expect(loadVerificationKey(readFileSync(`${prefix}.pub`, 'utf8'), 'p').algorithm).toBe('ed25519');
  });

  it('COSIGN_PASSWORD wins over DRYDOCK_PASSWORD, and an empty COSIGN_PASSWORD is the empty password', async () => {
    expect((await runCli(['generate-key-pair'], { env: env({ COSIGN_PASSWORD: '', DRYDOCK_PASSWORD: 'other' }), cwd: dir })).code).toBe(0);
    const key = await loadSigningKey(readFileSync(join(dir, 'cosign.key'), 'utf8'), '', 'k');
    expect(key.algorithm).toBe('ecdsa-p256');
  });

  it('refuses to overwrite either file without --force, leaving both untouched', async () => {
    writeFileSync(join(dir, 'cosign.pub'), 'keep me\n');
    const r = await runCli(['generate-key-pair'], { env: env({ COSIGN_PASSWORD: 'x' }), cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('drydock: cosign.pub already exists; use --force to overwrite it\n');
    expect(readFileSync(join(dir, 'cosign.pub'), 'utf8')).toBe('keep me\n');
    expect(() => statSync(join(dir, 'cosign.key'))).toThrow();
  });

  it('--force replaces both files, and the new private key is 0600 even over a 0644 file', async () => {
    writeFileSync(join(dir, 'cosign.key'), 'old key\n');
    chmodSync(join(dir, 'cosign.key'), 0o644);
    writeFileSync(join(dir, 'cosign.pub'), 'old pub\n');
    const r = await runCli(['generate-key-pair', '--force', '--algorithm', 'ecdsa-p384'], { env: env({ COSIGN_PASSWORD: 'x' }), cwd: dir });
    expect(r.code).toBe(0);
    expect(mode(join(dir, 'cosign.key'))).toBe(0o600);
    expect((await loadSigningKey(readFileSync(join(dir, 'cosign.key'), 'utf8'), 'x', 'k')).algorithm).toBe('ecdsa-p384');
    expect(readFileSync(join(dir, 'cosign.pub'), 'utf8')).toContain('-----BEGIN PUBLIC KEY-----');
  });

  it('without a password variable and no terminal: exit 2 naming COSIGN_PASSWORD, nothing written', async () => {
    const r = await runCli(['generate-key-pair'], { env: env({}), cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('set COSIGN_PASSWORD (or DRYDOCK_PASSWORD)');
    expect(() => statSync(join(dir, 'cosign.key'))).toThrow();
  });

  it('an unknown algorithm or a missing directory: exit 2', async () => {
    const bad = await runCli(['generate-key-pair', '--algorithm', 'rsa'], { env: env({ COSIGN_PASSWORD: 'x' }), cwd: dir });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("argument 'rsa' is invalid");
    const missing = await runCli(['generate-key-pair', '--output-key-prefix', join(dir, 'no/such/dir/k')], { env: env({ COSIGN_PASSWORD: 'x' }) });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('cannot write');
  });
});
