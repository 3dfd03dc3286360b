/**
 * DL3015: `apt-get install` without `--no-install-recommends` (or `-o APT::Install-Recommends=false`)
 * pulls in recommended packages nobody asked for. Fix: add ` --no-install-recommends` after `install`.
 */
import type { LintRule, Violation } from '../rule.js';
import { hasFlag } from '../shell/options.js';
import { APT_GET_OPTIONS } from '../shell/tool-options.js';
import { aptFalse, aptOption } from './packages/apt.js';
import { insertAfter, spanFrom } from './packages/runs.js';
import { toolCommands } from './packages/tool-commands.js';

const APT = new Set(['apt-get', 'apt']);
const INSTALL = new Set(['install']);

export const DL3015: LintRule = {
  code: 'DL3015',
  level: 'info',
  message: 'Avoid additional packages by specifying `--no-install-recommends`',
  description: 'Avoid additional packages by specifying `--no-install-recommends`.',
  check(ctx) {
    const out: Violation[] = [];
    for (const cmd of toolCommands(ctx, APT, APT_GET_OPTIONS, INSTALL)) {
      if (hasFlag(cmd, 'no-install-recommends') || aptFalse(aptOption(cmd, 'APT::Install-Recommends'))) continue;
      const sub = cmd.subcommand;
      const fix = sub === undefined ? undefined : insertAfter(ctx.doc, sub, ' --no-install-recommends');
      out.push({ code: 'DL3015', span: spanFrom(cmd.inv.nameWord, sub), ...(fix !== undefined ? { fix } : {}) });
    }
    return out;
  },
};
