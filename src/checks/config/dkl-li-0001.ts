import { byLayer, findingOf, type ConfigCheck } from './model.js';

/** Accounts with an empty password field in /etc/shadow, /etc/master.passwd or /etc/passwd: no password needed. */
export const dklLi0001: ConfigCheck = {
  id: 'DKL-LI-0001',
  title: 'Avoid empty password',
  severity: 'high',
  dockleLevel: 'FATAL',
  run(ctx) {
    const issues = ctx.inventory.fsFacts?.accounts.emptyPassword ?? [];
    return byLayer(issues).map(([layer, list]) =>
      findingOf(dklLi0001, list.map((a) => `${a.name} has no password (${a.file})`), ctx.layerRef(layer)),
    );
  },
};
