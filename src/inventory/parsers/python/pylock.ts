import * as z from 'zod/mini';
import { anyList, validElements } from './checks.js';
import { byName, lockPackage, refsTo, schemaProblems, type LockPackage, type LockParse } from './lock-package.js';
import { parseToml, TomlError } from '../toml.js';

/**
 * pylock.toml (PEP 751): `[[packages]]` with name, version (absent for some VCS/directory
 * sources, which are then skipped), marker, and optional `dependencies` (`{ name, version? }`).
 * The same name and version may appear once per environment marker: reported once, with the
 * dependencies of every entry.
 */

const depSchema = z.object({ name: z.string(), version: z.optional(z.string()) });
const packageSchema = z.object({
  name: z.string().check(z.minLength(1)),
  version: z.optional(z.string()),
  dependencies: z.optional(anyList),
});
const documentSchema = z.object({ 'lock-version': z.string(), packages: z.optional(anyList) });

export function parsePylock(text: string): LockParse {
  let toml: unknown;
  try {
    toml = parseToml(text);
  } catch (err) {
    return { packages: [], problems: [`pylock.toml is not valid TOML (${err instanceof TomlError ? err.message : 'unreadable'})`] };
  }
  const doc = documentSchema.safeParse(toml);
  if (!doc.success) return { packages: [], problems: schemaProblems(doc.error.issues, '') };
  const problems: string[] = [];
  const found = new Map<string, { pkg: LockPackage; deps: Array<z.infer<typeof depSchema>> }>();
  (doc.data.packages ?? []).forEach((raw, i) => {
    const entry = packageSchema.safeParse(raw);
    if (!entry.success) return void problems.push(...schemaProblems(entry.error.issues, `packages.${i}`));
    const { name, version } = entry.data;
    if (version === undefined) return;
    const dependencies = validElements(entry.data.dependencies ?? [], depSchema, `packages.${i}.dependencies`, problems);
    const pkg = lockPackage(name, version);
    const key = `${pkg.name}@${version}`;
    const seen = found.get(key);
    if (seen) for (const d of dependencies) seen.deps.push(d);
    else found.set(key, { pkg, deps: dependencies });
  });
  const index = byName([...found.values()].map((f) => f.pkg));
  for (const [key, { pkg, deps }] of found) {
    const refs = new Set(deps.flatMap((d) => refsTo(index, d.name, d.version)).filter((r) => r !== key));
    if (refs.size > 0) pkg.dependsOn = [...refs].sort();
  }
  return { packages: [...found.values()].map((f) => f.pkg), problems };
}
