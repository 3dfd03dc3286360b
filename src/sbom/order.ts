import type { Package } from '../core/package.js';

/** Code-point order, independent of the machine's locale (localeCompare is not). */
export function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The order packages appear in generated SBOMs: type, name, version, arch, then id. */
export function comparePackages(a: Package, b: Package): number {
  return (
    compareStrings(a.type, b.type) ||
    compareStrings(a.name, b.name) ||
    compareStrings(a.version, b.version) ||
    compareStrings(a.arch ?? '', b.arch ?? '') ||
    compareStrings(a.id, b.id)
  );
}
