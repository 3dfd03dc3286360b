import { byLayer, findingOf, octal, type ConfigCheck } from './model.js';

/** World-writable directories without the sticky bit (anyone may delete or replace anyone's files in them). */
export const ddImg0002: ConfigCheck = {
  id: 'DD-IMG-0002',
  title: 'World-writable directories need the sticky bit',
  severity: 'medium',
  run(ctx) {
    const dirs = ctx.inventory.fsFacts?.worldWritableDirs ?? [];
    return byLayer(dirs).map(([layer, list]) =>
      findingOf(ddImg0002, list.map((d) => `${d.path} (mode ${octal(d.mode)}: chmod +t, or drop o+w)`), ctx.layerRef(layer)),
    );
  },
};
