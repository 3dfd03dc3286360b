import type { LintRule } from '../rule.js';
import { labelFormatRule } from './instructions/label-rules.js';

/** DL3053: a label the label schema types `rfc3339` has a value of another format. Points at the value. */
export const DL3053: LintRule = labelFormatRule({
  code: 'DL3053',
  level: 'warning',
  type: 'rfc3339',
  message: (label) => `Label \`${label}\` is not a valid time format - must be conform to RFC3339.`,
  description: 'A date label must be an RFC 3339 date-time such as 2024-05-01T12:00:00Z.',
});
