import type { LintRule, Violation } from '../rule.js';
import { labelPairs } from './instructions/label-rules.js';

/** DL3051: a label of the label schema is set to the empty string. Points at the key. */
export const DL3051: LintRule = {
  code: 'DL3051',
  level: 'warning',
  message: 'label `<label>` is empty.',
  description: 'A required label must have a value.',
  check(ctx) {
    const schema = ctx.settings.labelSchema;
    if (schema.size === 0) return [];
    const out: Violation[] = [];
    for (const { pair } of labelPairs(ctx.doc)) {
      const name = pair.key.value;
      if (schema.has(name) && (pair.value === undefined || pair.value.value === '')) {
        out.push({ code: 'DL3051', span: pair.key.span, message: `label \`${name}\` is empty.` });
      }
    }
    return out;
  },
};
