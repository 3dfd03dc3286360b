import type { LintRule } from '../rule.js';
import { labelFormatRule } from './instructions/label-rules.js';

/** DL3054: a label the label schema types `spdx` has a value of another format. Points at the value. */
export const DL3054: LintRule = labelFormatRule({
  code: 'DL3054',
  level: 'warning',
  type: 'spdx',
  message: (label) => `Label \`${label}\` is not a valid SPDX identifier.`,
  description: 'A license label must be an SPDX license identifier or expression.',
});
