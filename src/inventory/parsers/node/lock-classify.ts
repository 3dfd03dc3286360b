import type { PackageRecord } from '../../../core/package.js';
import { aliasTarget } from './descriptors.js';
import { classify, type Importer } from './graph.js';
import { npmRef } from './identity.js';
import { semverModule } from './lazy-modules.js';
import type { LockEntry, ManifestEntry } from './merge-index.js';

/**
 * Relationship and dev for the packages of a lock file that does not name the app's own
 * dependencies (yarn.lock, package-lock.json v1): the app's package.json (and its workspace
 * packages' manifests) say which packages are direct, production or development ones, and the
 * lock's graph says what they pull in. Returns copies; cached records are never changed.
 */
export function classifyLock(lock: LockEntry, root: ManifestEntry | undefined, members: readonly ManifestEntry[]): PackageRecord[] {
  const records = lock.records.map((r) => ({ ...r }));
  if (lock.classified || !root) return records;
  const ref = (r: PackageRecord): string => npmRef(r.name, r.version);
  const named = byName(records);
  const pick = (deps: Array<[string, string]>): string[] =>
    deps.flatMap(([n, range]) => {
      const r = pickByRange(named, n, range);
      return r ? [ref(r)] : [];
    });
  const importers: Importer[] = [root, ...members].map((m) => ({ prod: pick(m.prod), dev: pick(m.dev) }));
  const edges = new Map(records.map((r) => [ref(r), r.dependsOn ?? []]));
  const reach = classify(edges, importers);
  for (const r of records) {
    const got = reach.get(ref(r));
    if (!got || !(got.prod || got.dev || got.direct)) continue;
    r.relationship = got.direct ? 'direct' : 'indirect';
    r.dev ??= !got.prod;
  }
  return records;
}

/**
 * The record a dependency `name: range` of the app resolves to: the only one of that name, or the
 * one whose version satisfies the range (npm aliases `npm:real@range` followed).
 */
export function pickByRange(named: ReadonlyMap<string, readonly PackageRecord[]>, name: string, range: string): PackageRecord | undefined {
  const real = aliasTarget(range);
  const spec = real === undefined ? range : range.slice(range.lastIndexOf('@') + 1);
  const candidates = named.get(real ?? name) ?? [];
  if (candidates.length <= 1) return candidates[0];
  const semver = semverModule();
  return candidates.find((c) => semver.satisfies(c.version, spec, { loose: true })) ?? candidates[0];
}

/** Records by package name. */
export function byName(records: readonly PackageRecord[]): Map<string, PackageRecord[]> {
  const out = new Map<string, PackageRecord[]>();
  for (const r of records) {
    const list = out.get(r.name);
    if (list) list.push(r);
    else out.set(r.name, [r]);
  }
  return out;
}
