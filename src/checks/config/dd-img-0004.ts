import type { FsProgram } from '../../core/fs-facts.js';
import { findingOf, type ConfigCheck } from './model.js';

function names(list: readonly FsProgram[]): string {
  return [...new Set(list.map((p) => p.name))].sort().join(', ');
}

/** Information: a shell or package manager in the image (an intruder's tools; distroless images have neither). */
export const ddImg0004: ConfigCheck = {
  id: 'DD-IMG-0004',
  title: 'Shell or package manager present (not distroless)',
  severity: 'negligible',
  run(ctx) {
    const programs = ctx.inventory.fsFacts?.programs ?? [];
    const shells = programs.filter((p) => p.kind === 'shell');
    const managers = programs.filter((p) => p.kind === 'package-manager');
    if (shells.length === 0 && managers.length === 0) return [];
    const details: string[] = [];
    if (shells.length > 0) details.push(`shells: ${names(shells)}`);
    if (managers.length > 0) details.push(`package managers: ${names(managers)}`);
    details.push('a distroless or static base image has neither');
    return [findingOf(ddImg0004, details)];
  },
};
