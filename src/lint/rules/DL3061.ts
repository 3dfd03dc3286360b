import type { LintRule, Violation } from '../rule.js';

/** DL3061: an instruction other than ARG before the first FROM (parser directives and comments are fine). */
export const DL3061: LintRule = {
  code: 'DL3061',
  level: 'error',
  message: 'Invalid instruction order. Dockerfile must begin with `FROM`, `ARG` or comment.',
  description: 'Only ARG may come before the first FROM.',
  check(ctx) {
    const out: Violation[] = [];
    for (const instr of ctx.doc.instructions) {
      if (instr.keyword === 'FROM') break;
      if (instr.keyword !== 'ARG') out.push({ code: 'DL3061', span: instr.keywordSpan });
    }
    return out;
  },
};
