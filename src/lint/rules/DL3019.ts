/**
 * DL3019: `apk add` without `--no-cache` keeps the package index in /var/cache/apk (unless that is a
 * cache/tmpfs mount). Fix: add ` --no-cache` after `add`.
 */
import type { LintRule, Violation } from '../rule.js';
import { hasFlag } from '../shell/options.js';
import { APK_OPTIONS } from '../shell/tool-options.js';
import { mountHolds } from './packages/cache-mounts.js';
import { insertAfter, spanFrom } from './packages/runs.js';
import { toolCommands } from './packages/tool-commands.js';

const APK = new Set(['apk']);
const ADD = new Set(['add']);

export const DL3019: LintRule = {
  code: 'DL3019',
  level: 'info',
  message: 'Use the `--no-cache` switch to avoid the need to use `--update` and remove `/var/cache/apk/*` when done installing packages',
  description: 'Use `apk add --no-cache`.',
  check(ctx) {
    const out: Violation[] = [];
    for (const cmd of toolCommands(ctx, APK, APK_OPTIONS, ADD)) {
      if (hasFlag(cmd, 'no-cache') || mountHolds(cmd.run, '/var/cache/apk')) continue;
      const sub = cmd.subcommand;
      const fix = sub === undefined ? undefined : insertAfter(ctx.doc, sub, ' --no-cache');
      out.push({ code: 'DL3019', span: spanFrom(cmd.inv.nameWord, sub), ...(fix !== undefined ? { fix } : {}) });
    }
    return out;
  },
};
