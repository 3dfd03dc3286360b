import { findingOf, type ConfigCheck } from './model.js';

/** sudo or doas installed: privilege escalation inside the container (su is part of every base system and not reported). */
export const ddImg0005: ConfigCheck = {
  id: 'DD-IMG-0005',
  title: 'sudo or doas installed',
  severity: 'low',
  run(ctx) {
    const tools = (ctx.inventory.fsFacts?.programs ?? []).filter((p) => p.name === 'sudo' || p.name === 'doas');
    return tools.map((t) => findingOf(ddImg0005, [`${t.path}`], ctx.layerRef(t.layer)));
  },
};
