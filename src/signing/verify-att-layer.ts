import { isAppError } from '../core/errors.js';
import { DSSE_MEDIA_TYPE, KEY_HINT_ANNOTATION, type CosignLayer } from './cosign-tags.js';
import { parseEnvelope, verifyEnvelope } from './dsse.js';
import { checkStatement, type AttestationClaim } from './verify-statement.js';
import { needsKey, notVerified } from './verify-sig-layer.js';
import type { CandidateFailure, VerifiedPayload } from './verdict.js';

/** Verify one layer of a cosign `.att` manifest (a DSSE envelope around an in-toto statement). */
export function verifyAttLayer(layer: CosignLayer, where: string, claim: AttestationClaim): { verified: VerifiedPayload } | { failure: CandidateFailure } {
  if (layer.descriptor.mediaType !== DSSE_MEDIA_TYPE) {
    return { failure: { where, kind: 'malformed', message: `layer media type is "${layer.descriptor.mediaType}", not a DSSE envelope` } };
  }
  let envelope;
  try {
    envelope = parseEnvelope(layer.payload, where);
  } catch (err) {
    if (isAppError(err)) return { failure: { where, kind: 'malformed', message: err.message } };
    throw err;
  }
  if (claim.key === undefined) return needsKey(where);
  const checked = verifyEnvelope(envelope, claim.key);
  if (!checked.ok) return notVerified(where, layer.descriptor.annotations?.[KEY_HINT_ANNOTATION], claim.key, 'the attestation envelope');
  return checkStatement(envelope.payloadType, checked.payload, where, 'tag', claim);
}
