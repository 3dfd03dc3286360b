import type { LintRule, Violation } from '../rule.js';
import { topLevelWithKeyword } from './instructions/by-keyword.js';
import { argsPrefixSpan, firstWord } from './instructions/spans.js';

const FORBIDDEN_TRIGGERS: ReadonlySet<string> = new Set(['ONBUILD', 'FROM', 'MAINTAINER']);

/** DL3043: `ONBUILD ONBUILD`, `ONBUILD FROM` or `ONBUILD MAINTAINER` (BuildKit rejects them). Points at the trigger. */
export const DL3043: LintRule = {
  code: 'DL3043',
  level: 'error',
  message: '`ONBUILD`, `FROM` or `MAINTAINER` triggered from within `ONBUILD` instruction.',
  description: 'These instructions are not allowed as ONBUILD triggers.',
  check(ctx) {
    const out: Violation[] = [];
    for (const instr of topLevelWithKeyword(ctx.doc, 'ONBUILD')) {
      const trigger = firstWord(instr);
      if (FORBIDDEN_TRIGGERS.has(trigger.toUpperCase())) out.push({ code: 'DL3043', span: argsPrefixSpan(ctx.doc, instr, trigger) });
    }
    return out;
  },
};
