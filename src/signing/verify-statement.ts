import { isAppError } from '../core/errors.js';
import { digestAlgorithm, digestHex } from '../core/digest.js';
import { IN_TOTO_PAYLOAD_TYPE, parseStatement, statementNamesDigest } from './intoto.js';
import type { ImageClaim } from './verify-sig-layer.js';
import type { CandidateFailure, VerifiedPayload } from './verdict.js';


/** What a verifier wants of an attestation besides the key: its predicate type (any when absent). */
export interface AttestationClaim extends ImageClaim {
  predicateType?: string;
}

/**
 * Check a verified DSSE payload: an in-toto statement whose subject is the image digest and, when
 * asked, of the wanted predicate type.
 */
export function checkStatement(
  payloadType: string,
  payload: Buffer,
  where: string,
  storage: VerifiedPayload['storage'],
  claim: AttestationClaim,
): { verified: VerifiedPayload } | { failure: CandidateFailure } {
  if (payloadType !== IN_TOTO_PAYLOAD_TYPE) {
    return { failure: { where, kind: 'malformed', message: `the envelope's payload type is "${payloadType}", not an in-toto statement` } };
  }
  let statement;
  try {
    statement = parseStatement(payload, where);
  } catch (err) {
    if (isAppError(err)) return { failure: { where, kind: 'malformed', message: err.message } };
    throw err;
  }
  if (!statementNamesDigest(statement, digestAlgorithm(claim.digest), digestHex(claim.digest))) {
    const named = statement.subject.map((s) => Object.entries(s.digest).map(([a, h]) => `${a}:${h}`).join('/')).join(', ') || 'nothing';
    return { failure: { where, kind: 'wrong-image', message: `the signed statement is valid but its subject is ${named}, not ${claim.digest} (copied from another image?)` } };
  }
  if (claim.predicateType !== undefined && statement.predicateType !== claim.predicateType) {
    return { failure: { where, kind: 'other-type', message: `a valid attestation of type ${statement.predicateType}, not ${claim.predicateType}` } };
  }
  return { verified: { where, storage, payload: JSON.parse(payload.toString('utf8')) as unknown, predicateType: statement.predicateType } };
}
