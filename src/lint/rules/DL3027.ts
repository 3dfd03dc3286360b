/** DL3027: `apt` is the interactive front end (its output and behaviour are not stable for scripts). */
import type { LintRule, Violation } from '../rule.js';
import { programsNamed } from './packages/runs.js';

const APT = new Set(['apt']);

export const DL3027: LintRule = {
  code: 'DL3027',
  level: 'warning',
  message: 'Do not use apt as it is meant to be an end-user tool, use apt-get or apt-cache instead',
  description: 'Do not use `apt`, use `apt-get` or `apt-cache` instead.',
  check(ctx) {
    const out: Violation[] = [];
    for (const { inv } of programsNamed(ctx, APT)) out.push({ code: 'DL3027', span: inv.nameWord.span });
    return out;
  },
};
