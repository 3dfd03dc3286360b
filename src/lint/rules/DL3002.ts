import type { UserInstruction } from '../dockerfile/ast.js';
import { isUser } from '../dockerfile/guards.js';
import type { LintRule, Violation } from '../rule.js';
import { topLevelWithKeyword } from './instructions/by-keyword.js';

const ROOT_UID = /^0+$/;

/** `root`, `0` (also `000`), with or without a group. */
export function isRootUser(u: UserInstruction): boolean {
  const name = u.user.value;
  return name === 'root' || ROOT_UID.test(name);
}

/**
 * DL3002: the last USER of a stage is root. As Hadolint: every stage whose last USER switches to root
 * is reported, at that USER (a stage built FROM it inherits that user, so it is reported once).
 */
export const DL3002: LintRule = {
  code: 'DL3002',
  level: 'warning',
  message: 'Last USER should not be root',
  description: 'Containers should not run as root: switch to an unprivileged USER at the end of each stage.',
  check(ctx) {
    const last = new Map<number, UserInstruction>();
    for (const instr of topLevelWithKeyword(ctx.doc, 'USER')) if (isUser(instr) && instr.stage >= 0) last.set(instr.stage, instr);
    const out: Violation[] = [];
    for (const user of last.values()) if (isRootUser(user)) out.push({ code: 'DL3002', span: user.user.span });
    return out;
  },
};
