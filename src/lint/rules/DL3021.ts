import { isCopy } from '../dockerfile/guards.js';
import type { LintRule, Violation } from '../rule.js';
import { withKeyword } from './instructions/by-keyword.js';
import { dropQuotes } from './instructions/paths.js';

/**
 * DL3021: COPY (or ADD) of several sources into a destination that does not end with `/` (or `\` on
 * Windows). BuildKit rejects it. A destination that is a variable is not judged.
 */
export const DL3021: LintRule = {
  code: 'DL3021',
  level: 'error',
  message: 'COPY with more than 2 arguments requires the last argument to end with /',
  description: 'With several sources the destination must be a directory, written with a trailing slash.',
  check(ctx) {
    const out: Violation[] = [];
    for (const instr of [...withKeyword(ctx.doc, 'COPY'), ...withKeyword(ctx.doc, 'ADD')]) {
      if (!isCopy(instr) || instr.sources.length < 2 || instr.dest === undefined) continue;
      const dest = instr.json ? instr.dest.value : dropQuotes(instr.dest.raw);
      if (dest.includes('$') || dest.endsWith('/') || dest.endsWith('\\')) continue;
      const message = instr.keyword === 'ADD' ? 'ADD with more than 2 arguments requires the last argument to end with /' : undefined;
      out.push({ code: 'DL3021', span: instr.dest.span, ...(message !== undefined ? { message } : {}) });
    }
    return out;
  },
};
