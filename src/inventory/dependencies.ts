import type { Package } from '../core/package.js';

/**
 * Resolve the dependency references analyzers emit into package ids. A reference is, in order of
 * preference: `name@version` or `name:arch` (exact — in the same file first, then anywhere the same
 * analyzer looked), or a bare `name`, which picks among packages of that name found by the same
 * analyzer — the same file first, then the file sharing the most directories (the same conda
 * environment or gem directory), then the same architecture, then an architecture-independent one
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

/** How many leading directories two absolute file paths share. */
function sharedDirs(a: string, b: string): number {
  const x = a.split('/');
  const y = b.split('/');
  let n = 0;
  while (n < x.length - 1 && n < y.length - 1 && x[n] === y[n]) n++;
  return n;
}

/**
 * The closest candidate: the one whose file shares the most directories with the dependent's (the
 * same lock file, the same conda environment, the same gem directory), then by architecture.
 */
function pick(candidates: Package[] | undefined, from: Package): string | undefined {
  if (!candidates?.length) return undefined;
  const archRank = (c: Package): number => (c.arch === from.arch ? 0 : c.arch !== undefined && ARCH_INDEPENDENT.has(c.arch) ? 1 : 2);
  let best: Package | undefined;
  let bestScore = Number.NEGATIVE_INFINITY;
  for (const c of candidates) {
    const score = (c.location === from.location ? 10_000 : sharedDirs(c.location, from.location) * 10) - archRank(c);
    if (score > bestScore) {
      best = c;
      bestScore = score;
    }
  }
  return best?.id;
}
