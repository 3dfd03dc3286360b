import type { MergeView } from '../../analyzer.js';
import { matchesWorkspaces } from './globs.js';
import type { LockEntry, ManifestEntry, NodeIndex } from './merge-index.js';
import { joinPath } from './resolve.js';

/**
 * JavaScript apps in an image: directories with a lock file or a node_modules tree, their root
 * manifest, the lock that describes them and their workspace packages.
 */

/** App directories, shallowest first (an enclosing app claims its workspace packages' directories). */
export function appDirs(index: NodeIndex): string[] {
  const dirs = new Set<string>([...index.locks.keys(), ...index.installedByRoot.keys()]);
  const depth = (d: string): number => (d === '' ? 0 : d.split('/').length);
  return [...dirs].sort((a, b) => depth(a) - depth(b) || (a < b ? -1 : a > b ? 1 : 0));
}

/** Lock file names, most authoritative first, when a directory has several. */
const PRECEDENCE = ['npm-shrinkwrap.json', 'package-lock.json', 'pnpm-lock.yaml', 'yarn.lock', 'bun.lock'];

/** What each package manager leaves in the node_modules it installed. */
const INSTALL_MARKERS: ReadonlyArray<[string, string[]]> = [
  ['node_modules/.package-lock.json', ['npm-shrinkwrap.json', 'package-lock.json']],
  ['node_modules/.modules.yaml', ['pnpm-lock.yaml']],
  ['node_modules/.yarn-state.yml', ['yarn.lock']],
  ['node_modules/.yarn-integrity', ['yarn.lock']],
];

/**
 * Did this lock's package manager install the app's node_modules (its marker is there)? Then the
 * tree was made from this lock, and what the lock lists but the tree lacks was left out on purpose.
 */
export function installedFromLock(lock: LockEntry, dir: string, view: MergeView): boolean {
  return INSTALL_MARKERS.some(([marker, names]) => names.includes(lock.base) && view.exists(joinPath(dir, marker)));
}

/** The lock of an app: the one whose package manager installed its node_modules, else by precedence. */
export function chooseLock(locks: readonly LockEntry[], dir: string, view: MergeView): LockEntry | undefined {
  if (locks.length <= 1) return locks[0];
  const ranked = [...locks].sort((a, b) => PRECEDENCE.indexOf(a.base) - PRECEDENCE.indexOf(b.base));
  for (const [marker, names] of INSTALL_MARKERS) {
    if (!view.exists(joinPath(dir, marker))) continue;
    const lock = ranked.find((l) => names.includes(l.base));
    if (lock) return lock;
  }
  return ranked[0];
}

/**
 * The app's workspace packages: the root manifest's `workspaces` globs, and the workspace
 * directories its lock names (pnpm importers, yarn berry `workspace:` entries, npm links, bun).
 */
export function workspaceMembers(dir: string, root: ManifestEntry | undefined, lock: LockEntry | undefined, index: NodeIndex): ManifestEntry[] {
  const members = new Map<string, ManifestEntry>();
  for (const ws of lock?.workspaces ?? []) {
    const m = index.manifests.get(joinPath(joinPath(dir, ws), 'package.json'));
    if (m && m !== root) members.set(m.v.path, m);
  }
  const globs = root?.workspaces ?? [];
  if (globs.length > 0) {
    const prefix = dir === '' ? '' : `${dir}/`;
    for (const m of index.manifests.values()) {
      if (m === root || !m.dir.startsWith(prefix) || m.dir.length <= prefix.length) continue;
      if (matchesWorkspaces(m.dir.slice(prefix.length), globs)) members.set(m.v.path, m);
    }
  }
  return [...members.values()];
}
