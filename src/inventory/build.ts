import type { FsFacts } from '../core/fs-facts.js';
import type { Inventory, OsInfo, SourceInfo, Unknown } from '../core/inventory.js';
import type { Package } from '../core/package.js';
import type { SecretFinding } from '../core/secret-finding.js';
import type { SecretRuleSet } from '../secrets/rule-set.js';
import type { OpenedTarget } from '../image/source-types.js';
import type { Analyzer } from './analyzer.js';
import type { AnalyzerVersion } from './analyzer-versions.js';
import { LayerCache } from './layer-cache.js';
import { eolStatus } from './os/eol.js';
import { NO_PROGRESS, type ProgressSink } from './progress.js';
import { secretsForMemo, secretsFromMemo } from './secrets-memo.js';

/**
 * Analyzers to run: a list, or (the CLI) their ids/versions plus a loader, so that a warm scan whose
 * merged result is cached never loads them.
 */
export type AnalyzerSource = readonly Analyzer[] | { versions: readonly AnalyzerVersion[]; load: () => Promise<readonly Analyzer[]> };

export interface BuildOptions {
  /** Analyzers in merge order; the OS analyzer must come first so the others see the OS. */
  analyzers: AnalyzerSource;
  cache?: LayerCache;
  concurrency?: number;
  maxLayerBytes: number;
  toolVersion: string;
  now: Date;
  progress?: ProgressSink;
  /** Where analyzers' scratch files go while a layer is read (under the cache dir in the CLI). */
  scratchRoot?: string;
  /**
   * Secret scanning: the image config and history are searched with this rule set, and the analyzers
   * must include the `secrets` analyzer of the same rule set (createAnalyzers({ secrets })), which
   * searches the layers. Off (absent): no `secrets` in the inventory, and no cost.
   */
  secrets?: SecretRuleSet;
}

function versionsOf(a: AnalyzerSource): readonly AnalyzerVersion[] {
  return 'versions' in a ? a.versions : a;
}

/**
 * Read a target's layers, merge them, and produce drydock's inventory. An image whose merge is
 * memoised (same layers, history lines, analyzer versions, drydock version) is answered from the
 * memo without loading the analyzers; everything else is read by assemble.ts, loaded on use.
 */
export async function buildInventory(target: OpenedTarget, opts: BuildOptions): Promise<Inventory> {
  const withSecrets = versionsOf(opts.analyzers).find((a) => a.id === 'secrets');
  if (withSecrets?.variant !== opts.secrets?.key) {
    throw new Error('buildInventory: the secrets option and the secrets analyzer must come together, with the same rule set');
  }
  const inv = await layerInventory(target, opts);
  if (opts.secrets) {
    const { scanImageConfig } = await import('../secrets/image.js');
    inv.secrets = [...(inv.secrets ?? []), ...scanImageConfig(inv.source, opts.secrets.compiled())];
  }
  return inv;
}

async function layerInventory(target: OpenedTarget, opts: BuildOptions): Promise<Inventory> {
  const progress = opts.progress ?? NO_PROGRESS;
  const mergedKey = target.kind === 'image' ? LayerCache.mergedKey(target.layers, versionsOf(opts.analyzers), opts.toolVersion) : undefined;
  if (target.kind === 'image' && mergedKey !== undefined) {
    const memo = await opts.cache?.getMerged(
      mergedKey,
      target.layers.map((l) => l.diffId),
    );
    if (memo) {
      target.layers.forEach((_, i) => progress.layerDone(i, true));
      return fromMemo(target.info, memo, opts);
    }
  }
  const analyzers = 'load' in opts.analyzers ? await opts.analyzers.load() : opts.analyzers;
  const { readAndAssemble } = await import('./assemble.js');
  const inv = await readAndAssemble(target, {
    analyzers,
    cache: opts.cache,
    concurrency: opts.concurrency ?? 3,
    maxLayerBytes: opts.maxLayerBytes,
    toolVersion: opts.toolVersion,
    now: opts.now,
    progress,
    ...(opts.scratchRoot !== undefined ? { scratchRoot: opts.scratchRoot } : {}),
  });
  if (target.kind === 'image' && opts.cache && mergedKey !== undefined) {
    const diffIds = target.layers.map((l) => l.diffId);
    const merged = { diffIds, packages: inv.packages, unknowns: inv.unknowns, ...(inv.os ? { os: inv.os } : {}), ...(inv.fsFacts ? { fsFacts: inv.fsFacts } : {}), ...(inv.secrets ? { secrets: secretsForMemo(inv.secrets) } : {}) };
    await opts.cache.putMerged(mergedKey, merged).catch(() => undefined);
  }
  return inv;
}

/** An inventory from the memoised merge of the same layers; only time-dependent facts are redone. */
function fromMemo(info: SourceInfo, memo: { os?: OsInfo; packages: Package[]; unknowns: Unknown[]; fsFacts?: FsFacts; secrets?: SecretFinding[] }, opts: Pick<BuildOptions, 'toolVersion' | 'now'>): Inventory {
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
  if (memo.fsFacts) inv.fsFacts = memo.fsFacts;
  if (Array.isArray(memo.secrets)) inv.secrets = secretsFromMemo(memo.secrets, info);
  return inv;
}

