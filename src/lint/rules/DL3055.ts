import type { LintRule } from '../rule.js';
import { labelFormatRule } from './instructions/label-rules.js';

/** DL3055: a label the label schema types `hash` has a value of another format. Points at the value. */
export const DL3055: LintRule = labelFormatRule({
  code: 'DL3055',
  level: 'warning',
  type: 'hash',
  message: (label) => `Label \`${label}\` is not a valid git hash.`,
  description: 'A revision label must be a git commit hash.',
});
