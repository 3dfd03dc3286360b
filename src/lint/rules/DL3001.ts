import type { LintRule, Violation } from '../rule.js';
import { invocationsNamed } from './support/run-commands.js';

/** Interactive or system-management programs that do nothing useful while building an image. */
const POINTLESS: ReadonlySet<string> = new Set(['free', 'ifconfig', 'kill', 'mount', 'ps', 'service', 'shutdown', 'ssh', 'top', 'vim']);

/** `RUN top`, `RUN service x start`, ... (run, not installed: `apt-get install ssh` is fine). Points at the program. */
export const DL3001: LintRule = {
  code: 'DL3001',
  level: 'info',
  message:
    'For some bash commands it makes no sense running them in a Docker container like `ssh`, `vim`, `shutdown`, `service`, `ps`, `free`, `top`, `kill`, `mount`, `ifconfig`',
  description: 'Commands like ssh, vim, service, ps or top make no sense in a RUN.',
  check(ctx) {
    return invocationsNamed(ctx, POINTLESS).map(({ inv }): Violation => ({ code: 'DL3001', span: inv.nameWord.span }));
  },
};
