import * as z from 'zod/mini';
import { anyList, anyTable, stringList } from './checks.js';
import { byName, lockPackage, refsTo, schemaProblems, type LockPackage, type LockParse } from './lock-package.js';
import { parseToml, TomlError } from '../toml.js';

/**
 * poetry.lock (TOML): `[[package]]` entries with name, version, `category = "dev"` (lock 1.x) or
 * `groups = [...]` (Poetry 2; dev when the main group is not among them) and
 * `[package.dependencies]` naming other locked packages (a constraint string, a table, or a list
 * of tables for per-marker constraints). Direct dependencies are not in the lock: the python-lock
 * analyzer takes them from the pyproject.toml beside it.
 */

// only the dependencies' names are read: a constraint string, a table or a list of tables each
const packageSchema = z.object({
  name: z.string().check(z.minLength(1)),
  version: z.string().check(z.minLength(1)),
  category: z.optional(z.string()),
  groups: z.optional(stringList),
  dependencies: z.optional(anyTable),
});
const documentSchema = z.object({ package: z.optional(anyList) });

export function parsePoetryLock(text: string): LockParse {
  let toml: unknown;
  try {
    toml = parseToml(text);
  } catch (err) {
    return { packages: [], problems: [`poetry.lock is not valid TOML (${err instanceof TomlError ? err.message : 'unreadable'})`] };
  }
  const doc = documentSchema.safeParse(toml);
  if (!doc.success) return { packages: [], problems: schemaProblems(doc.error.issues, '') };
  const problems: string[] = [];
  const entries: Array<{ pkg: LockPackage; deps: string[] }> = [];
  (doc.data.package ?? []).forEach((raw, i) => {
    const entry = packageSchema.safeParse(raw);
    if (!entry.success) {
      problems.push(...schemaProblems(entry.error.issues, `package.${i}`));
      return;
    }
    const { name, version, category, groups, dependencies } = entry.data;
    const pkg = lockPackage(name, version);
    if (category === 'dev' || (groups !== undefined && !groups.includes('main'))) pkg.dev = true;
    entries.push({ pkg, deps: Object.keys(dependencies ?? {}) });
  });
  const index = byName(entries.map((e) => e.pkg));
  for (const { pkg, deps } of entries) {
    const refs = [...new Set(deps.flatMap((d) => refsTo(index, d)))].filter((r) => r !== `${pkg.name}@${pkg.version}`);
    if (refs.length > 0) pkg.dependsOn = refs.sort();
  }
  return { packages: entries.map((e) => e.pkg), problems };
}
