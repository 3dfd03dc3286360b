import type { LintRule } from '../rule.js';
import { labelFormatRule } from './instructions/label-rules.js';

/** DL3052: a label the label schema types `url` has a value of another format. Points at the value. */
export const DL3052: LintRule = labelFormatRule({
  code: 'DL3052',
  level: 'warning',
  type: 'url',
  message: (label) => `Label \`${label}\` is not a valid URL.`,
  description: 'A URL label (documentation, source) must be an absolute URI.',
});
