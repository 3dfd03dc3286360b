import { aliasTarget, splitDescriptor } from './descriptors.js';
import { finishGraph, type LockGraph, type LockNode } from './graph.js';
import { sourceOfSpec, type NpmSource } from './sources.js';
import { parseYarnBerry } from './yarn-berry.js';
import { parseYarnSyntax, type YarnValue } from './yarn-syntax.js';

/**
 * yarn.lock: yarn v1's own syntax, or (yarn 2+, "berry") YAML with a `__metadata` entry. Each
 * entry is one resolved package, keyed by every descriptor (`name@range`) that resolved to it;
 * dependencies are found by their descriptor. Neither format says which packages the app depends
 * on directly or only for development (the app's package.json does), so the graph is unclassified.
 */
export function parseYarnLock(text: string): LockGraph {
  return isBerry(text) ? parseYarnBerry(text) : parseYarnV1(text);
}

function isBerry(text: string): boolean {
  return text.startsWith('__metadata:') || text.includes('\n__metadata:');
}

export function parseYarnV1(text: string): LockGraph {
  const doc = parseYarnSyntax(text);
  const problems = [...doc.problems];
  const nodes = new Map<string, LockNode>();
  const byDescriptor = new Map<string, string>();
  const pending: Array<[LockNode, Array<[string, string]>, Array<[string, string]>]> = [];
  doc.entries.forEach((entry, i) => {
    const first = entry.keys[0];
    const version = entry.fields.get('version');
    if (first === undefined || typeof version !== 'string') {
      problems.push(`entry ${i + 1}: no version`);
      return;
    }
    const [name, range] = splitDescriptor(first);
    const source = sourceOfSpec(range);
    if (!source) {
      problems.push(`entry ${i + 1}: unsupported dependency protocol`);
      return;
    }
    const id = `e${i}`;
    const node: LockNode = { id, name: aliasTarget(range) ?? name, version, deps: [], source: withResolved(source, entry.fields.get('resolved')) };
    nodes.set(id, node);
    for (const key of entry.keys) byDescriptor.set(key, id);
    pending.push([node, pairs(entry.fields.get('dependencies')), pairs(entry.fields.get('optionalDependencies'))]);
  });
  for (const [node, deps, optional] of pending) {
    const ids = (list: Array<[string, string]>): string[] => list.flatMap(([n, r]) => byDescriptor.get(`${n}@${r}`) ?? []);
    node.optionalDeps = ids(optional);
    node.deps = [...ids(deps), ...node.optionalDeps];
  }
  return { packages: finishGraph(nodes, {}), classified: false, workspaces: [], problems };
}

function pairs(value: YarnValue | undefined): Array<[string, string]> {
  if (!(value instanceof Map)) return [];
  const out: Array<[string, string]> = [];
  for (const [k, v] of value) if (typeof v === 'string') out.push([k, v]);
  return out;
}

/** A git or tarball source is located by the entry's `resolved` URL when the range does not say. */
function withResolved(source: NpmSource, resolved: YarnValue | undefined): NpmSource {
  if ((source.kind !== 'git' && source.kind !== 'tarball') || typeof resolved !== 'string') return source;
  return sourceOfSpec(resolved) ?? source;
}
