import type { LintRule } from '../rule.js';
import { labelFormatRule } from './instructions/label-rules.js';

/** DL3056: a label the label schema types `semver` has a value of another format. Points at the value. */
export const DL3056: LintRule = labelFormatRule({
  code: 'DL3056',
  level: 'warning',
  type: 'semver',
  message: (label) => `Label \`${label}\` does not conform to semantic versioning.`,
  description: 'A version label must be a semantic version (SemVer 2.0.0).',
});
