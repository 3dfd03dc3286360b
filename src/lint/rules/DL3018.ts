/**
 * DL3018: pin versions in `apk add` (`pkg=1.2-r0`, `pkg~1.2`, `pkg>=1.2`, `pkg<2`). Local `.apk` files,
 * and the values of `--virtual`/`-t` and `--repository`/`-X`, are no package names to pin; words only
 * known at build time (`$PKGS`) are left alone.
 */
import type { LintRule, Violation } from '../rule.js';
import { APK_OPTIONS } from '../shell/tool-options.js';
import { toolCommands } from './packages/tool-commands.js';

const APK = new Set(['apk']);
const ADD = new Set(['add']);

function pinned(pkg: string): boolean {
  return /[=~<>]/.test(pkg) || pkg.endsWith('.apk');
}

export const DL3018: LintRule = {
  code: 'DL3018',
  level: 'warning',
  message: 'Pin versions in apk add. Instead of `apk add <package>` use `apk add <package>=<version>`',
  description: 'Pin versions in `apk add`.',
  check(ctx) {
    const out: Violation[] = [];
    for (const cmd of toolCommands(ctx, APK, APK_OPTIONS, ADD)) {
      for (const word of cmd.operands) {
        if (word.value !== undefined && !pinned(word.value)) out.push({ code: 'DL3018', span: word.span });
      }
    }
    return out;
  },
};
