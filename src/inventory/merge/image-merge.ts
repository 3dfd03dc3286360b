import type { LayerRef } from '../../core/package.js';
import type { OsInfo } from '../../core/inventory.js';
import { packageKey, type FileResult, type FsEntry, type LayeredResult, type MergeView, type SamePackage, type VisibleResult } from '../analyzer.js';
import type { LayerResult } from '../layer-result.js';
import { FsTree, type FsNode } from './fs-tree.js';

/** Every proper ancestor directory of a path, the root ('') included. */
function ancestors(path: string): string[] {
  const out: string[] = [];
  let i = path.lastIndexOf('/');
  while (i > 0) {
    out.push(path.slice(0, i));
    i = path.lastIndexOf('/', i - 1);
  }
  out.push('');
  return out;
}

function fsEntry(path: string, node: FsNode): FsEntry {
  const e: FsEntry = { path, kind: node.kind, mode: node.mode, size: node.size, layer: node.layer };
  if (node.uid !== undefined) e.uid = node.uid;
  if (node.gid !== undefined) e.gid = node.gid;
  if (node.link !== undefined) e.link = node.link;
  return e;
}

interface IndexedResult {
  result: FileResult;
  keys: Set<string> | undefined;
}

/**
 * All layers applied in order, and the per-analyzer views the merge stage of each analyzer sees:
 * which of its file results survive, where each package was introduced, symlinks resolved.
 * Paths are canonical: a layer entry written below a symlinked directory counts at the real path.
 */
export class ImageMerge {
  readonly tree = new FsTree();
  /** Per layer: literal entry path → canonical path, only where they differ. */
  private readonly aliases: Array<Map<string, string>> = [];
  private readonly entrySets = new Map<number, Set<string>>();
  private readonly removalSets = new Map<number, { whiteouts: Set<string>; opaque: Set<string> }>();
  private readonly resultIndex = new Map<string, Map<string, IndexedResult>>();

  constructor(
    private readonly layers: readonly LayerResult[],
    private readonly refs: readonly LayerRef[],
  ) {
    layers.forEach((layer, i) => this.aliases.push(this.tree.applyLayer(i, layer)));
  }

  layerRef(index: number): LayerRef {
    return this.refs[index] ?? { index };
  }

  private canonical(layer: number, path: string): string {
    return this.aliases[layer]?.get(path) ?? path;
  }

  viewFor(analyzerId: string, os: OsInfo | undefined): MergeView {
    const visible: VisibleResult[] = [];
    const byPath = new Map<string, VisibleResult>();
    this.layers.forEach((_, i) => {
      for (const [path, { result }] of this.indexFor(analyzerId, i)) {
        const node = this.tree.lookup(path);
        if (!node || node.layer !== i || node.kind === 'd' || node.kind === 'l') continue;
        const v: VisibleResult = { path, layer: this.layerRef(i), result: path === result.path ? result : { ...result, path } };
        visible.push(v);
        byPath.set(path, v);
      }
    });
    return {
      visible,
      os,
      at: (path) => byPath.get(path),
      resolve: (path) => {
        const r = this.tree.resolve(path);
        return r ? byPath.get(r.path) : undefined;
      },
      originOf: (path, same) => this.originOf(analyzerId, byPath.get(path), same),
      exists: (path) => this.tree.lookup(path) !== undefined || this.tree.resolve(path) !== undefined,
      entries: () => this.entries(),
      everyLayer: () => this.everyLayer(analyzerId),
      stat: (path) => {
        const r = this.tree.resolve(path);
        return r && r.path !== '' ? fsEntry(r.path, r.node) : undefined;
      },
    };
  }

  private *entries(): Generator<FsEntry> {
    for (const [path, node] of this.tree.walk()) yield fsEntry(path, node);
  }

  /** Every result of an analyzer in every layer; those no longer visible carry the layer that removed them. */
  private *everyLayer(analyzerId: string): Generator<LayeredResult> {
    for (let i = 0; i < this.layers.length; i++) {
      for (const [path, { result }] of this.indexFor(analyzerId, i)) {
        const r: LayeredResult = { path, layer: this.layerRef(i), result: path === result.path ? result : { ...result, path } };
        if (this.tree.lookup(path)?.layer !== i) {
          const j = this.removedAfter(i, path);
          if (j !== undefined) r.removedIn = this.layerRef(j);
        }
        yield r;
      }
    }
  }

  /** The first layer above `layer` that deleted or wrote over `path`, or replaced a parent directory with a non-directory. */
  private removedAfter(layer: number, path: string): number | undefined {
    const parents = ancestors(path).filter((a) => a !== '');
    for (let j = layer + 1; j < this.layers.length; j++) {
      if (this.deleted(j, path) || this.wrote(j, path)) return j;
      // parent directories are listed again by most layers: look at the entries' kinds only then
      if (parents.some((a) => this.wrote(j, a))) {
        const set = new Set(parents);
        if ((this.layers[j]?.entries ?? []).some((e) => e[1] !== 'd' && set.has(this.canonical(j, e[0])))) return j;
      }
    }
    return undefined;
  }

  /** One analyzer's results in one layer, by canonical path (built once, on first use). */
  private indexFor(analyzerId: string, layer: number): Map<string, IndexedResult> {
    const key = `${analyzerId}\u0000${layer}`;
    let index = this.resultIndex.get(key);
    if (!index) {
      index = new Map();
      for (const result of this.layers[layer]?.results[analyzerId] ?? []) {
        index.set(this.canonical(layer, result.path), { result, keys: undefined });
      }
      this.resultIndex.set(key, index);
    }
    return index;
  }

  private contains(entry: IndexedResult, same: SamePackage): boolean {
    if (same.key === undefined) return (entry.result.packages ?? []).some(same);
    entry.keys ??= new Set((entry.result.packages ?? []).map(packageKey));
    return entry.keys.has(same.key);
  }

  private wrote(layer: number, path: string): boolean {
    let set = this.entrySets.get(layer);
    if (!set) {
      set = new Set((this.layers[layer]?.entries ?? []).map((e) => this.canonical(layer, e[0])));
      this.entrySets.set(layer, set);
    }
    return set.has(path);
  }

  private deleted(layer: number, path: string): boolean {
    let sets = this.removalSets.get(layer);
    if (!sets) {
      const l = this.layers[layer];
      const canon = (p: string): string => this.canonical(layer, p);
      sets = { whiteouts: new Set((l?.whiteouts ?? []).map(canon)), opaque: new Set((l?.opaqueDirs ?? []).map(canon)) };
      this.removalSets.set(layer, sets);
    }
    if (sets.whiteouts.size === 0 && sets.opaque.size === 0) return false;
    if (sets.whiteouts.has(path)) return true;
    return ancestors(path).some((a) => sets.whiteouts.has(a) || sets.opaque.has(a));
  }

  /**
   * Walk down from the layer that wrote the visible file: the package's origin is the lowest layer
   * of the unbroken run of versions of that file that all contain it.
   */
  private originOf(analyzerId: string, v: VisibleResult | undefined, same: SamePackage): LayerRef {
    if (!v) return { index: -1 };
    let origin = v.layer.index;
    if (this.deleted(origin, v.path)) return this.layerRef(origin);
    for (let j = origin - 1; j >= 0; j--) {
      const r = this.indexFor(analyzerId, j).get(v.path);
      if (r) {
        if (!this.contains(r, same)) break;
        origin = j;
        if (this.deleted(j, v.path)) break;
        continue;
      }
      if (this.wrote(j, v.path) || this.deleted(j, v.path)) break;
    }
    return this.layerRef(origin);
  }
}
