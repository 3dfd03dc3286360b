import type { Unknown } from '../../../core/inventory.js';
import type { PackageRecord } from '../../../core/package.js';
import { samePackage, type MergedPackage, type MergeOutput, type MergeView } from '../../analyzer.js';
import { appDirs, chooseLock, installedFromLock, workspaceMembers } from './apps.js';
import { classify, type Importer, type Reach } from './graph.js';
import { npmRef } from './identity.js';
import { byName, classifyLock, pickByRange } from './lock-classify.js';
import { indexResults, type InstalledEntry, type LockEntry, type ManifestEntry, type NodeIndex } from './merge-index.js';
import { joinPath, resolveFrom } from './resolve.js';

/**
 * The JavaScript merge: installed packages (node_modules manifests) linked as Node.js resolves
 * them, each app's root package and workspace packages, and what each app's lock file says —
 * relationship and dev for the installed packages it lists, and the packages it lists that are
 * not installed (reported from the lock file, `foundIn: 'lockfile'`).
 */
export function mergeJavaScript(view: MergeView, source: string): MergeOutput {
  const index = indexResults(view, source);
  const resolve = resolver(view, index);
  const edges = new Map<string, string[]>();
  for (const [path, inst] of index.installed) edges.set(path, inst.deps.flatMap((n) => resolve(inst.dir, n) ?? []));
  const out = new Collector(view, index, edges);
  const claimed = new Set<string>();
  for (const dir of appDirs(index)) {
    if (!claimed.has(dir)) reportApp(dir, { view, index, resolve, edges, out, claimed });
  }
  for (const inst of index.installed.values()) if (!out.has(inst.v.path)) out.installed(inst, {});
  return { packages: out.packages, unknowns: [...index.unknowns, ...out.unknowns] };
}

type Resolve = (fromDir: string, name: string) => string | undefined;

/** Node.js resolution over the image: the manifest path a `require(name)` from `fromDir` finds (symlinks followed). */
function resolver(view: MergeView, index: NodeIndex): Resolve {
  const known = (p: string): boolean => index.installed.has(p) || index.manifests.has(p);
  return (fromDir, name) =>
    resolveFrom(fromDir, name, (pkgDir) => {
      const p = `${pkgDir}/package.json`;
      if (known(p)) return p;
      const real = view.resolve(p);
      return real && known(real.path) ? real.path : undefined;
    });
}

interface AppContext {
  view: MergeView;
  index: NodeIndex;
  resolve: Resolve;
  edges: Map<string, string[]>;
  out: Collector;
  claimed: Set<string>;
}

function reportApp(dir: string, ctx: AppContext): void {
  const { index, resolve, edges, out } = ctx;
  const root = index.manifests.get(joinPath(dir, 'package.json'));
  if (!root) out.problemsOf(joinPath(dir, 'package.json')); // an app's unreadable package.json
  const lock = chooseLock(index.locks.get(dir) ?? [], dir, ctx.view);
  const members = workspaceMembers(dir, root, lock, index);
  const importers: Importer[] = [];
  const targets = (from: string, deps: Array<[string, string]>): string[] => deps.flatMap(([n]) => resolve(from, n) ?? []);
  if (root) importers.push({ prod: targets(dir, root.prod), dev: targets(dir, root.dev) });
  for (const m of members) {
    ctx.claimed.add(m.dir);
    const prod = targets(m.dir, m.prod);
    edges.set(m.v.path, prod);
    importers.push({ prod, dev: targets(m.dir, m.dev) });
  }
  const reach = importers.length > 0 ? classify(edges, importers, members.map((m) => m.v.path)) : undefined;
  const lockRecords = lock ? classifyLock(lock, root, members) : [];
  // node_modules installed from this very lock: what it lacks of the lock was left out on purpose
  // (dev packages under --omit=dev, optional ones, other platforms' packages) and is not in the image
  const fromThisLock = lock !== undefined && installedFromLock(lock, dir, ctx.view);
  const leftOut = (r: PackageRecord): boolean => fromThisLock && (r.dev === true || lock.optional.has(npmRef(r.name, r.version)));
  const fromLock = new Map(lockRecords.map((r) => [npmRef(r.name, r.version), r]));
  const present = new Set<string>();
  for (const d of [dir, ...members.map((m) => m.dir)]) {
    for (const inst of index.installedByRoot.get(d) ?? []) {
      const ref = npmRef(inst.record.name, inst.record.version);
      present.add(ref);
      out.installed(inst, graphFacts(fromLock.get(ref), reach?.get(inst.v.path), lock));
    }
  }
  for (const m of members) {
    if (m.record) present.add(npmRef(m.record.name, m.record.version));
    out.manifest(m, 'direct', (edges.get(m.v.path) ?? []).flatMap((p) => out.refOf(p) ?? []));
  }
  if (root?.record) {
    present.add(npmRef(root.record.name, root.record.version));
    // each dependency as installed, else as the lock resolves it
    // (a package the lock lists but the install left out is no dependency in this image)
    const named = byName(lockRecords.filter((r) => present.has(npmRef(r.name, r.version)) || !leftOut(r)));
    const deps = [...root.prod, ...root.dev].flatMap(([n, range]) => {
      const installed = resolve(dir, n);
      const ref = installed !== undefined ? out.refOf(installed) : refOf(pickByRange(named, n, range));
      return ref === undefined ? [] : [ref];
    });
    out.manifest(root, 'root', deps);
  }
  if (!lock) return;
  for (const r of lockRecords) {
    if (!present.has(npmRef(r.name, r.version)) && !leftOut(r)) out.lockOnly(lock, r);
  }
}

