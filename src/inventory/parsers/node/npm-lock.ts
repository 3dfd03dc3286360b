import * as z from 'zod/mini';
import { stringRecord, unknownRecord } from './checks.js';
import { finishGraph, type Importer, type LockGraph, type LockNode } from './graph.js';
import { issueReasons } from './issues.js';
import { npmLicenses } from './licenses.js';
import { depthOf, MAX_DEPTH, resolveFrom } from './resolve.js';
import { sourceOfResolved, type NpmSource } from './sources.js';

/**
 * npm's package-lock.json / npm-shrinkwrap.json. Version 2 and 3 locks list every installed
 * package by install path (`node_modules/a/node_modules/b`) with the root package at `""`;
 * dependencies resolve over those paths as Node.js resolves them, `link` entries point at
 * workspace packages. Version 1 locks nest `dependencies` the same way node_modules is nested and
 * do not say which packages the root depends on (the app's package.json does).
 */

const depMap = z.optional(stringRecord);

const entrySchema = z.object({
  name: z.optional(z.string()),
  version: z.optional(z.string()),
  resolved: z.optional(z.nullable(z.union([z.string(), z.boolean()]))),
  link: z.optional(z.boolean()),
  dev: z.optional(z.boolean()),
  optional: z.optional(z.boolean()),
  devOptional: z.optional(z.boolean()),
  peer: z.optional(z.boolean()),
  os: z.optional(z.unknown()),
  cpu: z.optional(z.unknown()),
  libc: z.optional(z.unknown()),
  license: z.optional(z.unknown()),
  licenses: z.optional(z.unknown()),
  dependencies: depMap,
  optionalDependencies: depMap,
  peerDependencies: depMap,
  devDependencies: depMap,
});
type Entry = z.infer<typeof entrySchema>;

const v1EntrySchema = z.object({
  version: z.optional(z.string()),
  resolved: z.optional(z.nullable(z.union([z.string(), z.boolean()]))),
  dev: z.optional(z.boolean()),
  optional: z.optional(z.boolean()),
  requires: z.optional(z.union([stringRecord, z.boolean()])),
  dependencies: z.optional(unknownRecord),
});

const lockSchema = z.object({
  lockfileVersion: z.optional(z.number()),
  packages: z.optional(unknownRecord),
  dependencies: z.optional(unknownRecord),
});

export function parseNpmLock(text: string): LockGraph {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return failed('not valid JSON');
  }
  const top = lockSchema.safeParse(json);
  if (!top.success) return failed(...issueReasons('lock file', top.error.issues));
  const { packages, dependencies } = top.data;
  if (packages !== undefined) return fromPackages(packages);
  if (dependencies !== undefined) return fromV1(dependencies);
  return { packages: [], classified: false, workspaces: [], problems: [] };
}

function failed(...problems: string[]): LockGraph {
  return { packages: [], classified: false, workspaces: [], problems };
}

const depNames = (e: Entry): string[] => [
  ...Object.keys(e.dependencies ?? {}),
  ...Object.keys(e.optionalDependencies ?? {}),
  ...Object.keys(e.peerDependencies ?? {}),
];

/** The package name an install path ends with: `node_modules/@s/x` → `@s/x`. */
function nameFromPath(key: string): string {
  const i = key.lastIndexOf('node_modules/');
  return i < 0 ? '' : key.slice(i + 'node_modules/'.length);
}

function sourceOf(resolved: string | boolean | null | undefined): NpmSource {
  return typeof resolved === 'string' && resolved !== '' ? sourceOfResolved(resolved) : { kind: 'registry' };
}

