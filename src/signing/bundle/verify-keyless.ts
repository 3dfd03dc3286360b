import { createPublicKey } from 'node:crypto';
import { PolicyError, toSignedEntity, VerificationError, Verifier, type SignedEntity, type Signer } from '@sigstore/verify';
import { bundleContent, checkMessageDigest, checkStatementSubject, transparencyOf } from './content.js';
import { readBundle, type BundleInput } from './parse.js';
import { rejected, type BundleFailureReason, type BundleRejected, type BundleVerification } from './result.js';
import { loadTrustedRoot, LoadedTrustedRoot } from './trusted-root.js';
import type { BundleVerifyOptions } from './verify-key.js';

/**
 * Keyless verification of a Sigstore bundle against a trusted root given by the user, offline, with
 * @sigstore/verify's Verifier at its defaults: the certificate chains to a Fulcio CA of the root and
 * was valid at every verified timestamp, it carries at least one SCT from a CT log of the root, there
 * is at least one transparency log entry whose inclusion proof (checkpoint) and/or SET verify against
 * a Rekor key of the root and whose body matches the signature, and at least one verified timestamp
 * (the entry's integrated time, or an RFC 3161 timestamp from a TSA of the root).
 *
 * The identity policy is checked here, exactly: @sigstore/verify matches the identity as an unanchored
 * regular expression, which would let `https://github.com/org/repo/...` match a longer, foreign one.
 */
export interface KeylessPolicy {
  /** The certificate's subject alternative name (email, URI): equal to a string, or matching a RegExp. */
  certificateIdentity?: string | RegExp;
  /** The OIDC issuer in the certificate (Fulcio extension 1.3.6.1.4.1.57264.1.8 or .1.1). */
  certificateIssuer?: string | RegExp;
}

const TLOG_CODES = new Set(['TLOG_ERROR', 'TLOG_INCLUSION_PROOF_ERROR', 'TLOG_INCLUSION_PROMISE_ERROR', 'TLOG_MISSING_INCLUSION_ERROR', 'TLOG_BODY_ERROR']);

function reasonOfCode(code: string): BundleFailureReason {
  if (code === 'CERTIFICATE_ERROR') return 'certificate';
  if (TLOG_CODES.has(code)) return 'tlog';
  if (code === 'TIMESTAMP_ERROR') return 'timestamp';
  if (code === 'SIGNATURE_ERROR') return 'signature';
  return 'unsupported';
}

/** Does the signature verify with the certificate's key at all? (Tells altered content from other failures.) */
function signatureHolds(entity: SignedEntity): boolean {
  if (entity.key.$case !== 'certificate') return true;
  const key = createPublicKey({ key: entity.key.certificate.publicKey, format: 'der', type: 'spki' });
  return entity.signature.verifySignature(key);
}

/**
 * One reason for a Verifier failure. An untrusted certificate comes first; then a signature that does
 * not hold (the TSA and log checks fail too when content was altered, but the cause is the alteration).
 */
function classify(err: unknown, entity: SignedEntity): BundleRejected {
  if (err instanceof PolicyError) return rejected('identity', err.message);
  if (!(err instanceof VerificationError)) return rejected('malformed', `the bundle cannot be verified: ${(err as Error).message}`);
  if (err.code === 'CERTIFICATE_ERROR') return rejected('certificate', `the signing certificate is not trusted: ${err.message}`);
  if (!signatureHolds(entity)) {
    return rejected('signature', "the signature does not verify with the key of the bundle's certificate: the signed content or the signature was altered");
  }
  const reason = reasonOfCode(err.code);
  const what = { tlog: 'transparency log', timestamp: 'timestamp', signature: 'signature' } as Partial<Record<BundleFailureReason, string>>;
  return rejected(reason, `${what[reason] ?? 'verification'} check failed: ${err.message}`);
}

function matches(want: string | RegExp, actual: string | undefined): boolean {
  if (actual === undefined) return false;
  if (typeof want === 'string') return actual === want;
  want.lastIndex = 0;
  return want.test(actual);
}

function identityProblem(signer: Signer, policy: KeylessPolicy): BundleRejected | undefined {
  const san = signer.identity?.subjectAlternativeName;
  const issuer = signer.identity?.extensions?.issuer;
  if (policy.certificateIdentity !== undefined && !matches(policy.certificateIdentity, san)) {
    return rejected('identity', `the certificate was issued to ${san ?? 'no identity'}, not ${String(policy.certificateIdentity)}`);
  }
  if (policy.certificateIssuer !== undefined && !matches(policy.certificateIssuer, issuer)) {
    return rejected('identity', `the certificate's OIDC issuer is ${issuer ?? 'missing'}, not ${String(policy.certificateIssuer)}`);
  }
  return undefined;
}

/** `trustedRoot`: a LoadedTrustedRoot, or trusted_root.json as bytes, text or parsed JSON (then a bad one throws AppError('INPUT')). */
export function verifyBundleKeyless(
  bundleJson: BundleInput,
  trustedRoot: unknown,
  policy: KeylessPolicy = {},
  opts: BundleVerifyOptions = {},
): BundleVerification {
  const root = trustedRoot instanceof LoadedTrustedRoot ? trustedRoot : loadTrustedRoot(trustedRoot, 'the trusted root');
  const read = readBundle(bundleJson);
  if ('ok' in read) return read;
  const { bundle } = read;
  const vm = bundle.verificationMaterial.content;
  if (vm.$case === 'publicKey') {
    return rejected('unsupported', `the bundle is signed with a key (hint "${vm.publicKey.hint}"), not a certificate: verify it with the public key`);
  }
  const digestProblem = checkMessageDigest(bundle, opts.artifact);
  if (digestProblem) return digestProblem;
  let entity: SignedEntity;
  try {
    entity = toSignedEntity(bundle, opts.artifact);
  } catch (err) {
    return rejected('malformed', `the bundle's certificate or timestamps cannot be read (${(err as Error).message})`);
  }
  let signer: Signer;
  try {
    signer = new Verifier(root.material).verify(entity);
  } catch (err) {
    return classify(err, entity);
  }
  const problem = identityProblem(signer, policy) ?? checkStatementSubject(bundle, opts.artifact);
  if (problem) return problem;
  const { subjectAlternativeName, extensions } = signer.identity ?? {};
  return {
    ok: true,
    mediaType: bundle.mediaType,
    content: bundleContent(bundle),
    signer: {
      kind: 'certificate',
      ...(subjectAlternativeName === undefined ? {} : { subjectAlternativeName }),
      ...(extensions?.issuer === undefined ? {} : { issuer: extensions.issuer }),
    },
    transparency: transparencyOf(bundle, true),
  };
}
