import type { HistoryStep } from './history.js';
import { stepFinding, type ConfigCheck } from './model.js';

/**
 * ADD steps that assemble the root filesystem: as in Dockle, the first ADD of the history (the base
 * image's `ADD file:… in /`); drydock also leaves out every ADD before the first layer made by
 * anything else (a FROM-scratch image unpacking several root filesystem tarballs, which only ADD can).
 */
function rootfsAdds(history: readonly HistoryStep[]): Set<HistoryStep> {
  const adds = history.filter((s) => s.instruction === 'ADD');
  const out = new Set<HistoryStep>(adds.slice(0, 1));
  for (const s of history) {
    if (s.emptyLayer) continue;
    if (s.instruction !== 'ADD') break;
    out.add(s);
  }
  return out;
}

/** `ADD` in the history (it fetches URLs and unpacks archives; COPY does neither), root filesystem ADDs aside. */
export const cisDi0009: ConfigCheck = {
  id: 'CIS-DI-0009',
  title: 'Use COPY instead of ADD in Dockerfile',
  severity: 'medium',
  dockleLevel: 'FATAL',
  run(ctx) {
    const skip = rootfsAdds(ctx.history);
    return ctx.history
      .filter((s) => s.instruction === 'ADD' && !skip.has(s))
      .map((step) => stepFinding(cisDi0009, ctx, step, ['use COPY unless the archive unpacking or URL fetching of ADD is meant']));
  },
};
