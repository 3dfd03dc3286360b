import * as z from 'zod/mini';
import { parseToml, TomlError } from '../toml.js';

/**
 * Cargo.lock, every format (v1 without a `version` key, v2, v3, v4): one `[[package]]` table per
 * crate with `name`, `version`, `source` (absent for workspace members and path dependencies) and
 * `dependencies`, each written `name`, `name version` or `name version (source)` — the short forms
 * when the name (and version) alone are unique in the lock.
 */

export interface LockedCrate {
  name: string;
  version: string;
  /** `registry+https://...`, `git+https://...?rev#commit`, `sparse+...`; undefined for local crates. */
  source?: string;
  /** Resolved `name@version` references. */
  dependencies: string[];
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

function resolve(raw: Array<z.infer<typeof crateSchema>>, problems: string[]): LockedCrate[] {
  const byName = new Map<string, string[]>();
  for (const c of raw) byName.set(c.name, [...(byName.get(c.name) ?? []), c.version]);
  return raw.map((c) => {
    const crate: LockedCrate = { name: c.name, version: c.version, dependencies: [] };
    if (c.source !== undefined) crate.source = c.source;
    for (const ref of c.dependencies ?? []) {
      const resolved = resolveRef(ref, byName);
      if (resolved !== undefined) crate.dependencies.push(resolved);
      else problems.push(`${c.name} ${c.version}: dependency "${ref}" is not in the lock file`);
    }
    crate.dependencies = [...new Set(crate.dependencies)].sort();
    return crate;
  });
}

/** `name`, `name version` or `name version (source)` → `name@version`. */
function resolveRef(ref: string, byName: Map<string, string[]>): string | undefined {
  const [name = '', version] = ref.trim().split(/\s+/, 2);
  const versions = byName.get(name);
  if (!versions) return undefined;
  if (version !== undefined) return versions.includes(version) ? `${name}@${version}` : undefined;
  return versions.length === 1 ? `${name}@${versions[0] ?? ''}` : undefined;
}
