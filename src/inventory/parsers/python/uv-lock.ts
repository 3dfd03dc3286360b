import * as z from 'zod/mini';
import { anyList, anyTable, stringList, tableOfLists, validElements } from './checks.js';
import { lockPackage, schemaProblems, type LockPackage, type LockParse } from './lock-package.js';
import { normalizePypiName } from './names.js';
import { parseToml, TomlError } from '../toml.js';

/**
 * uv.lock (TOML): `[[package]]` entries with name, version, source, `dependencies`,
 * `optional-dependencies` (per extra) and `dev-dependencies` (per group), each a list of
 * `{ name, version?, extra? }`. The project's own packages (workspace members: source `virtual`
 * or `editable`) are the roots; what they depend on is direct (runtime, extras and dev groups
 * alike), the rest indirect. Packages reachable only through the roots' dev groups are dev.
 */

const depSchema = z.object({ name: z.string(), version: z.optional(z.string()), extra: z.optional(stringList) });
const packageSchema = z.object({
  name: z.string().check(z.minLength(1)),
  version: z.optional(z.string()),
  source: z.optional(anyTable),
  dependencies: z.optional(anyList),
  'optional-dependencies': z.optional(tableOfLists),
  'dev-dependencies': z.optional(tableOfLists),
});
const documentSchema = z.object({ package: z.optional(anyList) });
type UvDep = z.infer<typeof depSchema>;

/** A package's dependency lists, each entry checked (bad ones are problems). */
interface UvPackage {
  dependencies: UvDep[];
  'optional-dependencies': Record<string, UvDep[]>;
  'dev-dependencies': Record<string, UvDep[]>;
}

interface Node {
  pkg: LockPackage;
  entry: UvPackage;
  root: boolean;
}

export function parseUvLock(text: string): LockParse {
  let toml: unknown;
  try {
    toml = parseToml(text);
  } catch (err) {
    return { packages: [], problems: [`uv.lock is not valid TOML (${err instanceof TomlError ? err.message : 'unreadable'})`] };
  }
  const doc = documentSchema.safeParse(toml);
  if (!doc.success) return { packages: [], problems: schemaProblems(doc.error.issues, '') };
  const problems: string[] = [];
  const nodes: Node[] = [];
  (doc.data.package ?? []).forEach((raw, i) => {
    const entry = packageSchema.safeParse(raw);
    if (!entry.success) return void problems.push(...schemaProblems(entry.error.issues, `package.${i}`));
    // dynamic-version workspace members may have no version: nothing to report for them
    if (entry.data.version === undefined) return;
    const source = entry.data.source ?? {};
    const where = `package.${i}`;
    const lists = (table: Record<string, unknown[]> | undefined, field: string): Record<string, UvDep[]> =>
      Object.fromEntries(Object.entries(table ?? {}).map(([k, list]) => [k, validElements(list, depSchema, `${where}.${field}.${k}`, problems)]));
    const deps: UvPackage = {
      dependencies: validElements(entry.data.dependencies ?? [], depSchema, `${where}.dependencies`, problems),
      'optional-dependencies': lists(entry.data['optional-dependencies'], 'optional-dependencies'),
      'dev-dependencies': lists(entry.data['dev-dependencies'], 'dev-dependencies'),
    };
    nodes.push({ pkg: lockPackage(entry.data.name, entry.data.version), entry: deps, root: 'virtual' in source || 'editable' in source });
  });
  link(nodes);
  return { packages: nodes.map((n) => n.pkg), problems };
}

function link(nodes: readonly Node[]): void {
  const index = new Map<string, Node[]>();
  for (const n of nodes) index.set(n.pkg.name, [...(index.get(n.pkg.name) ?? []), n]);
  const resolve = (d: UvDep): Node[] => {
    const candidates = index.get(normalizePypiName(d.name)) ?? [];
    const exact = d.version === undefined ? [] : candidates.filter((c) => c.pkg.version === d.version);
    return exact.length > 0 ? exact : candidates;
  };
  const requested = requestedExtras(nodes);
  const edges = new Map<Node, { runtime: Node[]; dev: Node[] }>();
  for (const n of nodes) {
    const extras = Object.entries(n.entry['optional-dependencies'] ?? {})
      .filter(([extra]) => n.root || requested.get(n.pkg.name)?.has(extra) === true)
      .flatMap(([, deps]) => deps);
    const runtime = [...(n.entry.dependencies ?? []), ...extras].flatMap(resolve);
    const dev = n.root ? Object.values(n.entry['dev-dependencies'] ?? {}).flat().flatMap(resolve) : [];
    edges.set(n, { runtime, dev });
    const refs = new Set([...runtime, ...dev].filter((t) => t !== n).map((t) => `${t.pkg.name}@${t.pkg.version}`));
    if (refs.size > 0) n.pkg.dependsOn = [...refs].sort();
  }
  const roots = nodes.filter((n) => n.root);
  if (roots.length === 0) return;
  const direct = new Set(roots.flatMap((r) => [...(edges.get(r)?.runtime ?? []), ...(edges.get(r)?.dev ?? [])]));
  const runtimeReach = reach(roots, (n) => edges.get(n)?.runtime ?? []);
  const devReach = reach(roots.flatMap((r) => edges.get(r)?.dev ?? []), (n) => edges.get(n)?.runtime ?? []);
  for (const n of nodes) {
    n.pkg.relationship = n.root ? 'root' : direct.has(n) ? 'direct' : 'indirect';
    if (!n.root && devReach.has(n) && !runtimeReach.has(n)) n.pkg.dev = true;
  }
}

/** The extras of each package that some dependency entry asks for (`{ name = "httpx", extra = ["socks"] }`). */
function requestedExtras(nodes: readonly Node[]): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  for (const n of nodes) {
    const lists = [n.entry.dependencies ?? [], ...Object.values(n.entry['optional-dependencies'] ?? {}), ...Object.values(n.entry['dev-dependencies'] ?? {})];
    for (const d of lists.flat()) {
      if (!d.extra?.length) continue;
      const name = normalizePypiName(d.name);
      const set = out.get(name) ?? new Set<string>();
      for (const e of d.extra) set.add(e);
      out.set(name, set);
    }
  }
  return out;
}

function reach(start: readonly Node[], next: (n: Node) => readonly Node[]): Set<Node> {
  const seen = new Set<Node>();
  const stack = [...start];
  for (let n = stack.pop(); n !== undefined; n = stack.pop()) {
    if (seen.has(n)) continue;
    seen.add(n);
    for (const m of next(n)) stack.push(m);
  }
  return seen;
}
