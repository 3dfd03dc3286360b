import type { LintRule, Violation } from '../rule.js';
import { parseOptions } from '../shell/options.js';
import { LN_OPTIONS } from '../shell/tool-options.js';
import { invocationsNamed } from './support/run-commands.js';

const TOOLS: ReadonlySet<string> = new Set(['ln']);
const SYSTEM_SHELLS: ReadonlySet<string> = new Set(['/bin/sh', '/usr/bin/sh']);

/**
 * `ln -sf /bin/bash /bin/sh`: replacing /bin/sh changes the shell of every later RUN behind the
 * reader's back; `SHELL ["/bin/bash", "-c"]` says it. Only a link *named* /bin/sh is reported (the last
 * of two or more operands, without `-t`). Points at the `/bin/sh` operand.
 */
export const DL4005: LintRule = {
  code: 'DL4005',
  level: 'warning',
  message: 'Use SHELL to change the default shell',
  description: 'Use SHELL instead of symlinking /bin/sh.',
  check(ctx) {
    const out: Violation[] = [];
    for (const { inv } of invocationsNamed(ctx, TOOLS)) {
      const opts = parseOptions(inv.args, LN_OPTIONS);
      if (opts.flags.some((f) => f.name === 't' || f.name === 'target-directory') || opts.positionals.length < 2) continue;
      const link = opts.positionals[opts.positionals.length - 1];
      if (link?.value !== undefined && SYSTEM_SHELLS.has(link.value)) out.push({ code: 'DL4005', span: link.span });
    }
    return out;
  },
};
