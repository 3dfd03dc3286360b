import type { Digest } from '../core/digest.js';
import type { LoadedTrustedRoot } from './bundle/trusted-root.js';
import { verifyBundleKeyless, type KeylessPolicy } from './bundle/verify-keyless.js';
import { verifyBundleWithKey } from './bundle/verify-key.js';
import type { VerificationKey } from './keys/types.js';
import type { AttestationClaim } from './verify-statement.js';

/** What a check wants besides who signed: annotations, predicate type, the manifest bytes. */
export type ClaimExtras = Partial<Pick<AttestationClaim, 'annotations' | 'predicateType' | 'manifest'>>;

function extras(e: ClaimExtras): ClaimExtras {
  return {
    ...(e.annotations ? { annotations: e.annotations } : {}),
    ...(e.predicateType !== undefined ? { predicateType: e.predicateType } : {}),
    ...(e.manifest ? { manifest: e.manifest } : {}),
  };
}

/** Verify with a public key: cosign tag signatures and key-signed bundles (offline, no transparency log). */
export function keyClaim(digest: Digest, key: VerificationKey, e: ClaimExtras = {}): AttestationClaim {
  return { digest, key, ...extras(e), verifyBundle: (bundle, artifact) => verifyBundleWithKey(bundle, key, artifact ? { artifact } : {}) };
}

/** Verify keyless: bundles whose certificate chains to the trusted root, logged and timestamped, of the identity. */
export function keylessClaim(digest: Digest, root: LoadedTrustedRoot, policy: KeylessPolicy, e: ClaimExtras = {}): AttestationClaim {
  return { digest, ...extras(e), verifyBundle: (bundle, artifact) => verifyBundleKeyless(bundle, root, policy, artifact ? { artifact } : {}) };
}
