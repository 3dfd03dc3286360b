import { findingOf, type ConfigCheck } from './model.js';

/** The container runs as root: no USER, or USER root / 0 (with or without a group). Dockle checks "" and "root". */
export const cisDi0001: ConfigCheck = {
  id: 'CIS-DI-0001',
  title: 'Create a user for the container',
  severity: 'medium',
  dockleLevel: 'WARN',
  run(ctx) {
    const user = (ctx.config.user ?? '').trim();
    const name = user.split(':')[0] ?? '';
    if (name !== '' && name !== 'root' && name !== '0') return [];
    const detail = user === '' ? 'no USER in the image config: the container runs as root' : `USER is "${user}": the container runs as root`;
    return [findingOf(cisDi0001, [detail])];
  },
};
