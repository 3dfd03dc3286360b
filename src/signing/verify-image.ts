import type { CosignLayer } from './cosign-tags.js';
import { verifyAttLayer } from './verify-att-layer.js';
import { verifyBundleCandidate } from './verify-bundle-candidate.js';
import { verifySigLayer } from './verify-sig-layer.js';
import type { AttestationClaim } from './verify-statement.js';
import type { CandidateFailure, VerifiedPayload, VerifyOutcome } from './verdict.js';

/** What was found in a registry (or an archive) that may sign or attest one image. */
export interface Evidence {
  tag?: { tag: string; layers: CosignLayer[] };
  bundles: Array<{ where: string; bundle: Buffer; predicateType?: string }>;
}

type Result = { verified: VerifiedPayload } | { failure: CandidateFailure };

function collect(results: Result[]): VerifyOutcome {
  const out: VerifyOutcome = { verified: [], failures: [] };
  for (const r of results) {
    if ('verified' in r) out.verified.push(r.verified);
    else out.failures.push(r.failure);
  }
  return out;
}

/**
 * Verify every stored image signature (bundle referrers and `.sig` layers) against the key and image.
 * Pure: the evidence was read beforehand. Bundles of attestations (other predicate types) are not
 * signatures and are skipped silently.
 */
export function verifyImageSignatures(evidence: Evidence, claim: AttestationClaim): VerifyOutcome {
  const results: Result[] = [];
  for (const b of evidence.bundles) {
    const r = verifyBundleCandidate(b.bundle, b.where, claim, 'signature');
    if (r !== undefined) results.push(r);
  }
  for (const [i, layer] of (evidence.tag?.layers ?? []).entries()) {
    results.push(verifySigLayer(layer, `tag ${evidence.tag?.tag} layer ${i + 1}`, claim));
  }
  return collect(results);
}

/** Verify every stored attestation (bundle referrers and `.att` layers), keeping those of `claim.predicateType`. */
export function verifyImageAttestations(evidence: Evidence, claim: AttestationClaim): VerifyOutcome {
  const results: Result[] = [];
  for (const b of evidence.bundles) {
    const r = verifyBundleCandidate(b.bundle, b.where, claim, 'attestation');
    if (r !== undefined) results.push(r);
  }
  for (const [i, layer] of (evidence.tag?.layers ?? []).entries()) {
    results.push(verifyAttLayer(layer, `tag ${evidence.tag?.tag} layer ${i + 1}`, claim));
  }
  return collect(results);
}
