import { npmRef } from './identity.js';
import type { NpmSource } from './sources.js';

/**
 * The dependency graph every JavaScript lock file parser produces. Parsers build nodes (one per
 * installed instance: an npm install path, a pnpm snapshot, a yarn resolution, a bun key) with
 * edges to other nodes, then `finishGraph` classifies them from the lock's importers (the root
 * and workspace packages) and collapses instances to one package per `name@version`.
 */

export interface LockNode {
  id: string;
  name: string;
  version: string;
  /** ids of the nodes this one depends on. */
  deps: string[];
  /** The lock's own dev flag (npm), when `devFlags` says to trust it. */
  dev?: boolean;
  source: NpmSource;
  licenses?: string[];
  /**
   * The lock says the package may be left out of an install: optional, peer or restricted to some
   * os/cpu/libc (npm, pnpm, yarn berry `conditions`, bun).
   */
  optional?: boolean;
  /** ids among `deps` that are optional dependencies (yarn, bun: the flag is on the edge). */
  optionalDeps?: string[];
}

/** An importer (the root package or a workspace member): node ids it depends on. */
export interface Importer {
  prod: string[];
  dev: string[];
}

/** One package of a lock file, instances merged. */
export interface LockPackage {
  name: string;
  version: string;
  /** `name@version` references to other packages of the same lock. */
  dependsOn: string[];
  relationship?: 'direct' | 'indirect';
  dev?: boolean;
  licenses?: string[];
  source: NpmSource;
  /** Every instance may be left out of an install (see LockNode.optional; reached only by optional edges). */
  optional?: boolean;
}

export interface LockGraph {
  packages: LockPackage[];
  /** Whether relationship and dev come from the lock itself (it lists the importers' dependencies). */
  classified: boolean;
  /** Workspace member directories the lock names, relative to its directory ('' excluded). */
  workspaces: string[];
  /** Per-entry problems (no file contents quoted). */
  problems: string[];
}

export interface Reach {
  direct: boolean;
  prod: boolean;
  dev: boolean;
}

/** Walk the graph from the importers: what each node is reachable from. */
export function classify(edges: ReadonlyMap<string, readonly string[]>, importers: readonly Importer[], extraDirect: Iterable<string> = []): Map<string, Reach> {
  const reach = new Map<string, Reach>();
  const at = (id: string): Reach => {
    let r = reach.get(id);
    if (!r) {
      r = { direct: false, prod: false, dev: false };
      reach.set(id, r);
    }
    return r;
  };
  for (const id of extraDirect) at(id).direct = true;
  const walk = (starts: string[], flag: 'prod' | 'dev'): void => {
    const stack = starts.filter((id) => edges.has(id));
    while (stack.length > 0) {
      const id = stack.pop() as string;
      const r = at(id);
      if (r[flag]) continue;
      r[flag] = true;
      for (const next of edges.get(id) ?? []) if (edges.has(next) && !reach.get(next)?.[flag]) stack.push(next);
    }
  };
  for (const imp of importers) {
    for (const id of [...imp.prod, ...imp.dev]) if (edges.has(id)) at(id).direct = true;
    walk(imp.prod, 'prod');
  }
  for (const imp of importers) walk(imp.dev, 'dev');
  return reach;
}

export interface FinishOptions {
  /** The importers, when the lock lists them (relationship and, without devFlags, dev come from them). */
  importers?: readonly Importer[];
  /** Trust the nodes' own dev flags (npm locks compute them). */
  devFlags?: boolean;
}

/** Classify the nodes and merge instances of the same `name@version` (nodes without a name are dropped). */
export function finishGraph(nodes: ReadonlyMap<string, LockNode>, opts: FinishOptions): LockPackage[] {
  const edges = new Map<string, string[]>();
  for (const [id, n] of nodes) edges.set(id, n.deps);
  const workspaces = [...nodes.values()].filter((n) => n.source.kind === 'workspace').map((n) => n.id);
  const reach = opts.importers ? classify(edges, opts.importers, workspaces) : undefined;
  const optionalByEdges = edgeOptional(nodes);
  const byRef = new Map<string, LockPackage>();
  for (const node of nodes.values()) {
    if (node.name === '') continue;
    const optional = node.optional === true || optionalByEdges.has(node.id);
    const ref = npmRef(node.name, node.version);
    const r = reach?.get(node.id);
    const relationship = r === undefined ? undefined : r.direct ? 'direct' : r.prod || r.dev ? 'indirect' : undefined;
    const dev = opts.devFlags ? node.dev === true : node.source.kind === 'workspace' ? false : r && (r.prod || r.dev) ? !r.prod : undefined;
    const deps = node.deps.flatMap((d) => {
      const target = nodes.get(d);
      return target && target.name !== '' ? [npmRef(target.name, target.version)] : [];
    });
    const seen = byRef.get(ref);
    if (!seen) {
      const pkg: LockPackage = { name: node.name, version: node.version, dependsOn: deps, source: node.source };
      if (relationship !== undefined) pkg.relationship = relationship;
      if (dev !== undefined) pkg.dev = dev;
      if (node.licenses && node.licenses.length > 0) pkg.licenses = node.licenses;
      if (optional) pkg.optional = true;
      byRef.set(ref, pkg);
      continue;
    }
    if (!optional) delete seen.optional;
    for (const d of deps) seen.dependsOn.push(d);
    if (relationship === 'direct' || (relationship === 'indirect' && seen.relationship === undefined)) seen.relationship = relationship;
    if (dev !== undefined) seen.dev = seen.dev === undefined ? dev : seen.dev && dev;
    if (!seen.licenses && node.licenses && node.licenses.length > 0) seen.licenses = node.licenses;
  }
  for (const [ref, pkg] of byRef) pkg.dependsOn = [...new Set(pkg.dependsOn)].filter((d) => d !== ref).sort();
  return [...byRef.values()];
}

/** Nodes that other nodes depend on only as optional dependencies. */
function edgeOptional(nodes: ReadonlyMap<string, LockNode>): Set<string> {
  const optionalIn = new Set<string>();
  const requiredIn = new Set<string>();
  for (const n of nodes.values()) {
    if (n.optionalDeps === undefined || n.optionalDeps.length === 0) {
      for (const d of n.deps) requiredIn.add(d);
      continue;
    }
    const optional = new Set(n.optionalDeps);
    for (const d of n.deps) (optional.has(d) ? optionalIn : requiredIn).add(d);
  }
  for (const id of requiredIn) optionalIn.delete(id);
  return optionalIn;
}
