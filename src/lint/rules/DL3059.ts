import type { RunInstruction } from '../dockerfile/ast.js';
import { isRun } from '../dockerfile/guards.js';
import type { LintRule, RuleContext, Violation } from '../rule.js';

interface Previous {
  readonly flags: string;
  readonly commands: number;
}

/** `--mount=...`, `--network=...`, `--security=...` as one comparable string. */
const flagsKey = (run: RunInstruction): string =>
  run.flags.length === 0
    ? ''
    : run.flags
        .map((f) => `${f.name}=${f.value ?? ''}`)
        .sort()
        .join('\u0000');

/** Simple commands of a RUN (an exec-form or non-POSIX RUN counts as one). */
function commandCount(ctx: RuleContext, run: RunInstruction): number {
  const scripts = ctx.shellOf(run);
  return scripts.length === 0 ? 1 : scripts.reduce((n, s) => n + s.commands.length, 0);
}

/**
 * Two RUNs in a row (comments between them do not count) that could be one: both have the same flags
 * (a different `--mount` is a reason to split) and each runs a single command (a RUN that chains
 * several was split on purpose). Points at the second RUN's keyword.
 */
export const DL3059: LintRule = {
  code: 'DL3059',
  level: 'info',
  message: 'Multiple consecutive `RUN` instructions. Consider consolidation.',
  description: 'Consecutive single-command RUNs can be merged into one layer.',
  check(ctx) {
    const out: Violation[] = [];
    let prev: Previous | undefined;
    for (const instr of ctx.doc.instructions) {
      if (!isRun(instr)) {
        prev = undefined;
        continue;
      }
      const cur: Previous = { flags: flagsKey(instr), commands: commandCount(ctx, instr) };
      if (prev !== undefined && prev.flags === cur.flags && prev.commands <= 1 && cur.commands <= 1) {
        out.push({ code: 'DL3059', span: instr.keywordSpan });
      }
      prev = cur;
    }
    return out;
  },
};
