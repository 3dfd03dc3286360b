import type { SignTarget, StoredEvidence } from '../image/registry/signing-io.js';
import { failureReason, REASON_TEXT, type VerifyOutcome } from '../signing/verdict.js';
import type { Evidence } from '../signing/verify-image.js';
import type { CliIo } from './io.js';

/** Exit status of a verification that ran but did not pass. */
export const VERIFY_FAILED = 1;

/** Report a failed verification on stderr: the one reason first, then every candidate's own story. */
export function reportFailure(io: CliIo, target: SignTarget, outcome: VerifyOutcome, looked: string[], what: string): number {
  const reason = failureReason(outcome);
  io.stderr.write(`drydock: verification failed for ${target.name}@${target.digest}: ${REASON_TEXT[reason]} [${reason}]\n`);
  if (reason === 'no-signatures') io.stderr.write(`  looked for ${what} in: ${looked.join('; ')}\n`);
  for (const f of outcome.failures) io.stderr.write(`  ${f.where}: ${f.message}\n`);
  return VERIFY_FAILED;
}

export function toEvidence(e: StoredEvidence): Evidence {
  return {
    ...(e.tag ? { tag: e.tag } : {}),
    bundles: e.bundles.map((b) => ({ where: `referrer ${b.referrer.digest}`, bundle: b.bundle })),
  };
}

