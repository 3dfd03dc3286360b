import type { LayerRef, PackageRecord } from '../../core/package.js';
import type { OsInfo } from '../../core/inventory.js';
import type { FileResult, MergeView, VisibleResult } from '../analyzer.js';
import type { LayerResult } from '../layer-result.js';
import { FsTree } from './fs-tree.js';

function ancestors(path: string): string[] {
  const out: string[] = [];
  let i = path.lastIndexOf('/');
  while (i > 0) {
    out.push(path.slice(0, i));
    i = path.lastIndexOf('/', i - 1);
  }
  return out;
}

/**
 * All layers applied in order, and the per-analyzer views the merge stage of each analyzer sees:
 * which of its file results survive, where each package was introduced, symlinks resolved.
 */
export class ImageMerge {
  readonly tree = new FsTree();
  private readonly entrySets = new Map<number, Set<string>>();
  private readonly removalSets = new Map<number, { whiteouts: Set<string>; opaque: Set<string> }>();

  constructor(
    private readonly layers: readonly LayerResult[],
    private readonly refs: readonly LayerRef[],
  ) {
    layers.forEach((layer, i) => this.tree.applyLayer(i, layer));
  }

  layerRef(index: number): LayerRef {
    return this.refs[index] ?? { index };
  }

  viewFor(analyzerId: string, os: OsInfo | undefined): MergeView {
    const visible: VisibleResult[] = [];
    const byPath = new Map<string, VisibleResult>();
    this.layers.forEach((layer, i) => {
      for (const result of layer.results[analyzerId] ?? []) {
        const node = this.tree.lookup(result.path);
        if (!node || node.layer !== i || node.kind === 'd' || node.kind === 'l') continue;
        const v: VisibleResult = { path: result.path, layer: this.layerRef(i), result };
        visible.push(v);
        byPath.set(result.path, v);
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
    };
  }

  private resultAt(analyzerId: string, layer: number, path: string): FileResult | undefined {
    return this.layers[layer]?.results[analyzerId]?.find((r) => r.path === path);
  }

  private wrote(layer: number, path: string): boolean {
    let set = this.entrySets.get(layer);
    if (!set) {
      set = new Set((this.layers[layer]?.entries ?? []).map((e) => e[0]));
      this.entrySets.set(layer, set);
    }
    return set.has(path);
  }

  private deleted(layer: number, path: string): boolean {
    let sets = this.removalSets.get(layer);
    if (!sets) {
      const l = this.layers[layer];
      sets = { whiteouts: new Set(l?.whiteouts ?? []), opaque: new Set(l?.opaqueDirs ?? []) };
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
  private originOf(analyzerId: string, v: VisibleResult | undefined, same: (p: PackageRecord) => boolean): LayerRef {
    if (!v) return { index: -1 };
    let origin = v.layer.index;
    if (this.deleted(origin, v.path)) return this.layerRef(origin);
    for (let j = origin - 1; j >= 0; j--) {
      const r = this.resultAt(analyzerId, j, v.path);
      if (r) {
        if (!(r.packages ?? []).some(same)) break;
        origin = j;
        if (this.deleted(j, v.path)) break;
        continue;
      }
      if (this.wrote(j, v.path) || this.deleted(j, v.path)) break;
    }
    return this.layerRef(origin);
  }
}
