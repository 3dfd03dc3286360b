import type { LintRule, Violation } from '../rule.js';
import { zypperCommand } from './support/rpm-tools.js';
import { invocationsNamed } from './support/run-commands.js';

const TOOLS: ReadonlySet<string> = new Set(['zypper']);

/** `zypper dist-upgrade`/`dup` in a build: upgrade the base image instead. Points at the subcommand. */
export const DL3035: LintRule = {
  code: 'DL3035',
  level: 'warning',
  message: 'Do not use `zypper dist-upgrade`.',
  description: 'zypper dist-upgrade in a Dockerfile makes the build unreproducible; use a newer base image.',
  check(ctx) {
    const out: Violation[] = [];
    for (const { inv } of invocationsNamed(ctx, TOOLS)) {
      const c = zypperCommand(inv);
      if (c.action === 'dist-upgrade' && c.actionWord !== undefined) out.push({ code: 'DL3035', span: c.actionWord.span });
    }
    return out;
  },
};
