import type { LintRule, Violation } from '../rule.js';
import { repeatedInStage } from './instructions/repeats.js';

/** DL4004: more than one ENTRYPOINT in a stage; every one after the first is reported. */
export const DL4004: LintRule = {
  code: 'DL4004',
  level: 'error',
  message: 'Multiple `ENTRYPOINT` instructions found. If you list more than one `ENTRYPOINT` then only the last `ENTRYPOINT` will take effect',
  description: 'Only the last ENTRYPOINT of a stage takes effect.',
  check(ctx): Violation[] {
    return repeatedInStage(ctx.doc, 'ENTRYPOINT').map((i) => ({ code: 'DL4004', span: i.keywordSpan }));
  },
};
