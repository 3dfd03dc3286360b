import * as z from 'zod/mini';
import { isPlainObject, stringRecord, unknownRecord } from './checks.js';
import { aliasTarget, splitDescriptor } from './descriptors.js';
import { finishGraph, type LockGraph, type LockNode } from './graph.js';
import { issueReasons } from './issues.js';
import { yamlModule } from './lazy-modules.js';
import { sourceOfSpec } from './sources.js';

/**
 * yarn 2+ ("berry") yarn.lock: YAML, read with the failsafe schema (every scalar a string, so no
 * version is ever turned into a number). Entries are keyed by descriptors (`name@npm:^1.0.0`)
 * and carry the resolution (`name@npm:1.2.3`, `name@workspace:packages/a`,
 * `name@patch:name@npm%3A1.2.3#…`, `name@https://github.com/u/r.git#commit=…`). A patched
 * package is still that package, at the version it patches. Workspace entries are the app's own
 * packages; their directories are returned, not reported as packages. `portal:` and `link:`
 * entries (linkType soft, version `0.0.0-use.local`) are directories of the app, not packages:
 * they stay in the graph, unnamed. An entry with `conditions` (os/cpu/libc) and a dependency its
 * parent's `dependenciesMeta` marks optional may be left out of an install.
 */

const entrySchema = z.object({
  version: z.string(),
  resolution: z.string(),
  dependencies: z.optional(stringRecord),
  dependenciesMeta: z.optional(unknownRecord),
  conditions: z.optional(z.string()),
  linkType: z.optional(z.string()),
});

const LOCAL_VERSION = '0.0.0-use.local';

export function parseYarnBerry(text: string): LockGraph {
  let doc: unknown;
  try {
    // uniqueKeys: the duplicate-key check is quadratic in a map's size (20,000 keys: seconds)
    doc = yamlModule().parse(text, { schema: 'failsafe', maxAliasCount: 100, uniqueKeys: false });
  } catch {
    return { packages: [], classified: false, workspaces: [], problems: ['not valid YAML'] };
  }
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) {
    return { packages: [], classified: false, workspaces: [], problems: ['not a YAML map of entries'] };
  }
  const problems: string[] = [];
  const workspaces: string[] = [];
  const nodes = new Map<string, LockNode>();
  const byDescriptor = new Map<string, string>();
  const pending: Array<[LockNode, Record<string, string>, Record<string, unknown>]> = [];
  for (const [key, value] of Object.entries(doc)) {
    if (key === '__metadata') continue;
    const parsed = entrySchema.safeParse(value);
    if (!parsed.success) {
      problems.push(...issueReasons(`entry ${JSON.stringify(splitDescriptor(key)[0])}`, parsed.error.issues));
      continue;
    }
    const e = parsed.data;
    const [name, resolution] = splitDescriptor(e.resolution);
    const source = sourceOfSpec(resolution);
    if (!source) {
      problems.push(`entry ${JSON.stringify(name)}: unsupported resolution protocol`);
      continue;
    }
    if (source.kind === 'workspace') {
      const dir = resolution.slice('workspace:'.length);
      if (dir !== '.' && dir !== '') workspaces.push(dir);
    }
    const ownDirectory = source.kind === 'workspace' || (source.kind === 'local' && (e.linkType === 'soft' || e.version === LOCAL_VERSION));
    const node: LockNode = { id: e.resolution, name: ownDirectory ? '' : (aliasTarget(resolution) ?? name), version: e.version, deps: [], source };
    if (e.conditions !== undefined && e.conditions.trim() !== '') node.optional = true;
    nodes.set(node.id, node);
    for (const d of key.split(',')) byDescriptor.set(d.trim(), node.id);
    pending.push([node, e.dependencies ?? {}, e.dependenciesMeta ?? {}]);
  }
  for (const [node, deps, meta] of pending) {
    const optional: string[] = [];
    node.deps = Object.entries(deps).flatMap(([n, range]) => {
      const id = byDescriptor.get(`${n}@${range}`) ?? byDescriptor.get(`${n}@npm:${range}`);
      if (id === undefined) return [];
      const m = Object.hasOwn(meta, n) ? meta[n] : undefined;
      if (isPlainObject(m) && (m['optional'] === 'true' || m['optional'] === true)) optional.push(id);
      return [id];
    });
    if (optional.length > 0) node.optionalDeps = optional;
  }
  return { packages: finishGraph(nodes, {}), classified: false, workspaces: workspaces.sort(), problems };
}
