import { findingOf, type ConfigCheck } from './model.js';

/** A UID (/etc/passwd) or GID (/etc/group) shared by several names. */
export const dklLi0002: ConfigCheck = {
  id: 'DKL-LI-0002',
  title: 'Be unique UID/GROUP',
  severity: 'medium',
  dockleLevel: 'FATAL',
  run(ctx) {
    const dups = ctx.inventory.fsFacts?.accounts.duplicateIds ?? [];
    return dups.map((d) => findingOf(dklLi0002, [`${d.kind.toUpperCase()} ${d.id} is used by ${d.names.join(', ')} (${d.file})`], ctx.layerRef(d.layer)));
  },
};