const refOf = (r: PackageRecord | undefined): string | undefined => (r ? npmRef(r.name, r.version) : undefined);

interface GraphFacts {
  relationship?: 'root' | 'direct' | 'indirect';
  dev?: boolean;
  lock?: string;
}

/**
 * An installed package's place in the graph: what the walk from the app's manifests over the
 * installed tree found (per copy: a nested copy of a production package may be a dev one), else
 * what the lock says about that name@version.
 */
function graphFacts(locked: PackageRecord | undefined, reach: Reach | undefined, lock: LockEntry | undefined): GraphFacts {
  const g: GraphFacts = {};
  const reached = reach !== undefined && (reach.direct || reach.prod || reach.dev);
  const relationship = reached ? (reach.direct ? 'direct' : 'indirect') : locked?.relationship;
  const dev = reached && (reach.prod || reach.dev) ? !reach.prod : locked?.dev;
  if (relationship !== undefined) g.relationship = relationship;
  if (dev !== undefined) g.dev = dev;
  if (locked && lock) g.lock = lock.base;
  return g;
}

/** The packages reported, each manifest once. */
class Collector {
  readonly packages: MergedPackage[] = [];
  readonly unknowns: Unknown[] = [];
  private readonly done = new Set<string>();

  constructor(
    private readonly view: MergeView,
    private readonly index: NodeIndex,
    private readonly edges: Map<string, string[]>,
  ) {}

  has(path: string): boolean {
    return this.done.has(path);
  }

  /** `name@version` of the package whose manifest is at `path`. */
  refOf(path: string): string | undefined {
    const r = this.index.installed.get(path)?.record ?? this.index.manifests.get(path)?.record;
    return r ? npmRef(r.name, r.version) : undefined;
  }

  installed(inst: InstalledEntry, g: GraphFacts): void {
    if (this.done.has(inst.v.path)) return;
    const record = withGraph(inst.record, g, (this.edges.get(inst.v.path) ?? []).flatMap((p) => this.refOf(p) ?? []));
    if (g.lock !== undefined) record.evidence = [...(record.evidence ?? []), g.lock];
    this.add(inst.v.path, inst.record, record);
  }

  /** The problems of a package.json outside node_modules, once it turns out to matter. */
  problemsOf(path: string): void {
    this.unknowns.push(...(this.index.manifestUnknowns.get(path) ?? []));
    this.index.manifestUnknowns.delete(path);
  }

  manifest(m: ManifestEntry, relationship: 'root' | 'direct', deps: string[]): void {
    if (this.done.has(m.v.path)) return;
    this.problemsOf(m.v.path);
    if (!m.record) {
      this.done.add(m.v.path);
      return;
    }
    this.add(m.v.path, m.record, withGraph(m.record, { relationship, dev: false }, deps));
  }

  lockOnly(lock: LockEntry, r: PackageRecord): void {
    this.packages.push({ record: r, location: `/${lock.v.path}`, layer: this.view.originOf(lock.v.path, samePackage(r)) });
  }

  private add(path: string, original: PackageRecord, record: PackageRecord): void {
    this.done.add(path);
    this.packages.push({ record, location: `/${path}`, layer: this.view.originOf(path, samePackage(original)) });
  }
}

function withGraph(base: PackageRecord, g: GraphFacts, deps: string[]): PackageRecord {
  const record: PackageRecord = { ...base };
  if (g.relationship !== undefined) record.relationship = g.relationship;
  if (g.dev !== undefined) record.dev = g.dev;
  const self = npmRef(base.name, base.version);
  const unique = [...new Set(deps)].filter((d) => d !== self).sort();
  if (unique.length > 0) record.dependsOn = unique;
  return record;
}
