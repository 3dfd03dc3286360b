import { byLayer, findingOf, type ConfigCheck } from './model.js';

/**
 * Leftovers that rarely belong in an image: Dockerfile, docker-compose.yml, .vimrc, .DS_Store, and
 * non-empty .git, .cache, .npm, .vscode, .idea, .aws, .azure, .gcp directories (not inside
 * node_modules/ or vendor/), one finding per layer that wrote them.
 */
export const dklLi0003: ConfigCheck = {
  id: 'DKL-LI-0003',
  title: 'Only put necessary files',
  severity: 'low',
  dockleLevel: 'INFO',
  run(ctx) {
    const list = ctx.inventory.fsFacts?.unnecessary ?? [];
    return byLayer(list).map(([layer, items]) => findingOf(dklLi0003, items.map((i) => i.path), ctx.layerRef(layer)));
  },
};
