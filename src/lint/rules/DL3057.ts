import type { LintRule, Violation } from '../rule.js';
import { stagesLacking } from './instructions/stage-graph.js';

/**
 * DL3057: a stage without HEALTHCHECK (`HEALTHCHECK NONE` counts): none in it, none inherited from the
 * stage it is built FROM, and none in a stage built on it. Off by default. At the stage's FROM.
 */
export const DL3057: LintRule = {
  code: 'DL3057',
  level: 'ignore',
  message: '`HEALTHCHECK` instruction missing.',
  description: 'Without a HEALTHCHECK the runtime cannot tell a hung container from a healthy one.',
  check(ctx): Violation[] {
    const lacking = stagesLacking(ctx.doc, (s) => s.instructions.some((i) => i.keyword === 'HEALTHCHECK'));
    return lacking.map((s) => ({ code: 'DL3057', span: s.from.keywordSpan }));
  },
};