/** lockfileVersion 2 and 3: the `packages` map. */
function fromPackages(raw: Record<string, unknown>): LockGraph {
  const problems: string[] = [];
  const entries = new Map<string, Entry>();
  for (const [key, value] of Object.entries(raw)) {
    if (depthOf(key) > MAX_DEPTH) {
      problems.push(`packages: an install path nested deeper than ${MAX_DEPTH} levels, not read`);
      continue;
    }
    const parsed = entrySchema.safeParse(value);
    if (parsed.success) entries.set(key, parsed.data);
    else problems.push(...issueReasons(`packages[${JSON.stringify(key)}]`, parsed.error.issues));
  }
  const links = new Map<string, string>();
  const nodes = new Map<string, LockNode>();
  for (const [key, e] of entries) {
    if (key === '') continue;
    if (e.link === true) {
      if (typeof e.resolved === 'string' && e.resolved !== '') links.set(key, e.resolved);
      continue;
    }
    if (!key.includes('node_modules/')) continue; // a workspace directory: only once a link names it
    nodes.set(key, node(key, e.name ?? nameFromPath(key), e, sourceOf(e.resolved)));
  }
  const workspaces: string[] = [];
  for (const [key, target] of links) {
    const e = entries.get(target);
    if (!e || nodes.has(target)) continue;
    nodes.set(target, node(target, e.name ?? nameFromPath(key), e, { kind: 'workspace' }));
    workspaces.push(target);
  }
  const lookup = (dir: string): string | undefined => {
    const id = links.get(dir) ?? dir;
    return nodes.has(id) ? id : undefined;
  };
  const resolveAll = (dir: string, names: string[]): string[] => names.flatMap((n) => resolveFrom(dir, n, lookup) ?? []);
  for (const [id, n] of nodes) {
    const e = entries.get(id);
    if (e) n.deps = resolveAll(id, depNames(e));
  }
  const importers: Importer[] = [];
  for (const dir of ['', ...workspaces]) {
    const e = entries.get(dir);
    if (e) importers.push({ prod: resolveAll(dir, depNames(e)), dev: resolveAll(dir, Object.keys(e.devDependencies ?? {})) });
  }
  return { packages: finishGraph(nodes, { importers, devFlags: true }), classified: true, workspaces: workspaces.sort(), problems };
}

function node(id: string, name: string, e: Entry, source: NpmSource): LockNode {
  const n: LockNode = { id, name, version: e.version ?? '', deps: [], source };
  if (e.dev === true) n.dev = true;
  // what an install may leave out: optional (also when only dev's optional), peer, platform-bound
  if (e.optional === true || e.devOptional === true || e.peer === true || e.os !== undefined || e.cpu !== undefined || e.libc !== undefined) n.optional = true;
  const licenses = npmLicenses(e.license, e.licenses);
  if (licenses.length > 0) n.licenses = licenses;
  return n;
}

/** lockfileVersion 1: nested `dependencies`, edges from `requires`. */
function fromV1(top: Record<string, unknown>): LockGraph {
  const problems: string[] = [];
  const nodes = new Map<string, LockNode>();
  const requires = new Map<string, string[]>();
  const stack: Array<[string, Record<string, unknown>, number]> = [['', top, 0]];
  while (stack.length > 0) {
    const [parent, deps, depth] = stack.pop() as [string, Record<string, unknown>, number];
    if (depth >= MAX_DEPTH / 2) {
      problems.push(`dependencies nested deeper than ${MAX_DEPTH / 2} levels, not read`);
      continue;
    }
    for (const [name, value] of Object.entries(deps)) {
      const id = parent === '' ? `node_modules/${name}` : `${parent}/node_modules/${name}`;
      const parsed = v1EntrySchema.safeParse(value);
      if (!parsed.success) {
        problems.push(...issueReasons(`dependencies[${JSON.stringify(name)}]`, parsed.error.issues));
        continue;
      }
      const e = parsed.data;
      const [realName, version] = v1Identity(name, e.version ?? '');
      const n: LockNode = { id, name: realName, version, deps: [], source: sourceOf(e.resolved) };
      if (e.dev === true) n.dev = true;
      if (e.optional === true) n.optional = true;
      nodes.set(id, n);
      if (typeof e.requires === 'object') requires.set(id, Object.keys(e.requires));
      if (e.dependencies) stack.push([id, e.dependencies, depth + 1]);
    }
  }
  const lookup = (dir: string): string | undefined => (nodes.has(dir) ? dir : undefined);
  for (const [id, names] of requires) {
    const n = nodes.get(id);
    if (n) n.deps = names.flatMap((name) => resolveFrom(id, name, lookup) ?? []);
  }
  return { packages: finishGraph(nodes, { devFlags: true }), classified: false, workspaces: [], problems };
}

/**
 * A v1 entry's real name and version: `npm:real@1.2.3` is an alias; a git URL or `file:` path in
 * place of a version leaves the version unknown (the node stays, unnamed, for the graph walk).
 */
function v1Identity(name: string, version: string): [string, string] {
  if (version.startsWith('npm:')) {
    const spec = version.slice(4);
    const at = spec.lastIndexOf('@');
    return at > 0 ? [spec.slice(0, at), spec.slice(at + 1)] : ['', ''];
  }
  const c = version.charCodeAt(0);
  return c >= 0x30 && c <= 0x39 ? [name, version] : ['', ''];
}
