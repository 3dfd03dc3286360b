import type { BundleFailureReason } from './bundle/result.js';
import type { FailureKind } from './verdict.js';

/** The verdict kind of each reason a bundle verification gives. */
export const BUNDLE_FAILURE_KIND: Record<BundleFailureReason, FailureKind> = {
  malformed: 'malformed',
  unsupported: 'malformed',
  artifact: 'wrong-image',
  signature: 'invalid-signature',
  'key-mismatch': 'another-key',
  unverified: 'unverified',
  certificate: 'untrusted',
  tlog: 'untrusted',
  timestamp: 'untrusted',
  identity: 'identity',
};
