import { findingOf, type ConfigCheck } from './model.js';

const SENSITIVE: ReadonlySet<string> = new Set(['/sys', '/dev', '/proc']);

/** A VOLUME on /sys, /dev or /proc. */
export const dklDi0002: ConfigCheck = {
  id: 'DKL-DI-0002',
  title: 'Avoid sensitive directory mounting',
  severity: 'high',
  dockleLevel: 'FATAL',
  run(ctx) {
    const hits = (ctx.config.volumes ?? []).filter((v) => SENSITIVE.has(v.replace(/\/+$/, '') || '/'));
    return hits.map((v) => findingOf(dklDi0002, [`VOLUME ${v}`]));
  },
};
