import type { LintRule } from '../rule.js';
import { labelFormatRule } from './instructions/label-rules.js';

/** DL3058: a label the label schema types `email` has a value of another format. Points at the value. */
export const DL3058: LintRule = labelFormatRule({
  code: 'DL3058',
  level: 'warning',
  type: 'email',
  message: (label) => `Label \`${label}\` is not a valid email format - must be conform to RFC5322.`,
  description: 'A contact label must be an e-mail address (RFC 5322 addr-spec).',
});
