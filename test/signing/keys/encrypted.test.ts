import { describe, expect, it } from 'vitest';
import { decryptCosignContainer, encryptCosignContainer, SCRYPT_WRITE_PARAMS } from '../../../src/signing/keys/encrypted.js';
import { SECURESYSTEMSLIB as SSL } from './vectors.js';
import { failure } from '../../helpers/app-error.js';

const bytes = (s: string): Buffer => Buffer.from(s, 'utf8');

/** The securesystemslib TestDecrypt vector with one field of its JSON replaced. */
function mutated(edit: (doc: { kdf: { name: string; params: { N: number; r: number; p: number }; salt: string }; cipher: { name: string; nonce: string }; ciphertext: string }) => void): Buffer {
  const doc = JSON.parse(SSL.decrypt) as Parameters<typeof edit>[0];
  edit(doc);
  return bytes(JSON.stringify(doc));
}

describe("cosign's encrypted container (go-securesystemslib vectors)", () => {
  it('decrypts TestDecrypt and every kdfVectors entry (N = 2^15, 2^16, 2^17)', async () => {
    const plain = await decryptCosignContainer(bytes(SSL.decrypt), SSL.passphrase, 'vector');
    expect(plain.toString('utf8')).toBe(SSL.plaintext);
    // kdfVectors were made with encrypted.Marshal: the plaintext is the JSON of a Go []byte (a base64 string).
    for (const doc of SSL.kdfVectors) {
      const json = await decryptCosignContainer(bytes(doc), SSL.passphrase, 'vector');
      expect(Buffer.from(JSON.parse(json.toString('utf8')) as string, 'base64').toString('utf8')).toBe(SSL.plaintext);
    }
  });

  it('refuses the TestUnsupportedKDFParameters vector before deriving anything', async () => {
    const started = performance.now();
    const err = await failure(decryptCosignContainer(bytes(SSL.unsupportedParams), SSL.passphrase, 'vector'));
    expect(performance.now() - started).toBeLessThan(100);
    expect(err.code).toBe('INPUT');
    expect(err.message).toContain('scrypt parameters N=99, r=99, p=99 are refused');
  });

  it('refuses absurd scrypt costs quickly (a tampered file must not cost minutes or gigabytes)', async () => {
    for (const params of [
      { N: 2 ** 30, r: 8, p: 1 },
      { N: 2 ** 21, r: 8, p: 1 },
      { N: 2 ** 20, r: 32, p: 1 },
      { N: 2 ** 16, r: 8, p: 16 * 1024 },
      { N: 0, r: 8, p: 1 },
      { N: 32768, r: 0, p: 1 },
    ]) {
      const started = performance.now();
      const err = await failure(decryptCosignContainer(mutated((d) => (d.kdf.params = params)), SSL.passphrase, 'k'));
      expect(performance.now() - started).toBeLessThan(100);
      expect(err.message).toContain(`N=${params.N}, r=${params.r}, p=${params.p} are refused`);
    }
  });

  it('says "wrong password" for a wrong passphrase and for a tampered ciphertext, and never echoes the password', async () => {
    const secret = 'correct horse battery staple';
    const err = await failure(decryptCosignContainer(bytes(SSL.decrypt), secret, 'cosign.key'));
    expect(err.code).toBe('INPUT');
    expect(err.message).toBe('cosign.key: wrong password, or the key is corrupt');
    const doc = JSON.parse(SSL.decrypt) as { ciphertext: string };
    const ct = Buffer.from(doc.ciphertext, 'base64');
    ct[0] = (ct[0] as number) ^ 0xff;
    const tampered = mutated((d) => (d.ciphertext = ct.toString('base64')));
    expect((await failure(decryptCosignContainer(tampered, SSL.passphrase, 'cosign.key'))).message).toBe('cosign.key: wrong password, or the key is corrupt');
  });

  it('names each malformed field', async () => {
    const cases: Array<[Buffer, string]> = [
      [mutated((d) => (d.kdf.name = 'argon2id')), 'key derivation "argon2id" is not supported'],
      [mutated((d) => (d.cipher.name = 'aes-gcm')), 'cipher "aes-gcm" is not supported'],
      [mutated((d) => (d.cipher.nonce = Buffer.alloc(12).toString('base64'))), 'cipher.nonce is 12 bytes (nacl/secretbox needs 24)'],
      [mutated((d) => (d.cipher.nonce = 'not base64!')), 'cipher.nonce is not valid base64'],
      [mutated((d) => (d.kdf.salt = '')), 'kdf.salt is 0 bytes'],
      [mutated((d) => (d.ciphertext = 'AAAA')), 'ciphertext is 3 bytes'],
      [mutated((d) => (d.ciphertext = 'SEW6sUh0jf2wfdjJGPNS9+bkk2uB+Cxamf32zR8XkQ')), 'ciphertext is not valid base64'],
      [bytes('{"kdf":{"name":"scrypt"},"cipher":{}}'), 'not a cosign encrypted key: kdf.params:'],
      [bytes('not json'), 'the encrypted key is not valid JSON'],
    ];
    for (const [doc, message] of cases) expect((await failure(decryptCosignContainer(doc, SSL.passphrase, 'k'))).message).toContain(message);
  });
});

describe('encryptCosignContainer', () => {
  it("writes cosign's current parameters and reads back its own output, with fresh salt and nonce each time", async () => {
    const plaintext = Buffer.from('a PKCS#8 key would go here');
    const a = JSON.parse((await encryptCosignContainer(plaintext, 'pw')).toString()) as { kdf: { name: string; params: unknown; salt: string }; cipher: { name: string; nonce: string } };
    const b = JSON.parse((await encryptCosignContainer(plaintext, 'pw')).toString()) as typeof a;
    expect(a.kdf.name).toBe('scrypt');
    expect(a.kdf.params).toEqual({ N: 65536, r: 8, p: 1 });
    expect(SCRYPT_WRITE_PARAMS).toEqual({ N: 65536, r: 8, p: 1 });
    expect(a.cipher.name).toBe('nacl/secretbox');
    expect(Buffer.from(a.kdf.salt, 'base64')).toHaveLength(32);
    expect(Buffer.from(a.cipher.nonce, 'base64')).toHaveLength(24);
    expect(a.kdf.salt).not.toBe(b.kdf.salt);
    expect(a.cipher.nonce).not.toBe(b.cipher.nonce);
    const sealed = await encryptCosignContainer(plaintext, '');
    expect(await decryptCosignContainer(sealed, '', 'k')).toEqual(plaintext);
    expect((await failure(decryptCosignContainer(sealed, ' ', 'k'))).message).toContain('wrong password');
  });
});
