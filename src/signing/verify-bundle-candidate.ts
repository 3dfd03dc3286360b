import type { BundleVerification } from './bundle/result.js';
import { readBundle } from './bundle/parse.js';
import { bundleContent } from './bundle/content.js';
import { COSIGN_SIGN_PREDICATE_TYPE } from './bundle-referrer.js';
import { IN_TOTO_PAYLOAD_TYPE, parseStatement } from './intoto.js';
import { annotationMismatches } from './verify-sig-layer.js';
import { checkStatement, type AttestationClaim } from './verify-statement.js';
import type { CandidateFailure, VerifiedPayload } from './verdict.js';
import { BUNDLE_FAILURE_KIND as KIND } from './bundle-failure-kind.js';

type Result = { verified: VerifiedPayload } | { failure: CandidateFailure };


/** The predicate type a bundle claims before it is verified (to sort signatures from attestations); undefined if none. */
function claimedPredicateType(bundle: Buffer): string | undefined | null {
  const read = readBundle(bundle);
  if ('ok' in read) return undefined;
  const content = bundleContent(read.bundle);
  if (content.kind !== 'dsse') return null;
  if (content.payloadType !== IN_TOTO_PAYLOAD_TYPE) return undefined;
  try {
    return parseStatement(content.payload, 'bundle').predicateType;
  } catch {
    return undefined;
  }
}

/** A verified image signature statement: cosign's sign predicate, subject = the image, annotations as required. */
function checkSignatureStatement(payload: Buffer, where: string, claim: AttestationClaim): Result {
  const r = checkStatement(IN_TOTO_PAYLOAD_TYPE, payload, where, 'referrer', { ...claim, predicateType: COSIGN_SIGN_PREDICATE_TYPE });
  if ('failure' in r) return r;
  const statement = parseStatement(payload, where);
  const signed = statement.subject.find((s) => s.annotations !== undefined)?.annotations ?? null;
  const missing = annotationMismatches(signed, claim.annotations);
  if (missing.length) return { failure: { where, kind: 'annotations', message: `the signed statement lacks the required annotation(s) ${missing.join(', ')}` } };
  return r;
}

function fromVerification(v: BundleVerification, where: string, claim: AttestationClaim, mode: 'signature' | 'attestation'): Result {
  if (!v.ok) return { failure: { where, kind: KIND[v.reason], message: v.message } };
  if (v.content.kind === 'message-signature') {
    // Verified over the image manifest itself (the artifact was the manifest, its digest matched).
    return { verified: { where, storage: 'referrer', payload: { messageDigest: { algorithm: v.content.digestAlgorithm, digest: v.content.digest }, signer: v.signer } } };
  }
  if (mode === 'signature') return checkSignatureStatement(v.content.payload, where, claim);
  return checkStatement(v.content.payloadType, v.content.payload, where, 'referrer', claim);
}

/**
 * Verify one Sigstore bundle found as a referrer of the image. Signatures (cosign's sign predicate, or a
 * message signature over the manifest) and attestations (any other predicate) are told apart first:
 * in `signature` mode attestations are skipped (undefined), and the other way round.
 */
export function verifyBundleCandidate(bundle: Buffer, where: string, claim: AttestationClaim, mode: 'signature' | 'attestation'): Result | undefined {
  const predicateType = claimedPredicateType(bundle);
  const isSignature = predicateType === null || predicateType === COSIGN_SIGN_PREDICATE_TYPE;
  if (predicateType !== undefined && isSignature !== (mode === 'signature')) return undefined;
  const artifact = predicateType === null ? claim.manifest : undefined;
  return fromVerification(claim.verifyBundle(bundle, artifact), where, claim, mode);
}
