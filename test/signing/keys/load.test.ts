import { createPrivateKey, createPublicKey } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../../src/core/errors.js';
import { publicKeyFingerprint } from '../../../src/signing/keys/algorithms.js';
import { loadSigningKey, loadVerificationKey, privateKeyNeedsPassword } from '../../../src/signing/keys/load.js';
import { encodePem } from '../../../src/signing/keys/pem.js';
import type { SigningKey } from '../../../src/signing/keys/types.js';
import { opensslSign, opensslVerifies, opensslWith } from './openssl.js';
import { COSIGN_KEYS_TEST as COSIGN, COSIGN_TESTDATA as TESTDATA, SIGSTORE_RS as RS } from './vectors.js';

const MESSAGE = Buffer.from('{"critical":{"identity":{"docker-reference":"registry.test/app"},"image":{"docker-manifest-digest":"sha256:0"},"type":"cosign container image signature"},"optional":null}');

async function failure(p: Promise<unknown> | (() => unknown)): Promise<AppError> {
  const err = await (typeof p === 'function' ? Promise.resolve().then(p) : p).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(AppError);
  return err as AppError;
}

function publicPemOf(key: SigningKey): string {
  return key.publicKey.export({ type: 'spki', format: 'pem' }).toString();
}

/** Our signature verifies with openssl, openssl's verifies with us, and a flipped byte fails both. */
function crossCheck(key: SigningKey): void {
  const sig = key.sign(MESSAGE);
  const pem = publicPemOf(key);
  expect(opensslVerifies(key.algorithm, pem, MESSAGE, sig)).toBe(true);
  const verifier = loadVerificationKey(pem, 'pub');
  expect(verifier.verify(MESSAGE, sig)).toBe(true);
  const plainPem = key.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  expect(verifier.verify(MESSAGE, opensslSign(key.algorithm, plainPem, MESSAGE))).toBe(true);
  const other = Buffer.from(MESSAGE);
  other[10] = (other[10] as number) ^ 1;
  expect(verifier.verify(other, sig)).toBe(false);
  expect(opensslVerifies(key.algorithm, pem, other, sig)).toBe(false);
}

