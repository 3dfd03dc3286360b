import { X509Certificate } from 'node:crypto';
import type { Bundle } from '@sigstore/bundle';
import { keyHint } from '../key-hint.js';
import type { VerificationKey } from '../keys/types.js';
import { bundleContent, checkMessageDigest, checkStatementSubject, signatureOf, signedData, transparencyOf } from './content.js';
import { readBundle, type BundleInput } from './parse.js';
import { rejected, type BundleRejected, type BundleVerification } from './result.js';

/**
 * Verify a Sigstore bundle with a public key, offline (`cosign verify-blob --key K --bundle B
 * --insecure-ignore-tlog`): the signature over the artifact or the envelope's PAE, checked with
 * `key.verify` (cosign's hash for the key type). Transparency log entries and timestamps are
 * counted, not checked. A bundle with a certificate verifies only if the certificate's key is `key`;
 * its chain is not checked (that is keyless verification).
 *
 * Written on @sigstore/bundle's parsed types rather than @sigstore/verify's Verifier: the Verifier
 * checks DSSE signatures with Node's default digest (SHA-256 for every EC key, so P-384/P-521 cosign
 * signatures fail), cannot check Ed25519 message signatures, fails on tlog entries it has no log key
 * for, and never compares the message digest with the artifact.
 */
export interface BundleVerifyOptions {
  /** The signed blob: required for a message signature; for an in-toto DSSE payload, a subject must name it. */
  artifact?: Buffer;
}

/**
 * Does `hint` name this key? True for our sha256 fingerprint in hex or cosign's base64 form; false
 * for another cosign/sigstore-go style hint (base64 of a sha256); undefined for any other hint (a
 * hint is only a lookup name: sigstore-js writes other hashes, tests write "key-1").
 */
export function hintNamesKey(hint: string, key: VerificationKey): boolean | undefined {
  const h = hint.trim();
  if (h === '') return undefined;
  const ours = keyHint(key.publicKey).replace(/=+$/, '');
  const asStdBase64 = h.replace(/-/g, '+').replace(/_/g, '/').replace(/=+$/, '');
  if (h.toLowerCase() === key.fingerprint || asStdBase64 === ours) return true;
  if (/^[A-Za-z0-9+/_-]{43}=?$/.test(h)) return false;
  return undefined;
}

interface KeySigner {
  hint: string;
  namesKey: boolean | undefined;
}

function leafCertificate(bundle: Bundle): Buffer | undefined {
  const vm = bundle.verificationMaterial.content;
  if (vm.$case === 'certificate') return Buffer.from(vm.certificate.rawBytes);
  if (vm.$case === 'x509CertificateChain') return Buffer.from(vm.x509CertificateChain.certificates[0]?.rawBytes ?? Buffer.alloc(0));
  return undefined;
}

function keySigner(bundle: Bundle, key: VerificationKey): KeySigner | BundleRejected {
  const vm = bundle.verificationMaterial.content;
  if (vm.$case === 'publicKey') return { hint: vm.publicKey.hint, namesKey: hintNamesKey(vm.publicKey.hint, key) };
  let cert: X509Certificate;
  try {
    cert = new X509Certificate(leafCertificate(bundle) ?? Buffer.alloc(0));
  } catch (err) {
    return rejected('malformed', `the bundle's certificate is not X.509 DER (${(err as Error).message})`);
  }
  const theirs = cert.publicKey.export({ type: 'spki', format: 'der' });
  if (!theirs.equals(key.publicKey.export({ type: 'spki', format: 'der' }))) {
    const who = cert.subjectAltName ?? cert.subject;
    return rejected('key-mismatch', `the bundle is signed by the key of its certificate (${who || 'no subject'}), not by key ${key.fingerprint.slice(0, 16)}…`);
  }
  return { hint: '', namesKey: true };
}

function notVerified(signer: KeySigner, key: VerificationKey): BundleRejected {
  const ours = `${key.fingerprint.slice(0, 16)}…`;
  if (signer.namesKey === true) {
    return rejected('signature', `the bundle names key ${ours} but its signature does not verify: the signed content or the signature was altered`);
  }
  if (signer.namesKey === false) return rejected('key-mismatch', `the bundle was signed by another key (hint ${signer.hint}), not by key ${ours}`);
  const named = signer.hint === '' ? 'no key hint' : `key hint "${signer.hint}"`;
  return rejected('unverified', `the signature does not verify with key ${ours}, and the bundle's ${named} does not tell which key made it (another key, or altered content)`);
}

export function verifyBundleWithKey(bundleJson: BundleInput, key: VerificationKey, opts: BundleVerifyOptions = {}): BundleVerification {
  const read = readBundle(bundleJson);
  if ('ok' in read) return read;
  const { bundle } = read;
  const signer = keySigner(bundle, key);
  if ('ok' in signer) return signer;
  const digestProblem = checkMessageDigest(bundle, opts.artifact);
  if (digestProblem) return digestProblem;
  if (!key.verify(signedData(bundle, opts.artifact), signatureOf(bundle))) return notVerified(signer, key);
  const subjectProblem = checkStatementSubject(bundle, opts.artifact);
  if (subjectProblem) return subjectProblem;
  return {
    ok: true,
    mediaType: bundle.mediaType,
    content: bundleContent(bundle),
    signer: { kind: 'key', hint: signer.hint },
    transparency: transparencyOf(bundle, false),
  };
}
