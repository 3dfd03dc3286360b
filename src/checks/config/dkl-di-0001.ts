import type { HistoryStep } from './history.js';
import { stepInvocations } from './package-commands.js';
import { stepFinding, type ConfigCheck } from './model.js';

/** A RUN step that runs sudo or names it (`sudo make install`, `apt-get install sudo`), as Dockle reads the word. */
export function usesSudo(step: HistoryStep): boolean {
  return stepInvocations(step).some(
    (inv) => inv.name === 'sudo' || inv.wrappers.includes('sudo') || inv.command.words.some((w) => w.value === 'sudo' || w.value?.endsWith('/sudo') === true),
  );
}

export const dklDi0001: ConfigCheck = {
  id: 'DKL-DI-0001',
  title: 'Avoid sudo command',
  severity: 'medium',
  dockleLevel: 'FATAL',
  run(ctx) {
    return ctx.history.filter(usesSudo).map((step) => stepFinding(dklDi0001, ctx, step));
  },
};
