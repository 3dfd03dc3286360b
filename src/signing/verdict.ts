/**
 * Why a candidate signature or attestation was not accepted. The kinds are distinct on purpose: a
 * pipeline must tell "nothing was signed" from "signed, but by someone else" from "tampered".
 */
export type FailureKind =
  /** The stored object cannot be read as a signature/envelope/bundle at all. */
  | 'malformed'
  /** The signature names (by key hint) another key than the one given: signed by someone else. */
  | 'another-key'
  /** The signature was made with this key (per its hint) but does not verify: payload or signature altered. */
  | 'invalid-signature'
  /** Does not verify with this key and carries no key hint: another key, or altered (cannot be told apart). */
  | 'unverified'
  /** Verifies, but the signed payload is about another image digest (a signature copied to another image). */
  | 'wrong-image'
  /** Verifies and is about this image, but the signed annotations differ from those required. */
  | 'annotations'
  /** A valid attestation of another predicate type than the one asked for. */
  | 'other-type'
  /** Keyless: the certificate, transparency log entry or timestamp does not check out against the trusted root. */
  | 'untrusted'
  /** Keyless: valid, but issued to another identity or by another OIDC issuer than required. */
  | 'identity';

export interface CandidateFailure {
  /** Where the candidate was found: `tag sha256-….sig layer 2`, `referrer sha256:…`. */
  where: string;
  kind: FailureKind;
  message: string;
}

export interface VerifiedPayload {
  where: string;
  /** How it was stored: cosign's `.sig`/`.att` tags, or a Sigstore bundle referrer. */
  storage: 'tag' | 'referrer';
  /** The parsed signed payload (simple-signing document or in-toto statement). */
  payload: unknown;
  predicateType?: string;
}

export interface VerifyOutcome {
  verified: VerifiedPayload[];
  failures: CandidateFailure[];
}

/** The one reason a verification failed, most telling first. */
export type VerifyFailureReason = 'no-signatures' | 'tampered' | 'another-key' | 'unverified' | 'wrong-image' | 'annotations' | 'no-matching-type' | 'malformed' | 'untrusted' | 'identity';

const RANK: Record<FailureKind, number> = {
  untrusted: 8,
  identity: 7,
  'wrong-image': 6,
  'invalid-signature': 5,
  annotations: 4,
  'another-key': 3,
  unverified: 2,
  malformed: 1,
  'other-type': 0,
};

const REASON: Record<FailureKind, VerifyFailureReason> = {
  'wrong-image': 'wrong-image',
  'invalid-signature': 'tampered',
  annotations: 'annotations',
  'another-key': 'another-key',
  unverified: 'unverified',
  malformed: 'malformed',
  'other-type': 'no-matching-type',
  untrusted: 'untrusted',
  identity: 'identity',
};

/**
 * The verdict over every candidate: the failures' most serious kind decides the reason (a tampered
 * or misplaced signature outranks one by another key, which outranks an unreadable one).
 */
export function failureReason(outcome: VerifyOutcome): VerifyFailureReason {
  if (outcome.failures.length === 0) return 'no-signatures';
  let worst = outcome.failures[0] as CandidateFailure;
  for (const f of outcome.failures) if (RANK[f.kind] > RANK[worst.kind]) worst = f;
  return REASON[worst.kind];
}

export const REASON_TEXT: Record<VerifyFailureReason, string> = {
  'no-signatures': 'no signatures found',
  tampered: 'signature does not verify: the payload or the signature was altered',
  'another-key': 'signed by another key',
  unverified: 'no signature verifies with this key (signed by another key, or altered)',
  'wrong-image': 'signature is for another image',
  annotations: 'signed annotations do not match',
  'no-matching-type': 'no attestation of the requested type',
  malformed: 'signature data is malformed',
  untrusted: 'not trusted: the certificate, transparency log entry or timestamp does not check out against the trusted root',
  identity: 'signed by another identity',
};
