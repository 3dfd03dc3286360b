/**
 * DL3008: pin versions in `apt-get install` (`pkg=1.2*`). A release pin (`pkg/bookworm-backports`), a
 * local `.deb` or path, and the value of `-t`/`--target-release` are no package names to pin. `apt
 * install` is checked as well (DL3027 reports using `apt` at all). Words whose value is only known at
 * build time (`$PKGS`) cannot be judged and are left alone.
 */
import type { LintRule, Violation } from '../rule.js';
import { APT_GET_OPTIONS } from '../shell/tool-options.js';
import { toolCommands } from './packages/tool-commands.js';

const APT = new Set(['apt-get', 'apt']);
const INSTALL = new Set(['install']);

function pinned(pkg: string): boolean {
  return pkg.includes('=') || pkg.includes('/') || pkg.endsWith('.deb');
}

export const DL3008: LintRule = {
  code: 'DL3008',
  level: 'warning',
  message: 'Pin versions in apt get install. Instead of `apt-get install <package>` use `apt-get install <package>=<version>`',
  description: 'Pin versions in `apt-get install`.',
  check(ctx) {
    const out: Violation[] = [];
    for (const cmd of toolCommands(ctx, APT, APT_GET_OPTIONS, INSTALL)) {
      for (const word of cmd.operands) {
        if (word.value !== undefined && !pinned(word.value)) out.push({ code: 'DL3008', span: word.span });
      }
    }
    return out;
  },
};
