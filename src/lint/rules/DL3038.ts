import type { LintRule } from '../rule.js';
import { checkAssumeYes, insertAfterAction } from './support/assume-yes.js';
import { yumCommand, yumPrompts } from './support/rpm-tools.js';

const TOOLS: ReadonlySet<string> = new Set(['dnf', 'microdnf']);

/** `dnf`/`microdnf install` (remove, upgrade, group/module actions ...) without `-y`/`--assumeyes`. */
export const DL3038: LintRule = {
  code: 'DL3038',
  level: 'warning',
  message: 'Use the -y switch to avoid manual input `dnf install -y <package>`',
  description: 'dnf and microdnf commands that ask for confirmation need -y in a Dockerfile.',
  check: (ctx) =>
    checkAssumeYes(ctx, { code: 'DL3038', tools: TOOLS, read: yumCommand, prompts: yumPrompts, yesFlags: ['y', 'assumeyes'], fix: (c) => insertAfterAction(c) }),
};
