import { maskValue } from './mask.js';
import { findingOf, type ConfigCheck } from './model.js';

/** Secrets in ENV, LABEL, build args and history lines (sensitive-vars.ts), values masked. */
export const cisDi0010: ConfigCheck = {
  id: 'CIS-DI-0010',
  title: 'Do not store credential in environment variables/files',
  severity: 'high',
  dockleLevel: 'FATAL',
  run(ctx) {
    return ctx.secrets.map((v) =>
      findingOf(cisDi0010, [`${v.name}=${maskValue(v.value)}`, `found in: ${v.places.join('; ')}`], v.layer === undefined ? undefined : ctx.layerRef(v.layer)),
    );
  },
};
