import type { LintRule } from '../rule.js';
import { checkAssumeYes, insertAfterAction } from './support/assume-yes.js';
import { zypperCommand, type PackageCommand } from './support/rpm-tools.js';

const TOOLS: ReadonlySet<string> = new Set(['zypper']);
/** zypper commands that ask for confirmation. */
const PROMPTING: ReadonlySet<string> = new Set(['install', 'remove', 'update', 'patch', 'dist-upgrade', 'install-new-recommends', 'source-install']);

/** `install -y` (its `--no-confirm`), else the global `--non-interactive` right after `zypper`, which every command honours. */
function fix(c: PackageCommand): ReturnType<typeof insertAfterAction> {
  if (c.action === 'install') return insertAfterAction(c);
  return { offset: c.inv.nameWord.span.end.offset, length: 0, text: ' --non-interactive' };
}

/** zypper install/remove/update/patch/dist-upgrade without `-n`/`--non-interactive`/`-y`/`--no-confirm`. */
export const DL3034: LintRule = {
  code: 'DL3034',
  level: 'warning',
  message: 'Non-interactive switch missing from `zypper` command: `zypper install -y`',
  description: 'zypper commands that ask for confirmation need a non-interactive switch in a Dockerfile.',
  check: (ctx) =>
    checkAssumeYes(ctx, {
      code: 'DL3034',
      tools: TOOLS,
      read: zypperCommand,
      prompts: (c) => c.action !== undefined && PROMPTING.has(c.action),
      yesFlags: ['n', 'non-interactive', 'y', 'no-confirm'],
      fix,
    }),
};
