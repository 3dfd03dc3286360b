import type { Package } from '../../src/core/package.js';

/**
 * A package without its id (ids differ between formats), dependsOn expressed by purl, and
 * without `files` (not written to SBOMs): what a round trip must preserve.
 */
export function comparable(pkgs: readonly Package[]): Array<Record<string, unknown>> {
  const purlOf = new Map(pkgs.map((p) => [p.id, p.purl]));
  return pkgs
    .map((p) => {
      const { id: _id, files: _files, dependsOn, ...rest } = p;
      const deps = (dependsOn ?? []).map((d) => purlOf.get(d)).filter((d) => d !== undefined).sort();
      return { ...rest, dependsOn: deps };
    })
    .sort((a, b) => (a.purl < b.purl ? -1 : a.purl > b.purl ? 1 : 0));
}
