/**
 * `RUN --mount=type=cache|tmpfs,target=…`: what such a mount keeps out of the image. A package cache
 * under a cache or tmpfs mount never lands in a layer, so the rules about deleting caches accept it.
 */
import type { RunInstruction } from '../../dockerfile/ast.js';

function normalise(path: string): string {
  const trimmed = path.replace(/\/+$/, '');
  return trimmed === '' ? '/' : trimmed;
}

/** The targets of the RUN's cache and tmpfs mounts, without trailing slashes. */
export function cacheMountTargets(run: RunInstruction): string[] {
  const out: string[] = [];
  for (const m of run.mounts) if ((m.type === 'cache' || m.type === 'tmpfs') && m.target !== undefined) out.push(normalise(m.target));
  return out;
}

/** True when `dir` is `path` or one of its ancestors. */
export function pathCovers(dir: string, path: string): boolean {
  const d = normalise(dir);
  const p = normalise(path);
  return p === d || d === '/' || p.startsWith(`${d}/`);
}

/** True when a cache/tmpfs mount of the RUN holds `path` (the mount is `path` or an ancestor of it). */
export function mountHolds(run: RunInstruction, path: string): boolean {
  return cacheMountTargets(run).some((t) => pathCovers(t, path));
}
