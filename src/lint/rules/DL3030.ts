import type { LintRule } from '../rule.js';
import { checkAssumeYes, insertAfterAction } from './support/assume-yes.js';
import { yumCommand, yumPrompts } from './support/rpm-tools.js';

const TOOLS: ReadonlySet<string> = new Set(['yum']);

/** `yum install` (remove, upgrade, group/module actions ...) without `-y`/`--assumeyes` aborts in a build. */
export const DL3030: LintRule = {
  code: 'DL3030',
  level: 'warning',
  message: 'Use the -y switch to avoid manual input `yum install -y <package>`',
  description: 'yum commands that ask for confirmation need -y in a Dockerfile.',
  check: (ctx) =>
    checkAssumeYes(ctx, { code: 'DL3030', tools: TOOLS, read: yumCommand, prompts: yumPrompts, yesFlags: ['y', 'assumeyes'], fix: (c) => insertAfterAction(c) }),
};
