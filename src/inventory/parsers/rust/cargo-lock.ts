import * as z from 'zod/mini';
import { parseToml, TomlError } from '../toml.js';

/**
 * Cargo.lock, every format (v1 without a `version` key, v2, v3, v4): one `[[package]]` table per
 * crate with `name`, `version`, `source` (absent for workspace members and path dependencies) and
 * `dependencies`, each written `name`, `name version` or `name version (source)` — the short forms
 * when the name (and version) alone are unique in the lock; v1 always writes the source of a
 * crate that has one. A reference is resolved to one crate of the lock, its source included, so
 * a git fork and the registry crate of the same name and version stay apart.
 */

export interface LockedCrate {
  name: string;
  version: string;
  /** `registry+https://...`, `git+https://...?rev#commit`, `sparse+...`; undefined for local crates. */
  source?: string;
  /** The crates this one depends on: indices into `CargoLock.crates`, ascending, each once. */
  dependencies: number[];
}

export interface CargoLock {
  /** The lock format version (1 when the file has no `version`). */
  version: number;
  crates: LockedCrate[];
  problems: string[];
}

const crateSchema = z.object({
  name: z.string().check(z.minLength(1)),
  version: z.string().check(z.minLength(1)),
  source: z.optional(z.string()),
  dependencies: z.optional(z.array(z.string())),
});
const lockSchema = z.object({ version: z.optional(z.number()), package: z.optional(z.array(z.unknown())) });

export function parseCargoLock(text: string): CargoLock {
  let doc: unknown;
  try {
    doc = parseToml(text);
  } catch (err) {
    if (err instanceof TomlError) return { version: 0, crates: [], problems: [`not valid TOML (${err.message})`] };
    throw err;
  }
  const lock = lockSchema.safeParse(doc);
  if (!lock.success) return { version: 0, crates: [], problems: lock.error.issues.map((i) => `${i.path.join('.') || '(document)'}: ${i.message}`) };
  const problems: string[] = [];
  const raw: Array<z.infer<typeof crateSchema>> = [];
  (lock.data.package ?? []).forEach((p, i) => {
    const crate = crateSchema.safeParse(p);
    if (crate.success) raw.push(crate.data);
    else problems.push(...crate.error.issues.map((issue) => `package.${i}.${issue.path.join('.')}: ${issue.message}`));
  });
  const crates = resolve(raw, problems);
  return { version: lock.data.version ?? 1, crates, problems };
}

const MAX_PROBLEMS = 50;

function resolve(raw: Array<z.infer<typeof crateSchema>>, problems: string[]): LockedCrate[] {
  // indices by name and by name + version: every reference is a map lookup (linear in the lock)
  const byName = new Map<string, number[]>();
  const byNameVersion = new Map<string, number[]>();
  const push = (m: Map<string, number[]>, key: string, i: number): void => {
    const list = m.get(key);
    if (list) list.push(i);
    else m.set(key, [i]);
  };
  raw.forEach((c, i) => {
    push(byName, c.name, i);
    push(byNameVersion, `${c.name}\u0000${c.version}`, i);
  });
  const problem = (text: string): void => {
    if (problems.length < MAX_PROBLEMS) problems.push(text);
  };
  return raw.map((c) => {
    const crate: LockedCrate = { name: c.name, version: c.version, dependencies: [] };
    if (c.source !== undefined) crate.source = c.source;
    const deps = new Set<number>();
    for (const ref of c.dependencies ?? []) {
      const resolved = resolveRef(ref, raw, byName, byNameVersion);
      if (typeof resolved === 'number') deps.add(resolved);
      else problem(`${c.name} ${c.version}: dependency "${ref}" ${resolved}`);
    }
    crate.dependencies = [...deps].sort((a, b) => a - b);
    return crate;
  });
}

/**
 * `name`, `name version` or `name version (source)` → the index of the crate it names, or why
 * there is none. Without a source, a crate without one (a path dependency) is the one meant when
 * the name and version are shared: Cargo names the source of every other.
 */
function resolveRef(
  ref: string,
  raw: ReadonlyArray<z.infer<typeof crateSchema>>,
  byName: ReadonlyMap<string, number[]>,
  byNameVersion: ReadonlyMap<string, number[]>,
): number | string {
  const m = /^\s*(\S+)(?:\s+(\S+))?(?:\s+\((.*)\))?\s*$/.exec(ref);
  const name = m?.[1];
  if (!m || name === undefined) return 'is not "name [version [(source)]]"';
  const version = m[2];
  const source = m[3];
  const candidates = version === undefined ? byName.get(name) : byNameVersion.get(`${name}\u0000${version}`);
  if (!candidates) return 'is not in the lock file';
  if (source !== undefined) {
    const match = candidates.find((i) => raw[i]?.source === source);
    return match ?? 'is not in the lock file (no crate of that name and version has that source)';
  }
  if (candidates.length === 1) return candidates[0] as number;
  if (version === undefined) return 'is ambiguous (several versions of it are locked)';
  const local = candidates.filter((i) => raw[i]?.source === undefined);
  return local.length === 1 ? (local[0] as number) : 'is ambiguous (several sources of that version are locked)';
}
