import type { Package } from '../core/package.js';
import type { Unknown } from '../core/inventory.js';
import type { Analyzer } from './analyzer.js';
import type { FsTree } from './merge/fs-tree.js';

const OS_TYPES = new Set(['deb', 'apk', 'rpm']);
const OS_ANALYZERS = new Set(['os', 'dpkg', 'apk', 'rpm']);

const base = (p: string): string => p.slice(p.lastIndexOf('/') + 1);

/**
 * Packages found in files an OS package installed are not reported twice. Per the finding analyzer's
 * `osOwned` policy they are folded into the OS package as an extra identity (`extraPurls`), dropped,
 * or kept. Paths are compared canonically (a dpkg list saying /lib/x owns the file at /usr/lib/x
 * when /lib is a symlink to usr/lib).
 */
export function foldOsOwned(pkgs: Package[], analyzers: readonly Analyzer[], tree: FsTree): Package[] {
  const policy = new Map(analyzers.map((a) => [a.id, a.osOwned ?? 'fold']));
  const candidates = pkgs.filter((p) => !OS_TYPES.has(p.type) && policy.get(p.foundBy) !== 'keep');
  if (candidates.length === 0) return pkgs;
  const owners = ownersOf(pkgs, new Set(candidates.map((p) => base(p.location))), tree);
  const dropped = new Set<string>();
  for (const p of candidates) {
    const path = canonical(p.location, tree);
    const owner = owners.get(path);
    if (!owner || overwrittenSince(owner, path, tree)) continue;
    dropped.add(p.id);
    // Only the file's own identity is another name for the OS package; what a lock file or go.mod
    // it shipped lists are dependencies, not identities, and go with it.
    const identity = p.relationship === 'root' || p.foundIn === 'installed' || p.foundIn === 'binary';
    if (policy.get(p.foundBy) === 'fold' && identity && p.purl !== owner.purl) {
      owner.extraPurls = [...new Set([...(owner.extraPurls ?? []), p.purl])].sort();
    }
  }
  if (dropped.size === 0) return pkgs;
  const kept = pkgs.filter((p) => !dropped.has(p.id));
  for (const p of kept) {
    if (!p.dependsOn) continue;
    const deps = p.dependsOn.filter((d) => !dropped.has(d));
    if (deps.length) p.dependsOn = deps;
    else delete p.dependsOn;
  }
  return kept;
}

/**
 * Problems a language analyzer had with a file an OS package installed (a Debian jar without any
 * Maven identity) are not worth reporting: the OS package already accounts for the file.
 */
export function dropOsOwnedUnknowns(unknowns: Unknown[], pkgs: readonly Package[], analyzers: readonly Analyzer[], tree: FsTree): Unknown[] {
  const policy = new Map(analyzers.map((a) => [a.id, a.osOwned ?? 'fold']));
  const candidates = unknowns.filter((u) => u.path !== undefined && policy.has(u.source) && policy.get(u.source) !== 'keep' && !OS_ANALYZERS.has(u.source));
  if (candidates.length === 0) return unknowns;
  const owners = ownersOf(pkgs, new Set(candidates.map((u) => base(u.path as string))), tree);
  const checked = new Set(candidates);
  return unknowns.filter((u) => !checked.has(u) || !owners.has(canonical(u.path as string, tree)));
}

/**
 * A file a later layer wrote over (a node binary copied over Debian's) is no longer what the OS
 * package installed: what it contains is reported on its own.
 */
function overwrittenSince(owner: Package, path: string, tree: FsTree): boolean {
  const written = tree.lookup(path.replace(/^\//, ''))?.layer;
  return written !== undefined && owner.layer !== undefined && written > owner.layer.index;
}

/** Canonical path → OS package, for the files whose base names are wanted (the rest is skipped cheaply). */
function ownersOf(pkgs: readonly Package[], wantedNames: ReadonlySet<string>, tree: FsTree): Map<string, Package> {
  const owners = new Map<string, Package>();
  for (const p of pkgs) {
    if (!OS_TYPES.has(p.type)) continue;
    for (const f of p.files ?? []) {
      if (wantedNames.has(base(f))) owners.set(canonical(f, tree), p);
    }
  }
  return owners;
}

/** `/a/b/c` with its parent directories resolved through the image's symlinks. */
function canonical(absolute: string, tree: FsTree): string {
  const rel = absolute.replace(/^\/+/, '');
  const i = rel.lastIndexOf('/');
  if (i < 0) return `/${rel}`;
  const dir = tree.resolve(rel.slice(0, i));
  return dir ? `/${dir.path ? `${dir.path}/` : ''}${rel.slice(i + 1)}` : `/${rel}`;
}
