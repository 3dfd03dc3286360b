/** Sigstore bundles: build (key-signed, offline), read, and verify with a key or keyless against a trusted root. */
export { bundleForDsse, bundleForDssePayload, bundleForMessageSignature } from './build.js';
export { bundleForImageSignature, cosignSignStatement, type CosignSignStatement } from './cosign-sign.js';
export { MESSAGE_DIGEST_ALGORITHMS, readBundle, type BundleInput } from './parse.js';
export type { BundleContent, BundleFailureReason, BundleRejected, BundleSigner, BundleVerification, BundleVerified } from './result.js';
export { loadTrustedRoot, LoadedTrustedRoot } from './trusted-root.js';
export { hintNamesKey, verifyBundleWithKey, type BundleVerifyOptions } from './verify-key.js';
export { verifyBundleKeyless, type KeylessPolicy } from './verify-keyless.js';
