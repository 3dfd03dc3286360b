import { isAppError } from '../core/errors.js';
import type { Digest } from '../core/digest.js';
import { KEY_HINT_ANNOTATION, SIGNATURE_ANNOTATION, type CosignLayer } from './cosign-tags.js';
import { keyHint, shortFingerprint } from './key-hint.js';
import type { BundleVerification } from './bundle/result.js';
import { legacyKeylessBundle } from './legacy-keyless.js';
import { BUNDLE_FAILURE_KIND as BUNDLE_KIND } from './bundle-failure-kind.js';
import { hintNamesKey } from './bundle/verify-key.js';
import type { VerificationKey } from './keys/types.js';
import { parseSimpleSigningPayload, SIMPLE_SIGNING_MEDIA_TYPE } from './simple-signing.js';
import type { CandidateFailure, FailureKind, VerifiedPayload } from './verdict.js';

export interface ImageClaim {
  /** The digest the signature must be about. */
  digest: Digest;
  /** The public key; absent in keyless verification (then only bundles can verify). */
  key?: VerificationKey;
  /** Annotations the signed payload must carry (`-a key=value`). */
  annotations?: Record<string, string>;
  /** The image manifest's bytes (a message-signature bundle signs them directly). */
  manifest?: Buffer;
  /** Verify one Sigstore bundle (with the key, or keyless against a trusted root); `artifact` for message signatures. */
  verifyBundle: (bundle: Buffer, artifact: Buffer | undefined) => BundleVerification;
}

/** Cosign's `.att` layers are checked with a key; keyless attestations are verified from Sigstore bundles. */
export function needsKey(where: string): { failure: CandidateFailure } {
  return fail(where, 'unverified', 'a cosign .att attestation is checked with --key; keyless attestations are verified from Sigstore bundles (referrers)');
}

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

function fail(where: string, kind: FailureKind, message: string): { failure: CandidateFailure } {
  return { failure: { where, kind, message } };
}

/** Explain a signature that did not verify, using the key hint when there is one. */
export function notVerified(where: string, hint: string | undefined, key: VerificationKey, what: string): { failure: CandidateFailure } {
  const names = hint === undefined ? undefined : hintNamesKey(hint, key);
  const other = names === undefined ? undefined : !names;
  const ours = shortFingerprint(keyHint(key.publicKey));
  if (other === true) return fail(where, 'another-key', `${what} was made by another key (${shortFingerprint(hint as string)}), not ${ours}`);
  if (other === false) return fail(where, 'invalid-signature', `${what} names key ${ours} but does not verify: the payload or the signature was altered`);
  return fail(where, 'unverified', `${what} does not verify with key ${ours} (signed by another key, or altered)`);
}

/** The required annotations that the signed ones lack or contradict, as `k=v` texts. */
export function annotationMismatches(signed: Record<string, unknown> | null, required: Record<string, string> | undefined): string[] {
  if (!required) return [];
  return Object.entries(required)
    .filter(([k, v]) => signed?.[k] !== v)
    .map(([k, v]) => `${k}=${v}`);
}

/** Verify one layer of a cosign `.sig` manifest against the image and key. */
export function verifySigLayer(layer: CosignLayer, where: string, claim: ImageClaim): { verified: VerifiedPayload } | { failure: CandidateFailure } {
  const { descriptor, payload } = layer;
  if (descriptor.mediaType !== SIMPLE_SIGNING_MEDIA_TYPE) return fail(where, 'malformed', `layer media type is "${descriptor.mediaType}", not a simple-signing payload`);
  // Go's base64 decoder (cosign's) skips line breaks; so does this check.
  const sigB64 = descriptor.annotations?.[SIGNATURE_ANNOTATION]?.replace(/[\r\n]/g, '');
  if (sigB64 === undefined || sigB64 === '') return fail(where, 'malformed', `the layer has no ${SIGNATURE_ANNOTATION} annotation`);
  if (!BASE64.test(sigB64)) return fail(where, 'malformed', 'the signature annotation is not base64');
  if (claim.key === undefined) {
    // Keyless: the certificate and Rekor proof in the annotations, checked as a bundle against the trusted root.
    const legacy = legacyKeylessBundle(descriptor.annotations, payload, sigB64);
    if ('problem' in legacy) return fail(where, 'unverified', legacy.problem);
    const v = claim.verifyBundle(Buffer.from(JSON.stringify(legacy.bundle)), payload);
    if (!v.ok) return fail(where, BUNDLE_KIND[v.reason], v.message);
  } else if (!claim.key.verify(payload, Buffer.from(sigB64, 'base64'))) {
    return notVerified(where, descriptor.annotations?.[KEY_HINT_ANNOTATION], claim.key, 'the signature');
  }
  let parsed;
  try {
    parsed = parseSimpleSigningPayload(payload, where);
  } catch (err) {
    if (isAppError(err)) return fail(where, 'malformed', err.message);
    throw err;
  }
  if (parsed.manifestDigest !== claim.digest) {
    return fail(where, 'wrong-image', `the signature is valid but signs ${parsed.manifestDigest}, not ${claim.digest} (copied from another image?)`);
  }
  const missing = annotationMismatches(parsed.annotations, claim.annotations);
  if (missing.length) return fail(where, 'annotations', `the signed payload lacks the required annotation(s) ${missing.join(', ')}`);
  return { verified: { where, storage: 'tag', payload: JSON.parse(payload.toString('utf8')) as unknown } };
}
