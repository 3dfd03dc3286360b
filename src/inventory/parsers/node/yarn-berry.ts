import * as z from 'zod/mini';
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
 * packages; their directories are returned, not reported as packages.
 */

const entrySchema = z.object({
  version: z.string(),
  resolution: z.string(),
  dependencies: z.optional(z.record(z.string(), z.string())),
});

export function parseYarnBerry(text: string): LockGraph {
  let doc: unknown;
  try {
    doc = yamlModule().parse(text, { schema: 'failsafe', maxAliasCount: 100 });
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
  const pending: Array<[LockNode, Record<string, string>]> = [];
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
    const node: LockNode = { id: e.resolution, name: source.kind === 'workspace' ? '' : (aliasTarget(resolution) ?? name), version: e.version, deps: [], source };
    nodes.set(node.id, node);
    for (const d of key.split(',')) byDescriptor.set(d.trim(), node.id);
    pending.push([node, e.dependencies ?? {}]);
  }
  for (const [node, deps] of pending) {
    node.deps = Object.entries(deps).flatMap(([n, range]) => byDescriptor.get(`${n}@${range}`) ?? byDescriptor.get(`${n}@npm:${range}`) ?? []);
  }
  return { packages: finishGraph(nodes, {}), classified: false, workspaces: workspaces.sort(), problems };
}
