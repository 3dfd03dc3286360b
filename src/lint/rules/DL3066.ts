import { isUser } from '../dockerfile/guards.js';
import type { LintRule, Violation } from '../rule.js';
import { withKeyword } from './instructions/by-keyword.js';

const NUMERIC = /^[0-9]*$/;

/**
 * DL3066: USER by name rather than numeric UID: Kubernetes' runAsNonRoot and the host cannot resolve
 * names. A user given by a variable is not judged. Points at the user.
 */
export const DL3066: LintRule = {
  code: 'DL3066',
  level: 'info',
  message: 'Non-numeric user-id may not be resolvable by host system',
  description: 'Use a numeric UID (and GID) so the runtime can verify the user without /etc/passwd.',
  check(ctx) {
    const out: Violation[] = [];
    for (const instr of withKeyword(ctx.doc, 'USER')) {
      if (!isUser(instr) || instr.user.raw.includes('$') || NUMERIC.test(instr.user.value)) continue;
      out.push({ code: 'DL3066', span: instr.user.span });
    }
    return out;
  },
};