describe("cosign's own encrypted test keys (pkg/cosign/keys_test.go, password \"hello\")", () => {
  it('reads ENCRYPTED SIGSTORE PRIVATE KEY and the legacy ENCRYPTED COSIGN PRIVATE KEY, and signs interoperably', async () => {
    for (const pem of [COSIGN.pemsigstorekey, COSIGN.pemcosignkey]) {
      expect(privateKeyNeedsPassword(pem, 'k')).toBe(true);
      const key = await loadSigningKey(pem, COSIGN.password, 'k');
      expect(key.algorithm).toBe('ecdsa-p256');
      crossCheck(key);
    }
  });

  it('pemcosigneckey decrypts to the same key as validecp256 from the same file (its plaintext is SEC1)', async () => {
    const decrypted = await loadSigningKey(COSIGN.pemcosigneckey, COSIGN.password, 'k');
    const plain = await loadSigningKey(COSIGN.validecp256, undefined, 'k');
    expect(publicKeyFingerprint(decrypted.publicKey)).toBe(publicKeyFingerprint(plain.publicKey));
    expect(decrypted.privateKey.export({ type: 'pkcs8', format: 'der' })).toEqual(plain.privateKey.export({ type: 'pkcs8', format: 'der' }));
  });

  it('rejects a wrong password without echoing it, and a missing one', async () => {
    const err = await failure(loadSigningKey(COSIGN.pemsigstorekey, 'hello!', 'cosign.key'));
    expect(err.code).toBe('INPUT');
    expect(err.message).toBe('cosign.key: wrong password, or the key is corrupt');
    expect((await failure(loadSigningKey(COSIGN.pemsigstorekey, undefined, 'cosign.key'))).message).toBe('cosign.key: the private key is encrypted and no password was given');
  });

  it('reads the plain keys cosign imports: SEC1 P-256/P-384/P-521, PKCS#8 EC and Ed25519', async () => {
    const cases: Array<[string, SigningKey['algorithm']]> = [
      [COSIGN.validecp256, 'ecdsa-p256'],
      [COSIGN.validecp384, 'ecdsa-p384'],
      [COSIGN.validecp521, 'ecdsa-p521'],
      [COSIGN.validecpkcs8, 'ecdsa-p256'],
      [COSIGN.ed25519key, 'ed25519'],
    ];
    for (const [pem, algorithm] of cases) {
      expect(privateKeyNeedsPassword(pem, 'k')).toBe(false);
      const key = await loadSigningKey(pem, undefined, 'k');
      expect(key.algorithm).toBe(algorithm);
      crossCheck(key);
    }
  });

  it('refuses the keys cosign refuses: P-224, secp256k1, RSA 1024, a public key, a PGP key', async () => {
    const cases: Array<[string, string, string]> = [
      [COSIGN.invalidecp224, 'UNSUPPORTED', 'k: ECDSA curve secp224r1 is not supported'],
      [COSIGN.invalidecunsupported, 'UNSUPPORTED', 'k: ECDSA curve secp256k1 is not supported'],
      [COSIGN.invalidrsasmallkey, 'UNSUPPORTED', 'k: 1024-bit RSA keys are not supported'],
      [COSIGN.invalidrsawithpubkey, 'INPUT', 'k: holds a public key or certificate; signing needs the private key'],
      ['-----BEGIN PGP PRIVATE KEY BLOCK-----\nVersion: BCPG C# v1.6.1.0\n\nlQOsBGGTOVkBCACbhVqC\n=8+cN\n-----END PGP PRIVATE KEY BLOCK-----\n', 'INPUT', 'k: no PEM private key (found: PGP PRIVATE KEY BLOCK)'],
      ['just text', 'INPUT', 'k: no PEM private key;'],
    ];
    for (const [pem, code, message] of cases) {
      const err = await failure(loadSigningKey(pem, 'hello', 'k'));
      expect([err.code, err.message]).toEqual([code, expect.stringContaining(message)]);
    }
  });
});

describe('other PEM encodings openssl writes', () => {
  it('reads PKCS#8 ENCRYPTED PRIVATE KEY (openssl pkcs8 -topk8) with its password', async () => {
    const made = opensslWith({ 'key.pem': COSIGN.validecp256 }, (dir) => ['pkcs8', '-topk8', '-in', `${dir}/key.pem`, '-passout', 'pass:p8 secret', '-out', `${dir}/out.pem`]);
    expect(made.ok).toBe(true);
    const pem = made.read('out.pem');
    expect(pem).toContain('-----BEGIN ENCRYPTED PRIVATE KEY-----');
    expect(privateKeyNeedsPassword(pem, 'k')).toBe(true);
    const key = await loadSigningKey(pem, 'p8 secret', 'k');
    expect(publicKeyFingerprint(key.publicKey)).toBe(publicKeyFingerprint((await loadSigningKey(COSIGN.validecp256, undefined, 'k')).publicKey));
    const err = await failure(loadSigningKey(pem, 'p8 secreT', 'k.p8'));
    expect(err.message).toBe('k.p8: wrong password, or the key is corrupt');
  });

  it("refuses OpenSSL's legacy Proc-Type encrypted PEM with a hint", async () => {
    const made = opensslWith({ 'key.pem': COSIGN.validecp256 }, (dir) => ['ec', '-in', `${dir}/key.pem`, '-aes256', '-passout', 'pass:pw', '-out', `${dir}/out.pem`]);
    expect(made.read('out.pem')).toContain('Proc-Type: 4,ENCRYPTED');
    const err = await failure(loadSigningKey(made.read('out.pem'), 'pw', 'old.pem'));
    expect(err.code).toBe('UNSUPPORTED');
    expect(err.message).toContain("old.pem: OpenSSL's legacy encrypted PEM (Proc-Type: 4,ENCRYPTED) is not supported");
  });
});

