import type { ErrorCode } from '../core/errors.js';

/** drydock's exit statuses (documented in the README). */
export const EXIT = {
  OK: 0,
  /** Findings at or above the gating threshold (scan --exit-code, later issues). */
  FINDINGS: 1,
  /** Bad command line, or a target/input that is missing, malformed, refused or unsupported. */
  USAGE_OR_INPUT: 2,
  /** A bug or an unexpected failure inside drydock. */
  INTERNAL: 3,
} as const;

export function exitCodeFor(code: ErrorCode): number {
  return code === 'INTERNAL' ? EXIT.INTERNAL : EXIT.USAGE_OR_INPUT;
}
