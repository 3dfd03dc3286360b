import type { Package } from '../core/package.js';

/**
 * Resolve the dependency references analyzers emit into package ids. A reference is, in order of
 * preference: `name@version` or `name:arch` (exact — in the same file first, then anywhere the same
 * analyzer looked), or a bare `name`, which picks among packages of that name found by the same
 * analyzer — the same file first, then the same architecture, then an architecture-independent one
 * (`all`, `noarch`), then any.
 */
export function linkDependencies(pkgs: Package[], refs: ReadonlyArray<readonly string[] | undefined>): void {
  const exact = new Map<string, string>();
  const byName = new Map<string, Package[]>();
  const setExact = (key: string, id: string): void => {
    if (!exact.has(key)) exact.set(key, id);
  };
  for (const p of pkgs) {
    for (const scope of [`${p.foundBy}\u0000${p.location}\u0000`, `${p.foundBy}\u0000`]) {
      setExact(`${scope}${p.name}@${p.version}`, p.id);
      if (p.arch !== undefined) setExact(`${scope}${p.name}:${p.arch}`, p.id);
    }
    const list = byName.get(`${p.foundBy}\u0000${p.name}`) ?? [];
    list.push(p);
    byName.set(`${p.foundBy}\u0000${p.name}`, list);
  }
  pkgs.forEach((p, i) => {
    const ids = new Set<string>();
    for (const ref of refs[i] ?? []) {
      const id =
        exact.get(`${p.foundBy}\u0000${p.location}\u0000${ref}`) ?? exact.get(`${p.foundBy}\u0000${ref}`) ?? pick(byName.get(`${p.foundBy}\u0000${ref}`), p);
      if (id !== undefined && id !== p.id) ids.add(id);
    }
    if (ids.size) p.dependsOn = [...ids].sort();
  });
}

const ARCH_INDEPENDENT = new Set(['all', 'noarch']);

function pick(candidates: Package[] | undefined, from: Package): string | undefined {
  if (!candidates?.length) return undefined;
  const rank = (c: Package): number =>
    (c.location === from.location ? 0 : 4) + (c.arch === from.arch ? 0 : c.arch !== undefined && ARCH_INDEPENDENT.has(c.arch) ? 1 : 2);
  return [...candidates].sort((a, b) => rank(a) - rank(b))[0]?.id;
}