describe("cosign's blob test key pair (test/testdata/test_blob_{private,public}_key)", () => {
  it('reads the SEC1 key after its EC PARAMETERS block; its public key is the one in test_blob_public_key', async () => {
    const key = await loadSigningKey(TESTDATA.testBlobPrivateKey, undefined, 'test_blob_private_key');
    const pub = loadVerificationKey(TESTDATA.testBlobPublicKey, 'test_blob_public_key');
    expect(publicKeyFingerprint(key.publicKey)).toBe(pub.fingerprint);
    expect(pub.verify(MESSAGE, key.sign(MESSAGE))).toBe(true);
    expect(opensslVerifies('ecdsa-p256', TESTDATA.testBlobPublicKey, MESSAGE, key.sign(MESSAGE))).toBe(true);
  });
});

describe('sigstore-rs key files (tests/data/keys, password "123")', () => {
  it('decrypts the ECDSA (COSIGN label), Ed25519 and RSA-4096 encrypted keys, and the cosign-generated empty-password key', async () => {
    const cases: Array<[string, string, SigningKey['algorithm']]> = [
      [RS.ecdsaEncryptedPrivate, RS.password, 'ecdsa-p256'],
      [RS.ed25519EncryptedPrivate, RS.password, 'ed25519'],
      [RS.rsaEncryptedPrivate, RS.password, 'rsa'],
      [RS.cosignGeneratedEncryptedEmptyPrivate, '', 'ecdsa-p256'],
    ];
    for (const [pem, password, algorithm] of cases) {
      const key = await loadSigningKey(pem, password, 'k');
      expect(key.algorithm).toBe(algorithm);
      crossCheck(key);
    }
    expect((await failure(loadSigningKey(RS.cosignGeneratedEncryptedEmptyPrivate, '123', 'k'))).message).toContain('wrong password');
  });

  it('reads PKCS#8 v2 Ed25519 (public key embedded, which OpenSSL 3.0 alone refuses) and checks the embedded key', async () => {
    const key = await loadSigningKey(RS.ed25519Private, undefined, 'ed25519_private.key');
    expect(key.algorithm).toBe('ed25519');
    const der = Buffer.from(RS.ed25519Private.split('\n').slice(1, -2).join(''), 'base64');
    expect(() => createPrivateKey({ key: der, format: 'der', type: 'pkcs8' })).toThrow();
    // The embedded public key is the last 32 bytes of the file; it matches the derived one.
    expect(key.publicKey.export({ format: 'jwk' }).x).toBe(der.subarray(der.length - 32).toString('base64url'));
    const tampered = Buffer.from(der);
    tampered[tampered.length - 1] = (tampered[tampered.length - 1] as number) ^ 1;
    const err = await failure(loadSigningKey(encodePem('PRIVATE KEY', tampered), undefined, 'k'));
    expect(err.message).toBe('k: the public key stored in the PRIVATE KEY block does not match its private key');
  });

  it('reads PKCS#1 RSA PRIVATE KEY (4096 bits) and signs RSA PKCS#1 v1.5 SHA-256', async () => {
    const key = await loadSigningKey(RS.rsaPrivate, undefined, 'rsa_private.key');
    expect(key.algorithm).toBe('rsa');
    expect(key.privateKey.asymmetricKeyDetails?.modulusLength).toBe(4096);
    crossCheck(key);
  });
});

