import { aptSubcommand, stepInvocations } from './package-commands.js';
import { stepFinding, type ConfigCheck } from './model.js';
import type { HistoryStep } from './history.js';

/** What makes an `apt-get update` worth its layer: a command that installs from the fresh lists after it. */
const USES_LISTS: ReadonlySet<string> = new Set(['install', 'upgrade', 'dist-upgrade', 'full-upgrade', 'build-dep', 'reinstall']);

/** `apt-get update` (or `apt update`) with no install/upgrade after it in the same RUN: a cached, stale update layer. */
export function updateAlone(step: HistoryStep): boolean {
  let updated = false;
  for (const inv of stepInvocations(step)) {
    const sub = aptSubcommand(inv);
    if (sub === 'update') updated = true;
    else if (updated && sub !== undefined && USES_LISTS.has(sub)) return false;
  }
  return updated;
}

export const cisDi0007: ConfigCheck = {
  id: 'CIS-DI-0007',
  title: 'Do not use update instructions alone in the Dockerfile',
  severity: 'medium',
  dockleLevel: 'FATAL',
  run(ctx) {
    return ctx.history.filter(updateAlone).map((step) => stepFinding(cisDi0007, ctx, step, ['combine `apt-get update` with the `apt-get install` that needs it, in one RUN']));
  },
};
