import type { Inventory, OsInfo, SourceInfo, Unknown } from '../core/inventory.js';
import type { LayerRef, Package } from '../core/package.js';
import type { OpenedTarget } from '../image/source-types.js';
import { defaultMerge, type Analyzer, type MergedPackage } from './analyzer.js';
import { walkRootfs } from './dir-walker.js';
import { LayerCache } from './layer-cache.js';
import { eolStatus } from './os/eol.js';
import type { LayerResult } from './layer-result.js';
import { ImageMerge } from './merge/image-merge.js';
import { NO_PROGRESS, type ProgressSink } from './progress.js';
import { purlFor } from './purl.js';
import { readLayers } from './read-layers.js';
import { linkDependencies } from './dependencies.js';
import { dropOsOwnedUnknowns, foldOsOwned } from './os-ownership.js';

export interface BuildOptions {
  /** Analyzers in merge order; the OS analyzer must come first so the others see the OS. */
  analyzers: readonly Analyzer[];
  cache?: LayerCache;
  concurrency?: number;
  maxLayerBytes: number;
  toolVersion: string;
  now: Date;
  progress?: ProgressSink;
  /** Where analyzers' scratch files go while a layer is read (under the cache dir in the CLI). */
  scratchRoot?: string;
}

/** Read a target's layers, merge them, and produce drydock's inventory. */
export async function buildInventory(target: OpenedTarget, opts: BuildOptions): Promise<Inventory> {
  const progress = opts.progress ?? NO_PROGRESS;
  let layers: LayerResult[];
  let refs: LayerRef[];
  if (target.kind === 'rootfs') {
    progress.layerStart(0, 1, undefined);
    layers = [await walkRootfs(target.root, opts.analyzers, opts.scratchRoot)];
    progress.layerDone(0, false);
    refs = [{ index: 0 }];
  } else {
    const diffIds = target.layers.map((l) => l.diffId);
    const mergedKey = LayerCache.mergedKey(target.layers, opts.analyzers, opts.toolVersion);
    const memo = await opts.cache?.getMerged(mergedKey, diffIds);
    if (memo) {
      target.layers.forEach((_, i) => progress.layerDone(i, true));
      return fromMemo(target.info, memo, opts);
    }
    layers = await readLayers(target, {
      analyzers: opts.analyzers,
      cache: opts.cache,
      concurrency: opts.concurrency ?? 3,
      maxLayerBytes: opts.maxLayerBytes,
      progress,
      ...(opts.scratchRoot !== undefined ? { scratchRoot: opts.scratchRoot } : {}),
    });
    refs = target.info.layers.map((l) => {
      const ref: LayerRef = { index: l.index };
      if (l.diffId !== undefined) ref.diffId = l.diffId;
      if (l.createdBy !== undefined) ref.createdBy = l.createdBy;
      return ref;
    });
  }
  const inv = assemble(target.info, layers, refs, opts);
  if (target.kind === 'image' && opts.cache) {
    const diffIds = target.layers.map((l) => l.diffId);
    const merged = { diffIds, packages: inv.packages, unknowns: inv.unknowns, ...(inv.os ? { os: inv.os } : {}) };
    await opts.cache.putMerged(LayerCache.mergedKey(target.layers, opts.analyzers, opts.toolVersion), merged).catch(() => undefined);
  }
  return inv;
}

/** An inventory from the memoised merge of the same layers; only time-dependent facts are redone. */
function fromMemo(info: SourceInfo, memo: { os?: OsInfo; packages: Package[]; unknowns: Unknown[] }, opts: BuildOptions): Inventory {
  const inv: Inventory = {
    schema: 'drydock.inventory/v1',
    tool: { name: 'drydock', version: opts.toolVersion },
    createdAt: opts.now.toISOString(),
    source: info,
    packages: memo.packages,
    unknowns: memo.unknowns,
  };
  if (memo.os) {
    const { eol: _stale, ...os } = memo.os;
    const eol = eolStatus(os, opts.now);
    inv.os = eol ? { ...os, eol } : os;
  }
  return inv;
}

/** Merge layer results into an inventory (exported for tests that build layer results directly). */
export function assemble(info: SourceInfo, layers: LayerResult[], refs: LayerRef[], opts: Pick<BuildOptions, 'analyzers' | 'toolVersion' | 'now'>): Inventory {
  const merge = new ImageMerge(layers, refs);
  const unknowns: Unknown[] = [];
  layers.forEach((layer, i) => {
    for (const u of layer.unknowns) {
      const entry: Unknown = { source: u.source, reason: u.reason, layer: merge.layerRef(i) };
      if (u.path !== undefined) entry.path = `/${u.path}`;
      unknowns.push(entry);
    }
  });
  let os: OsInfo | undefined;
  const merged: Array<{ analyzer: string; pkg: MergedPackage }> = [];
  for (const a of opts.analyzers) {
    const view = merge.viewFor(a.id, os);
    const out = a.merge ? a.merge(view) : defaultMerge(a.id, view);
    if (out.os && !os) os = out.os;
    unknowns.push(...(out.unknowns ?? []));
    for (const pkg of out.packages ?? []) merged.push({ analyzer: a.id, pkg });
  }
  const all = toPackages(merged, os);
  const reported = dropOsOwnedUnknowns(unknowns, all, opts.analyzers, merge.tree);
  const packages = foldOsOwned(all, opts.analyzers, merge.tree);
  const inv: Inventory = {
    schema: 'drydock.inventory/v1',
    tool: { name: 'drydock', version: opts.toolVersion },
    createdAt: opts.now.toISOString(),
    source: info,
    packages,
    unknowns: reported,
  };
  if (os) inv.os = os;
  return inv;
}

function toPackages(merged: Array<{ analyzer: string; pkg: MergedPackage }>, os: OsInfo | undefined): Package[] {
  const out: Package[] = [];
  const seen = new Set<string>();
  for (const { analyzer, pkg } of merged) {
    const { dependsOn: _deps, ...record } = pkg.record;
    const purl = pkg.record.purl ?? purlFor(pkg.record, os);
    let id = purl;
    if (seen.has(id)) id = `${purl}#${pkg.location}`;
    seen.add(id);
    const p: Package = { ...record, id, purl, foundBy: analyzer, location: pkg.location };
    if (pkg.layer && pkg.layer.index >= 0) p.layer = pkg.layer;
    out.push(p);
  }
  linkDependencies(out, merged.map((m) => m.pkg.record.dependsOn));
  return out.sort(comparePackages);
}

const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

function comparePackages(a: Package, b: Package): number {
  return cmp(a.type, b.type) || cmp(a.name, b.name) || cmp(a.version, b.version) || cmp(a.id, b.id);
}
