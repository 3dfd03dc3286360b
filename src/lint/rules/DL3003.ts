import type { LintRule, Violation } from '../rule.js';
import { invocationsNamed } from './support/run-commands.js';

const CD: ReadonlySet<string> = new Set(['cd']);

/** `cd` in a RUN (also inside subshells and `sh -c`): WORKDIR says it once for every later instruction. Points at `cd`. */
export const DL3003: LintRule = {
  code: 'DL3003',
  level: 'warning',
  message: 'Use WORKDIR to switch to a directory',
  description: 'Use WORKDIR instead of cd in RUN.',
  check(ctx) {
    return invocationsNamed(ctx, CD).map(({ inv }): Violation => ({ code: 'DL3003', span: inv.nameWord.span }));
  },
};
