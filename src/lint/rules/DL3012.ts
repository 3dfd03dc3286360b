import type { LintRule, Violation } from '../rule.js';
import { repeatedInStage } from './instructions/repeats.js';

/** DL3012: more than one HEALTHCHECK in a stage; every one after the first is reported. */
export const DL3012: LintRule = {
  code: 'DL3012',
  level: 'error',
  message: 'Multiple `HEALTHCHECK` instructions',
  description: 'Only the last HEALTHCHECK of a stage takes effect.',
  check(ctx): Violation[] {
    return repeatedInStage(ctx.doc, 'HEALTHCHECK').map((i) => ({ code: 'DL3012', span: i.keywordSpan }));
  },
};