describe('loadVerificationKey', () => {
  it('reads PUBLIC KEY, RSA PUBLIC KEY and a CERTIFICATE (its key), with cosign hashes per type', async () => {
    const rsa = await loadSigningKey(RS.rsaPrivate, undefined, 'k');
    const pkcs1 = encodePem('RSA PUBLIC KEY', rsa.publicKey.export({ type: 'pkcs1', format: 'der' }));
    const fromPkcs1 = loadVerificationKey(pkcs1, 'k');
    expect(fromPkcs1.fingerprint).toBe(publicKeyFingerprint(rsa.publicKey));
    expect(fromPkcs1.verify(MESSAGE, rsa.sign(MESSAGE))).toBe(true);
    const p384 = await loadSigningKey(COSIGN.validecp384, undefined, 'k');
    const v = loadVerificationKey(publicPemOf(p384), 'k');
    expect(v.algorithm).toBe('ecdsa-p384');
    expect(v.verify(MESSAGE, p384.sign(MESSAGE))).toBe(true);
    // A self-signed certificate made by openssl from cosign's P-384 test key, with a leading comment line.
    const made = opensslWith({ 'key.pem': COSIGN.validecp384 }, (dir) => ['req', '-new', '-x509', '-key', `${dir}/key.pem`, '-subj', '/CN=drydock test', '-days', '1', '-out', `${dir}/out.pem`]);
    expect(made.ok).toBe(true);
    const fromCert = loadVerificationKey(`issued for a test\n${made.read('out.pem')}`, 'cert.pem');
    expect(fromCert.fingerprint).toBe(v.fingerprint);
    expect(fromCert.verify(MESSAGE, p384.sign(MESSAGE))).toBe(true);
  });

  it('never throws on garbage signatures; ECDSA accepts only DER', async () => {
    for (const pem of [COSIGN.validecp256, COSIGN.ed25519key, RS.rsaPrivate]) {
      const key = await loadSigningKey(pem, undefined, 'k');
      const v = loadVerificationKey(publicPemOf(key), 'k');
      for (const junk of [Buffer.alloc(0), Buffer.alloc(64), Buffer.from('30440220', 'hex'), Buffer.alloc(600, 0x30)]) expect(v.verify(MESSAGE, junk)).toBe(false);
    }
    const ec = await loadSigningKey(COSIGN.validecp256, undefined, 'k');
    const rawSig = createPrivateKey(ec.privateKey.export({ type: 'pkcs8', format: 'pem' }));
    const { sign } = await import('node:crypto');
    const ieee = sign('sha256', MESSAGE, { key: rawSig, dsaEncoding: 'ieee-p1363' });
    expect(loadVerificationKey(publicPemOf(ec), 'k').verify(MESSAGE, ieee)).toBe(false);
  });

  it('refuses a private key, several public keys, and broken blocks with clear messages', async () => {
    const pub = publicPemOf(await loadSigningKey(COSIGN.validecp256, undefined, 'k'));
    const cases: Array<[string, string]> = [
      [COSIGN.validecp256, 'cosign.pub: holds a private key; verification needs the public key (e.g. cosign.pub)'],
      [pub + pub, 'cosign.pub: holds 2 public keys; give a file with exactly one'],
      ['-----BEGIN PUBLIC KEY-----\nMFkw!!\n-----END PUBLIC KEY-----\n', 'cosign.pub: the body of the PUBLIC KEY PEM block is not valid base64'],
      ['-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----\n', 'cosign.pub: the PUBLIC KEY block is not a valid public key'],
      ['-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PRIVATE KEY-----\n', 'cosign.pub: PEM block "BEGIN PUBLIC KEY" ends with "END PRIVATE KEY"'],
      ['', 'cosign.pub: no PEM public key or certificate'],
    ];
    for (const [text, message] of cases) expect((await failure(() => loadVerificationKey(text, 'cosign.pub'))).message).toBe(message);
    // A DER SPKI read as PEM still works when wrapped; the same DER under a CERTIFICATE label does not.
    const der = createPublicKey(pub).export({ type: 'spki', format: 'der' });
    expect((await failure(() => loadVerificationKey(encodePem('CERTIFICATE', der), 'c'))).message).toBe('c: the CERTIFICATE block is not a valid X.509 certificate');
  });
});
