import type { LintRule, Violation } from '../rule.js';
import { labelPairs } from './instructions/label-rules.js';

/** DL3050: with `strict-labels`, a LABEL key the label schema does not list. Points at the key. */
export const DL3050: LintRule = {
  code: 'DL3050',
  level: 'info',
  message: 'Superfluous label(s) present.',
  description: 'With strict labels on, only the labels of the label schema may be set.',
  check(ctx) {
    if (!ctx.settings.strictLabels) return [];
    const schema = ctx.settings.labelSchema;
    const out: Violation[] = [];
    for (const { pair } of labelPairs(ctx.doc)) if (!schema.has(pair.key.value)) out.push({ code: 'DL3050', span: pair.key.span });
    return out;
  },
};
