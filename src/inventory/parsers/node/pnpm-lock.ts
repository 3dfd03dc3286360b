import * as z from 'zod/mini';
import { importerDeps, stringRecord, unknownRecord } from './checks.js';
import { finishGraph, type Importer, type LockGraph, type LockNode } from './graph.js';
import { issueReasons } from './issues.js';
import { yamlModule } from './lazy-modules.js';
import { identityOfKey, keyOfDependency, withoutPeers } from './pnpm-keys.js';
import { cleanUrl, sourceOfResolved, type NpmSource } from './sources.js';

/**
 * pnpm-lock.yaml, lockfile versions 5.x, 6.x and 9.x. Importers (the root, and workspace packages
 * under `importers`) list their dependencies and devDependencies, so relationship and dev come from
 * the lock. v5/v6 packages are nodes; v9 splits each package into `packages` (what it is) and
 * `snapshots` (one per set of peers, with the dependencies). pnpm 11 may prepend a document for its
 * own tool dependencies: the app's lock is the last document.
 */

const strings = z.optional(stringRecord);
const importerSchema = z.object({
  dependencies: z.optional(importerDeps),
  devDependencies: z.optional(importerDeps),
  optionalDependencies: z.optional(importerDeps),
});
const packageSchema = z.object({
  name: z.optional(z.string()),
  version: z.optional(z.string()),
  resolution: z.optional(stringRecord),
  dependencies: strings,
  optionalDependencies: strings,
  // failsafe schema: `true` is the string 'true'
  optional: z.optional(z.string()),
  os: z.optional(z.unknown()),
  cpu: z.optional(z.unknown()),
  libc: z.optional(z.unknown()),
});
const lockSchema = z.object({
  lockfileVersion: z.string(),
  importers: z.optional(unknownRecord),
  packages: z.optional(unknownRecord),
  snapshots: z.optional(unknownRecord),
});
type Pkg = z.infer<typeof packageSchema>;

const failed = (...problems: string[]): LockGraph => ({ packages: [], classified: false, workspaces: [], problems });

export function parsePnpmLock(text: string): LockGraph {
  let doc: unknown;
  try {
    // uniqueKeys: the duplicate-key check is quadratic in a map's size (20,000 keys: seconds)
    const docs = yamlModule().parseAllDocuments(text, { schema: 'failsafe', uniqueKeys: false });
    const list = Array.isArray(docs) ? docs : [docs];
    if (list.some((d) => d.errors.length > 0)) return failed('not valid YAML');
    doc = list[list.length - 1]?.toJS({ maxAliasCount: 100 });
  } catch {
    return failed('not valid YAML');
  }
  const top = lockSchema.safeParse(doc);
  if (!top.success) return failed(...issueReasons('lock file', top.error.issues));
  const major = Number.parseInt(top.data.lockfileVersion, 10);
  if (!Number.isFinite(major) || major < 5) return failed('unsupported lockfileVersion');
  const problems: string[] = [];
  const packages = entries(top.data.packages, packageSchema, 'packages', problems);
  // v9: snapshots are the nodes (their keys carry the peers); v5/v6: the packages are
  const snapshots = major >= 9 ? entries(top.data.snapshots, packageSchema, 'snapshots', problems) : packages;
  const nodes = new Map<string, LockNode>();
  for (const [key, snap] of snapshots) nodes.set(key, nodeOf(key, snap, packages.get(withoutPeers(key, '(')) ?? snap, major));
  const has = (k: string): boolean => nodes.has(k);
  const resolve = (deps: Record<string, string> | undefined): string[] =>
    Object.entries(deps ?? {}).flatMap(([n, ref]) => keyOfDependency(n, ref, has) ?? []);
  for (const [key, snap] of snapshots) {
    const node = nodes.get(key);
    if (node) node.deps = [...resolve(snap.dependencies), ...resolve(snap.optionalDependencies)];
  }
  const raw = top.data.importers ?? { '.': doc };
  const importers: Importer[] = [];
  for (const [dir, value] of Object.entries(raw)) {
    const parsed = importerSchema.safeParse(value);
    if (!parsed.success) {
      problems.push(...issueReasons(`importers[${JSON.stringify(dir)}]`, parsed.error.issues));
      continue;
    }
    const refs = (deps: Record<string, string | { version: string }> | undefined): Record<string, string> =>
      Object.fromEntries(Object.entries(deps ?? {}).map(([n, d]) => [n, typeof d === 'string' ? d : d.version]));
    const imp = parsed.data;
    importers.push({
      prod: [...resolve(refs(imp.dependencies)), ...resolve(refs(imp.optionalDependencies))],
      dev: resolve(refs(imp.devDependencies)),
    });
  }
  const workspaces = Object.keys(raw).filter((d) => d !== '.' && d !== '').sort();
  return { packages: finishGraph(nodes, { importers }), classified: true, workspaces, problems };
}

function entries(raw: Record<string, unknown> | undefined, schema: typeof packageSchema, what: string, problems: string[]): Map<string, Pkg> {
  const out = new Map<string, Pkg>();
  for (const [key, value] of Object.entries(raw ?? {})) {
    const parsed = schema.safeParse(value);
    if (parsed.success) out.set(key, parsed.data);
    else problems.push(...issueReasons(`${what}[${JSON.stringify(key)}]`, parsed.error.issues));
  }
  return out;
}

/** A node: name and version from the entry's own fields (non-registry packages) or its key. */
function nodeOf(key: string, snap: Pkg, meta: Pkg, major: number): LockNode {
  const fromKey = identityOfKey(key, major);
  const name = meta.name ?? snap.name ?? fromKey.name;
  const version = meta.version ?? snap.version ?? fromKey.version;
  // without a version (a local directory) the node stays in the graph, unnamed
  const node: LockNode = { id: key, name: version === '' ? '' : name, version, deps: [], source: sourceOf(meta.resolution) };
  if ([snap, meta].some((p) => p.optional === 'true' || p.os !== undefined || p.cpu !== undefined || p.libc !== undefined)) node.optional = true;
  return node;
}

function sourceOf(resolution: Record<string, string> | undefined): NpmSource {
  if (!resolution) return { kind: 'registry' };
  if (resolution['type'] === 'directory') return { kind: 'local' };
  if (resolution['type'] === 'git') {
    const repo = resolution['repo'] ?? '';
    const commit = resolution['commit'];
    return { kind: 'git', url: cleanUrl(commit ? `${repo}#${commit}` : repo) };
  }
  const tarball = resolution['tarball'];
  return tarball === undefined ? { kind: 'registry' } : sourceOfResolved(tarball);
}
