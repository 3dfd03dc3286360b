import type { LintRule, Violation } from '../rule.js';
import { hasFlag, parseOptions } from '../shell/options.js';
import { WGET_OPTIONS } from '../shell/tool-options.js';
import { invocationsNamed } from './support/run-commands.js';

const TOOLS: ReadonlySet<string> = new Set(['wget']);
/** `--progress=...`, or options that silence the progress output or send it to a log file. */
const QUIET_FLAGS = ['progress', 'q', 'quiet', 'nv', 'no-verbose', 'o', 'output-file', 'a', 'append-output'];

/**
 * `wget` without `--progress` (or `-q`, `-nv`, `-o log`, `-a log`): the default progress bar floods
 * the build log. Points at `wget`. No fix: BusyBox wget has no `--progress=dot:giga`.
 */
export const DL3047: LintRule = {
  code: 'DL3047',
  level: 'info',
  message:
    'Avoid use of wget without progress bar. Use `wget --progress=dot:giga <url>`. Or consider using `-q` or `-nv` (shorthands for `--quiet` or `--no-verbose`).',
  description: 'wget without --progress bloats build logs.',
  check(ctx) {
    return invocationsNamed(ctx, TOOLS)
      .filter(({ inv }) => !hasFlag(parseOptions(inv.args, WGET_OPTIONS), ...QUIET_FLAGS))
      .map(({ inv }): Violation => ({ code: 'DL3047', span: inv.nameWord.span }));
  },
};
