import { findingOf, type ConfigCheck } from './model.js';

/** No HEALTHCHECK in the config, or `HEALTHCHECK NONE` (which disables one inherited from the base image). */
export const cisDi0006: ConfigCheck = {
  id: 'CIS-DI-0006',
  title: 'Add HEALTHCHECK instruction to the container image',
  severity: 'low',
  dockleLevel: 'INFO',
  run(ctx) {
    const hc = ctx.config.healthcheck;
    if (hc === undefined) return [findingOf(cisDi0006, ['no HEALTHCHECK in the image config'])];
    if (hc.test?.[0] === 'NONE') return [findingOf(cisDi0006, ['HEALTHCHECK NONE: the health check is disabled'])];
    return [];
  },
};
