/**
 * DL3014: `apt-get install` (or another apt-get/apt command that asks "Do you want to continue?") without
 * `-y`/`--yes`/`--assume-yes`, quiet level 2 (`-qq`, `-q=2`, which implies yes) or
 * `-o APT::Get::Assume-Yes=true` stops the build at the prompt. Fix: add ` -y` after the subcommand.
 */
import type { LintRule, Violation } from '../rule.js';
import { hasFlag } from '../shell/options.js';
import { APT_GET_OPTIONS } from '../shell/tool-options.js';
import { aptOption, aptTrue, quietLevel } from './packages/apt.js';
import { insertAfter, spanFrom } from './packages/runs.js';
import { toolCommands } from './packages/tool-commands.js';

const APT = new Set(['apt-get', 'apt']);
/** Subcommands that ask for confirmation. */
const PROMPTING = new Set(['install', 'reinstall', 'remove', 'purge', 'upgrade', 'dist-upgrade', 'full-upgrade', 'autoremove', 'build-dep']);

export const DL3014: LintRule = {
  code: 'DL3014',
  level: 'warning',
  message: 'Use the `-y` switch to avoid manual input `apt-get -y install <package>`',
  description: 'Use the `-y` switch with `apt-get install`.',
  check(ctx) {
    const out: Violation[] = [];
    for (const cmd of toolCommands(ctx, APT, APT_GET_OPTIONS, PROMPTING)) {
      if (hasFlag(cmd, 'y', 'yes', 'assume-yes') || quietLevel(cmd) >= 2 || aptTrue(aptOption(cmd, 'APT::Get::Assume-Yes'))) continue;
      const sub = cmd.subcommand;
      const fix = sub === undefined ? undefined : insertAfter(ctx.doc, sub, ' -y');
      out.push({ code: 'DL3014', span: spanFrom(cmd.inv.nameWord, sub), ...(fix !== undefined ? { fix } : {}) });
    }
    return out;
  },
};
