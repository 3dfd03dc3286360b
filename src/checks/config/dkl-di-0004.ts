import type { HistoryStep } from './history.js';
import { apkCommand, cacheMounted, stepInvocations } from './package-commands.js';
import { stepFinding, type ConfigCheck } from './model.js';

/** `apk add` without `--no-cache` (unless the step mounts a BuildKit cache over apk's cache). */
export function apkAddCached(step: HistoryStep): boolean {
  if (cacheMounted(step, ['/var/cache/apk', '/etc/apk/cache'])) return false;
  return stepInvocations(step).some((inv) => {
    const apk = apkCommand(inv);
    return apk?.sub === 'add' && !apk.opts.flags.some((f) => f.long && f.name === 'no-cache');
  });
}

export const dklDi0004: ConfigCheck = {
  id: 'DKL-DI-0004',
  title: 'Use "apk add" with --no-cache',
  severity: 'low',
  dockleLevel: 'FATAL',
  run(ctx) {
    return ctx.history.filter(apkAddCached).map((step) => stepFinding(dklDi0004, ctx, step));
  },
};
