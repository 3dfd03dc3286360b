import type { FsEntryFact } from '../../core/fs-facts.js';
import { byLayer, findingOf, octal, type ConfigCheck } from './model.js';

function describe(f: FsEntryFact): string {
  const bits = [(f.mode & 0o4000) !== 0 ? 'setuid' : '', (f.mode & 0o2000) !== 0 ? 'setgid' : ''].filter(Boolean).join('+');
  return `${f.path} (${bits}, mode ${octal(f.mode)}, owner ${f.uid ?? 0}:${f.gid ?? 0})`;
}

/** Setuid/setgid regular files in the final image, one finding per layer that wrote them (all listed). */
export const cisDi0008: ConfigCheck = {
  id: 'CIS-DI-0008',
  title: 'Confirm safety of setuid/setgid files',
  severity: 'low',
  dockleLevel: 'INFO',
  run(ctx) {
    const facts = ctx.inventory.fsFacts;
    if (!facts) return [];
    const cut = facts.truncated?.['setuidFiles'];
    return byLayer(facts.setuidFiles).map(([layer, files]) => {
      const details = files.map(describe);
      if (cut !== undefined) details.push(`(the image has ${cut} such files; the first ${facts.setuidFiles.length} by path are listed)`);
      return findingOf(cisDi0008, details, ctx.layerRef(layer));
    });
  },
};
