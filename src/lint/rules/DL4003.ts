import type { LintRule, Violation } from '../rule.js';
import { repeatedInStage } from './instructions/repeats.js';

/** DL4003: more than one CMD in a stage; every one after the first is reported. */
export const DL4003: LintRule = {
  code: 'DL4003',
  level: 'warning',
  message: 'Multiple `CMD` instructions found. If you list more than one `CMD` then only the last `CMD` will take effect',
  description: 'Only the last CMD of a stage takes effect.',
  check(ctx): Violation[] {
    return repeatedInStage(ctx.doc, 'CMD').map((i) => ({ code: 'DL4003', span: i.keywordSpan }));
  },
};
