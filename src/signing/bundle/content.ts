import { createHash, getHashes } from 'node:crypto';
import type { Bundle } from '@sigstore/bundle';
import { HashAlgorithm } from '@sigstore/protobuf-specs';
import { isAppError } from '../../core/errors.js';
import { pae } from '../dsse.js';
import { IN_TOTO_PAYLOAD_TYPE, parseStatement } from '../intoto.js';
import { rejected, type BundleContent, type BundleRejected, type BundleVerified } from './result.js';

/** What the signature of a bundle covers and what it is, common to key and keyless verification. */

const NODE_HASH: Readonly<Partial<Record<HashAlgorithm, string>>> = {
  [HashAlgorithm.SHA2_256]: 'sha256',
  [HashAlgorithm.SHA2_384]: 'sha384',
  [HashAlgorithm.SHA2_512]: 'sha512',
  [HashAlgorithm.SHA3_256]: 'sha3-256',
  [HashAlgorithm.SHA3_384]: 'sha3-384',
};

function nodeHash(algorithm: HashAlgorithm): string {
  return NODE_HASH[algorithm] ?? 'sha256';
}

export function bundleContent(bundle: Bundle): BundleContent {
  if (bundle.content.$case === 'dsseEnvelope') {
    const env = bundle.content.dsseEnvelope;
    return { kind: 'dsse', payloadType: env.payloadType, payload: Buffer.from(env.payload) };
  }
  const { messageDigest } = bundle.content.messageSignature;
  return { kind: 'message-signature', digestAlgorithm: nodeHash(messageDigest.algorithm), digest: Buffer.from(messageDigest.digest).toString('hex') };
}

/** The signature bytes (a bundle's envelope has exactly one signature; parse checked that). */
export function signatureOf(bundle: Bundle): Buffer {
  if (bundle.content.$case === 'messageSignature') return Buffer.from(bundle.content.messageSignature.signature);
  return Buffer.from(bundle.content.dsseEnvelope.signatures[0]?.sig ?? Buffer.alloc(0));
}

/** The bytes the signature is over: the artifact itself, or the envelope's PAE. */
export function signedData(bundle: Bundle, artifact: Buffer | undefined): Buffer {
  if (bundle.content.$case === 'messageSignature') return artifact ?? Buffer.alloc(0);
  const env = bundle.content.dsseEnvelope;
  return pae(env.payloadType, Buffer.from(env.payload));
}

function checkSubject(payload: Buffer, artifact: Buffer): BundleRejected | undefined {
  let statement;
  try {
    statement = parseStatement(payload, 'the bundle');
  } catch (err) {
    if (isAppError(err)) return rejected('malformed', err.message);
    throw err;
  }
  const hashes = new Set(getHashes());
  const named = statement.subject.some((s) =>
    Object.entries(s.digest).some(([alg, hex]) => hashes.has(alg) && createHash(alg).update(artifact).digest('hex') === hex.toLowerCase()),
  );
  if (named) return undefined;
  return rejected('artifact', `the signed statement (${statement.predicateType}) is not about this artifact: no subject has its digest`);
}

/**
 * Before the signature: a message signature needs the artifact, and the artifact's digest must be
 * the one the bundle signed. (A DSSE bundle passes: see checkStatementSubject.)
 */
export function checkMessageDigest(bundle: Bundle, artifact: Buffer | undefined): BundleRejected | undefined {
  if (bundle.content.$case !== 'messageSignature') return undefined;
  if (artifact === undefined) return rejected('artifact', 'the bundle signs a blob (message signature): the artifact is needed to verify it');
  const { algorithm, digest } = bundle.content.messageSignature.messageDigest;
  const hash = nodeHash(algorithm);
  const actual = createHash(hash).update(artifact).digest();
  if (actual.equals(Buffer.from(digest))) return undefined;
  return rejected('artifact', `the artifact's ${hash} is ${actual.toString('hex')}, but the bundle signed ${Buffer.from(digest).toString('hex')}`);
}

/**
 * After the signature: an in-toto DSSE payload must name the artifact's digest in a subject
 * (cosign's claim check). Other payloads name no artifact, so one given is not checked against them.
 */
export function checkStatementSubject(bundle: Bundle, artifact: Buffer | undefined): BundleRejected | undefined {
  if (bundle.content.$case !== 'dsseEnvelope' || artifact === undefined) return undefined;
  const env = bundle.content.dsseEnvelope;
  if (env.payloadType !== IN_TOTO_PAYLOAD_TYPE) return undefined;
  return checkSubject(Buffer.from(env.payload), artifact);
}

/** The counts of transparency material a bundle carries. */
export function transparencyOf(bundle: Bundle, checked: boolean): BundleVerified['transparency'] {
  const { tlogEntries, timestampVerificationData } = bundle.verificationMaterial;
  return { tlogEntries: tlogEntries.length, rfc3161Timestamps: timestampVerificationData?.rfc3161Timestamps.length ?? 0, checked };
}
