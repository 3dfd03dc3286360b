import type { HistoryStep } from './history.js';
import { aptSubcommand, stepInvocations } from './package-commands.js';
import { stepFinding, type ConfigCheck } from './model.js';

/** `apt-get dist-upgrade` / `apt dist-upgrade` (and apt's `full-upgrade`, the same operation). */
export function usesDistUpgrade(step: HistoryStep): boolean {
  return stepInvocations(step).some((inv) => {
    const sub = aptSubcommand(inv);
    return sub === 'dist-upgrade' || sub === 'full-upgrade';
  });
}

export const dklDi0003: ConfigCheck = {
  id: 'DKL-DI-0003',
  title: 'Avoid "apt-get dist-upgrade"',
  severity: 'low',
  dockleLevel: 'WARN',
  run(ctx) {
    return ctx.history.filter(usesDistUpgrade).map((step) => stepFinding(dklDi0003, ctx, step));
  },
};
