import * as z from 'zod/mini';
import type { Unknown } from '../../../core/inventory.js';
import type { PackageRecord } from '../../../core/package.js';
import type { MergeView, VisibleResult } from '../../analyzer.js';
import { baseName, manifestPlace } from './paths.js';
import { dirOf } from './resolve.js';

/** The JavaScript analyzer's visible results, sorted by what they are (facts re-checked: they come from the cache). */

const pair = z.tuple([z.string(), z.string()]);
const factsSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('installed'), deps: z.array(z.string()) }),
  z.object({ kind: z.literal('manifest'), prod: z.array(pair), dev: z.array(pair), workspaces: z.array(z.string()) }),
  z.object({ kind: z.literal('lock'), classified: z.boolean(), workspaces: z.array(z.string()), optional: z.optional(z.array(z.string())) }),
]);

export interface InstalledEntry {
  v: VisibleResult;
  record: PackageRecord;
  /** Names of the packages it depends on (production, optional and peer). */
  deps: string[];
  /** The package's directory. */
  dir: string;
  /** The directory holding the outermost node_modules (undefined for Debian's module directories). */
  root: string | undefined;
}

export interface ManifestEntry {
  v: VisibleResult;
  record: PackageRecord | undefined;
  prod: Array<[string, string]>;
  dev: Array<[string, string]>;
  workspaces: string[];
  dir: string;
}

export interface LockEntry {
  v: VisibleResult;
  records: PackageRecord[];
  classified: boolean;
  workspaces: string[];
  /** `name@version` of the packages the lock says an install may leave out (optional, platform-bound). */
  optional: ReadonlySet<string>;
  dir: string;
  base: string;
}

export interface NodeIndex {
  installed: Map<string, InstalledEntry>;
  /** Installed packages by the directory holding their outermost node_modules. */
  installedByRoot: Map<string, InstalledEntry[]>;
  /** package.json files outside node_modules, by path. */
  manifests: Map<string, ManifestEntry>;
  locks: Map<string, LockEntry[]>;
  /** Problems of installed packages and lock files. */
  unknowns: Unknown[];
  /** Problems of other package.json files, reported only for those that turn out to be apps or workspaces. */
  manifestUnknowns: Map<string, Unknown[]>;
}

export function indexResults(view: MergeView, source: string): NodeIndex {
  const index: NodeIndex = { installed: new Map(), installedByRoot: new Map(), manifests: new Map(), locks: new Map(), unknowns: [], manifestUnknowns: new Map() };
  for (const v of view.visible) {
    const unknowns = (v.result.unknowns ?? []).map((reason): Unknown => ({ path: `/${v.path}`, layer: v.layer, source, reason }));
    const parsed = factsSchema.safeParse(v.result.facts);
    const facts = parsed.success ? parsed.data : undefined;
    const dir = dirOf(v.path);
    const record = v.result.packages?.[0];
    const place = baseName(v.path) === 'package.json' ? manifestPlace(v.path) : undefined;
    if (place?.kind === 'installed') {
      index.unknowns.push(...unknowns);
      if (facts?.kind !== 'installed' || record === undefined) continue;
      const entry: InstalledEntry = { v, record, deps: facts.deps, dir, root: place.root };
      index.installed.set(v.path, entry);
      if (place.root !== undefined) pushTo(index.installedByRoot, place.root, entry);
    } else if (place?.kind === 'manifest') {
      if (unknowns.length > 0) index.manifestUnknowns.set(v.path, unknowns);
      if (facts?.kind === 'manifest') index.manifests.set(v.path, { v, record, prod: facts.prod, dev: facts.dev, workspaces: facts.workspaces, dir });
    } else {
      index.unknowns.push(...unknowns);
      if (facts?.kind !== 'lock') continue;
      const lock: LockEntry = {
        v,
        records: v.result.packages ?? [],
        classified: facts.classified,
        workspaces: facts.workspaces,
        optional: new Set(facts.optional ?? []),
        dir,
        base: baseName(v.path),
      };
      pushTo(index.locks, dir, lock);
    }
  }
  return index;
}

function pushTo<T>(map: Map<string, T[]>, key: string, value: T): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
