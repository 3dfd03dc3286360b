import { isCopy } from '../dockerfile/guards.js';
import type { LintRule, Violation } from '../rule.js';
import { withKeyword } from './instructions/by-keyword.js';
import { dropQuotes } from './instructions/paths.js';

const isRoot = (raw: string): boolean => dropQuotes(raw) === '/';

/** DL3067: `COPY --from=<stage> / /`: a whole filesystem copied over this one. Points at the `/` source. */
export const DL3067: LintRule = {
  code: 'DL3067',
  level: 'warning',
  message: 'Do not copy an entire filesystem from another stage',
  description: 'Copying / from another stage overwrites the whole filesystem; copy only what you need.',
  check(ctx) {
    const out: Violation[] = [];
    for (const instr of withKeyword(ctx.doc, 'COPY')) {
      if (!isCopy(instr) || instr.from === undefined || instr.dest === undefined || !isRoot(instr.dest.raw)) continue;
      const source = instr.sources.find((s) => isRoot(s.raw));
      if (source !== undefined) out.push({ code: 'DL3067', span: source.span });
    }
    return out;
  },
};
