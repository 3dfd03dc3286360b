import type { HistoryStep } from './history.js';
import { aptSubcommand, cacheMounted, clearsAptLists, stepInvocations } from './package-commands.js';
import { stepFinding, type ConfigCheck } from './model.js';

/**
 * A RUN step that runs `apt-get update` or `install` and does not remove /var/lib/apt/lists after it
 * (`rm -rf /var/lib/apt/lists/*`, `apt-get dist-clean`): the lists stay in that layer, even if a
 * later layer deletes them. A BuildKit cache mount over the lists keeps them out of the layer.
 */
export function leavesAptLists(step: HistoryStep): boolean {
  if (cacheMounted(step, ['/var/lib/apt/lists'])) return false;
  let dirty = false;
  for (const inv of stepInvocations(step)) {
    const sub = aptSubcommand(inv);
    if (sub === 'update' || sub === 'install') dirty = true;
    else if (dirty && clearsAptLists(inv)) dirty = false;
  }
  return dirty;
}

export const dklDi0005: ConfigCheck = {
  id: 'DKL-DI-0005',
  title: 'Clear apt-get caches',
  severity: 'low',
  dockleLevel: 'FATAL',
  run(ctx) {
    return ctx.history.filter(leavesAptLists).map((step) => stepFinding(dklDi0005, ctx, step, ['add `rm -rf /var/lib/apt/lists/*` at the end of the same RUN']));
  },
};
