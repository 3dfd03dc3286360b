import type { FsFacts } from '../core/fs-facts.js';
import type { Inventory, OsInfo, SourceInfo, Unknown } from '../core/inventory.js';
import type { LayerRef, Package } from '../core/package.js';
import type { SecretFinding } from '../core/secret-finding.js';
import type { OpenedTarget } from '../image/source-types.js';
import { defaultMerge, type Analyzer, type MergedPackage } from './analyzer.js';
import { linkDependencies } from './dependencies.js';
import { walkRootfs } from './dir-walker.js';
import type { LayerCache } from './layer-cache.js';
import type { LayerResult } from './layer-result.js';
import { ImageMerge } from './merge/image-merge.js';
import { dropOsOwnedUnknowns, foldOsOwned } from './os-ownership.js';
import type { ProgressSink } from './progress.js';
import { purlFor } from './purl.js';
import { readLayers } from './read-layers.js';

/**
 * The cold half of `buildInventory` (build.ts): read every layer (or walk a root filesystem) with the
 * analyzers and merge the results. Loaded on use, so a warm scan never loads it or the analyzers.
 */
export interface ReadOptions {
  analyzers: readonly Analyzer[];
  cache: LayerCache | undefined;
  concurrency: number;
  maxLayerBytes: number;
  toolVersion: string;
  now: Date;
  progress: ProgressSink;
  scratchRoot?: string;
}

export async function readAndAssemble(target: OpenedTarget, opts: ReadOptions): Promise<Inventory> {
  if (target.kind === 'rootfs') {
    opts.progress.layerStart(0, 1, undefined);
    const layers = [await walkRootfs(target.root, opts.analyzers, opts.scratchRoot)];
    opts.progress.layerDone(0, false);
    return assemble(target.info, layers, [{ index: 0 }], opts);
  }
  const layers = await readLayers(target, {
    analyzers: opts.analyzers,
    cache: opts.cache,
    concurrency: opts.concurrency,
    maxLayerBytes: opts.maxLayerBytes,
    progress: opts.progress,
    ...(opts.scratchRoot !== undefined ? { scratchRoot: opts.scratchRoot } : {}),
  });
  const refs = target.info.layers.map((l) => {
    const ref: LayerRef = { index: l.index };
    if (l.diffId !== undefined) ref.diffId = l.diffId;
    if (l.createdBy !== undefined) ref.createdBy = l.createdBy;
    return ref;
  });
  return assemble(target.info, layers, refs, opts);
}

/** Merge layer results into an inventory (exported for tests that build layer results directly). */
export function assemble(info: SourceInfo, layers: LayerResult[], refs: LayerRef[], opts: { analyzers: readonly Analyzer[]; toolVersion: string; now: Date }): Inventory {
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
  let fsFacts: FsFacts | undefined;
  let secrets: SecretFinding[] | undefined;
  const merged: Array<{ analyzer: string; pkg: MergedPackage }> = [];
  for (const a of opts.analyzers) {
    const view = merge.viewFor(a.id, os);
    const out = a.merge ? a.merge(view) : defaultMerge(a.id, view);
    if (out.os && !os) os = out.os;
    if (out.fsFacts && !fsFacts) fsFacts = out.fsFacts;
    if (out.secrets) (secrets ??= []).push(...out.secrets);
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
  if (fsFacts) inv.fsFacts = fsFacts;
  if (secrets) inv.secrets = secrets;
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
