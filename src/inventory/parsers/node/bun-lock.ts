import * as z from 'zod/mini';
import { objectRecord, stringRecord, unknownRecord } from './checks.js';
import { aliasTarget, splitDescriptor } from './descriptors.js';
import { finishGraph, type Importer, type LockGraph, type LockNode } from './graph.js';
import { issueReasons } from './issues.js';
import { jsoncToJson } from './jsonc.js';
import { sourceOfSpec } from './sources.js';

/**
 * bun.lock (bun 1.1+; JSONC). `workspaces` holds the root (`""`) and workspace packages with their
 * dependency lists; `packages` maps an install key to `[ "name@version", registry, INFO, integrity ]`
 * for registry packages, `[ "name@<git|tarball|file|link spec>", INFO, … ]` for others and
 * `[ "name@workspace:path" ]` for workspace packages. A key is the package name, or
 * `<parent key>/<name>` for a copy nested under a parent (as node_modules nesting works), so a
 * dependency of key K resolves to the longest `K…/<name>` key that exists.
 */

const depMap = z.optional(stringRecord);
const infoSchema = z.object({ dependencies: depMap, optionalDependencies: depMap, peerDependencies: depMap, os: z.optional(z.unknown()), cpu: z.optional(z.unknown()) });
const workspaceSchema = z.object({
  name: z.optional(z.string()),
  version: z.optional(z.string()),
  dependencies: depMap,
  devDependencies: depMap,
  optionalDependencies: depMap,
  peerDependencies: depMap,
});
const lockSchema = z.object({
  lockfileVersion: z.number(),
  workspaces: z.optional(objectRecord),
  packages: z.optional(unknownRecord),
});
type Info = z.infer<typeof infoSchema>;
type Workspace = z.infer<typeof workspaceSchema>;

const failed = (...problems: string[]): LockGraph => ({ packages: [], classified: false, workspaces: [], problems });
const prodNames = (i: Info): string[] => [i.dependencies, i.optionalDependencies, i.peerDependencies].flatMap((m) => Object.keys(m ?? {}));

export function parseBunLock(text: string): LockGraph {
  let json: unknown;
  try {
    json = JSON.parse(jsoncToJson(text));
  } catch {
    return failed('not valid JSON(C)');
  }
  const top = lockSchema.safeParse(json);
  if (!top.success) return failed(...issueReasons('lock file', top.error.issues));
  const problems: string[] = [];
  const nodes = new Map<string, LockNode>();
  const infos = new Map<string, Info>();
  const alias = new Map<string, string>(); // a `packages` key of a workspace package → its node
  const workspaceDirs: string[] = [];
  const workspaces = new Map<string, Workspace>();
  for (const [dir, raw] of Object.entries(top.data.workspaces ?? {})) {
    const parsed = workspaceSchema.safeParse(raw);
    if (parsed.success) workspaces.set(dir, parsed.data);
    else problems.push(...issueReasons(`workspaces[${JSON.stringify(dir)}]`, parsed.error.issues));
  }
  for (const [dir, ws] of workspaces) {
    if (dir === '') continue;
    workspaceDirs.push(dir);
    nodes.set(`workspace:${dir}`, { id: `workspace:${dir}`, name: ws.name ?? '', version: ws.version ?? '', deps: [], source: { kind: 'workspace' } });
  }
  for (const [key, entry] of Object.entries(top.data.packages ?? {})) {
    const read = Array.isArray(entry) ? readEntry(key, entry as unknown[]) : `packages[${JSON.stringify(key)}]: not a list`;
    if (typeof read === 'string') problems.push(read);
    else if ('workspace' in read) alias.set(key, `workspace:${read.workspace}`);
    else {
      nodes.set(key, read.node);
      infos.set(key, read.info);
    }
  }
  const lookup = (key: string): string | undefined => alias.get(key) ?? (nodes.has(key) ? key : undefined);
  for (const [key, info] of infos) {
    const node = nodes.get(key);
    if (!node) continue;
    const resolve = (n: string): string[] => {
      const hit = resolveKey(candidates(key, n), lookup);
      return hit === undefined ? [] : [hit];
    };
    node.deps = prodNames(info).flatMap(resolve);
    node.optionalDeps = Object.keys(info.optionalDependencies ?? {}).flatMap(resolve);
  }
  const importers: Importer[] = [];
  for (const [dir, ws] of workspaces) {
    const from = dir === '' ? [] : [ws.name ?? '', dir].filter((p) => p !== '');
    const resolve = (names: string[]): string[] => names.flatMap((n) => resolveKey([...from.map((p) => `${p}/${n}`), n], lookup) ?? []);
    const prod = resolve(prodNames(ws));
    const node = nodes.get(`workspace:${dir}`);
    if (node) node.deps = prod;
    importers.push({ prod, dev: resolve(Object.keys(ws.devDependencies ?? {})) });
  }
  return { packages: finishGraph(nodes, { importers }), classified: true, workspaces: workspaceDirs.sort(), problems };
}

type Read = { node: LockNode; info: Info } | { workspace: string } | string;

function readEntry(key: string, entry: unknown[]): Read {
  const ident = entry[0];
  if (typeof ident !== 'string') return `packages[${JSON.stringify(key)}]: no package identifier`;
  const [name, spec] = splitDescriptor(ident);
  if (spec.startsWith('workspace:')) return { workspace: spec.slice('workspace:'.length) };
  const source = spec.startsWith('root:') ? { kind: 'local' as const } : sourceOfSpec(spec);
  if (!source) return `packages[${JSON.stringify(key)}]: unsupported dependency protocol`;
  const registry = source.kind === 'registry';
  // INFO is the first object after the identifier (third for registry packages, after the
  // registry URL; second for the others, which have no version of their own)
  const parsed = infoSchema.safeParse(entry.slice(1, 3).find((e) => typeof e === 'object' && e !== null) ?? {});
  if (!parsed.success) return issueReasons(`packages[${JSON.stringify(key)}]`, parsed.error.issues).join('; ');
  const realName = aliasTarget(spec) ?? name;
  const version = registry ? (aliasTarget(spec) !== undefined ? spec.slice(spec.lastIndexOf('@') + 1) : spec) : '';
  const node: LockNode = { id: key, name: version === '' ? '' : realName, version, deps: [], source };
  if (parsed.data.os !== undefined || parsed.data.cpu !== undefined) node.optional = true;
  return { node, info: parsed.data };
}

/** `a/@s/b` + `c` → [`a/@s/b/c`, `a/c`, `c`]: the key's package components, longest first. */
function candidates(key: string, name: string): string[] {
  const parts = key.split('/');
  const comps: string[] = [];
  for (let i = 0; i < parts.length; i++) {
    const p = parts[i] as string;
    if (p.startsWith('@') && i + 1 < parts.length) comps.push(`${p}/${parts[++i] as string}`);
    else comps.push(p);
  }
  const out: string[] = [];
  for (let n = comps.length; n >= 0; n--) out.push([...comps.slice(0, n), name].join('/'));
  return out;
}

function resolveKey(keys: string[], lookup: (key: string) => string | undefined): string | undefined {
  for (const k of keys) {
    const hit = lookup(k);
    if (hit !== undefined) return hit;
  }
  return undefined;
}
