import { isOther } from '../dockerfile/guards.js';
import type { LintRule, Violation } from '../rule.js';
import { withKeyword } from './instructions/by-keyword.js';
import { dropQuotes, isAbsolutePath, startsWithVariable } from './instructions/paths.js';

/** DL3000: WORKDIR must be absolute (POSIX `/…`, Windows `C:\…` / `C:/…`; a leading variable is unknown). */
export const DL3000: LintRule = {
  code: 'DL3000',
  level: 'error',
  message: 'Use absolute WORKDIR',
  description: 'A relative WORKDIR depends on the previous one (or the base image) and is easy to get wrong.',
  check(ctx) {
    const out: Violation[] = [];
    for (const instr of withKeyword(ctx.doc, 'WORKDIR')) {
      if (!isOther(instr) || instr.argsText === '') continue;
      const path = dropQuotes(instr.argsText);
      if (!isAbsolutePath(path) && !startsWithVariable(path)) out.push({ code: 'DL3000', span: instr.argsSpan });
    }
    return out;
  },
};
