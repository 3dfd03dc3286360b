import { describe, expect, it } from 'vitest';
import { publicKeyFingerprint, signatureHash } from '../../../src/signing/keys/algorithms.js';
import { GENERATABLE_ALGORITHMS, generateKeyPair } from '../../../src/signing/keys/generate.js';
import { loadSigningKey, loadVerificationKey } from '../../../src/signing/keys/load.js';
import { decodePem, scanPem } from '../../../src/signing/keys/pem.js';
import { opensslVerifies, opensslWith } from './openssl.js';
import { failure } from '../../helpers/app-error.js';

const DATA = Buffer.from('payload to sign');

describe('generateKeyPair', () => {
  it.each(GENERATABLE_ALGORITHMS)('%s: writes cosign files that decrypt back to the pair, and openssl verifies its signatures', async (algorithm) => {
    const pair = await generateKeyPair(algorithm, 'generate test password');
    expect(pair.privatePem).toMatch(/^-----BEGIN ENCRYPTED SIGSTORE PRIVATE KEY-----\n(?:[A-Za-z0-9+/=]{64}\n)*[A-Za-z0-9+/=]{1,64}\n-----END ENCRYPTED SIGSTORE PRIVATE KEY-----\n$/);
    expect(pair.publicPem).toMatch(/^-----BEGIN PUBLIC KEY-----\n[\s\S]+\n-----END PUBLIC KEY-----\n$/);
    const body = decodePem(scanPem(pair.privatePem, 'k')[0]!, 'k').der;
    expect(JSON.parse(body.toString('utf8'))).toMatchObject({ kdf: { name: 'scrypt', params: { N: 65536, r: 8, p: 1 } }, cipher: { name: 'nacl/secretbox' } });

    const key = await loadSigningKey(pair.privatePem, 'generate test password', 'cosign.key');
    const pub = loadVerificationKey(pair.publicPem, 'cosign.pub');
    expect(key.algorithm).toBe(algorithm);
    expect(pub.algorithm).toBe(algorithm);
    expect(publicKeyFingerprint(key.publicKey)).toBe(pub.fingerprint);
    const sig = key.sign(DATA);
    expect(pub.verify(DATA, sig)).toBe(true);
    expect(opensslVerifies(algorithm, pair.publicPem, DATA, sig)).toBe(true);
    expect(opensslWith({ 'cosign.pub': pair.publicPem }, (dir) => ['pkey', '-pubin', '-in', `${dir}/cosign.pub`, '-noout']).ok).toBe(true);

    expect((await failure(loadSigningKey(pair.privatePem, 'generate test passworD', 'cosign.key'))).message).toBe('cosign.key: wrong password, or the key is corrupt');
  });

  it('hashes as cosign does: P-256 SHA-256, P-384 SHA-384, P-521 SHA-512, RSA SHA-256, Ed25519 pure', () => {
    expect(['ecdsa-p256', 'ecdsa-p384', 'ecdsa-p521', 'rsa', 'ed25519'].map((a) => signatureHash(a as never))).toEqual(['sha256', 'sha384', 'sha512', 'sha256', undefined]);
  });

  it('allows an empty password (cosign does, with COSIGN_PASSWORD set to "") and refuses RSA generation', async () => {
    const pair = await generateKeyPair('ecdsa-p256', '');
    expect((await loadSigningKey(pair.privatePem, '', 'k')).algorithm).toBe('ecdsa-p256');
    expect((await failure(generateKeyPair('rsa', 'x'))).code).toBe('UNSUPPORTED');
  });

  it('a tampered ciphertext in the generated file is rejected', async () => {
    const pair = await generateKeyPair('ed25519', 'pw');
    const doc = JSON.parse(decodePem(scanPem(pair.privatePem, 'k')[0]!, 'k').der.toString()) as { ciphertext: string };
    const ct = Buffer.from(doc.ciphertext, 'base64');
    ct[ct.length - 1] = (ct[ct.length - 1] as number) ^ 0x80;
    doc.ciphertext = ct.toString('base64');
    const { encodePem } = await import('../../../src/signing/keys/pem.js');
    const tampered = encodePem('ENCRYPTED SIGSTORE PRIVATE KEY', Buffer.from(JSON.stringify(doc)));
    expect((await failure(loadSigningKey(tampered, 'pw', 'k'))).message).toBe('k: wrong password, or the key is corrupt');
  });
});
