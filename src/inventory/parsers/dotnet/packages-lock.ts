import * as z from 'zod/mini';

/**
 * NuGet's `packages.lock.json`: per target framework, every package with its `type` (`Direct`,
 * `Transitive`, `CentralTransitive`, or `Project` for project references, which are not packages),
 * the `resolved` version and its dependencies (name → the version range requested, resolved here
 * against the same framework's packages). A package locked for several frameworks is reported once;
 * it is direct when any framework has it as direct.
 */

export interface LockedNugetPackage {
  name: string;
  version: string;
  relationship: 'direct' | 'indirect';
  /** `Name@Version` of its dependencies. */
  dependencies: string[];
  frameworks: string[];
}

export interface NugetLock {
  packages: LockedNugetPackage[];
  problems: string[];
}

const entrySchema = z.object({
  type: z.string(),
  resolved: z.optional(z.string().check(z.minLength(1))),
  dependencies: z.optional(z.record(z.string(), z.string())),
});
const docSchema = z.object({
  version: z.optional(z.number()),
  dependencies: z.record(z.string(), z.record(z.string(), z.unknown())),
});
type Entry = z.infer<typeof entrySchema>;

export function parseNugetLock(json: unknown): NugetLock {
  const doc = docSchema.safeParse(json);
  if (!doc.success) return { packages: [], problems: doc.error.issues.map((i) => `${i.path.join('.') || '(document)'}: ${i.message}`) };
  const problems: string[] = [];
  const byKey = new Map<string, LockedNugetPackage>();
  for (const [framework, raw] of Object.entries(doc.data.dependencies)) {
    const entries = frameworkEntries(framework, raw, problems);
    // NuGet ids are case-insensitive: a dependency may be written in another case than its entry
    const resolvedOf = new Map([...entries].map(([name, e]) => [name.toLowerCase(), { name, version: e.resolved ?? '' }]));
    for (const [name, e] of entries) {
      const version = e.resolved ?? '';
      const key = `${name}@${version}`;
      const pkg = byKey.get(key) ?? { name, version, relationship: 'indirect', dependencies: [], frameworks: [] };
      if (e.type === 'Direct') pkg.relationship = 'direct';
      pkg.frameworks.push(framework);
      for (const dep of Object.keys(e.dependencies ?? {})) {
        const target = resolvedOf.get(dep.toLowerCase());
        if (target) pkg.dependencies.push(`${target.name}@${target.version}`);
      }
      pkg.dependencies = [...new Set(pkg.dependencies)].sort();
      byKey.set(key, pkg);
    }
  }
  return { packages: [...byKey.values()], problems };
}

/** A framework's package entries (project references left out); bad entries become problems. */
function frameworkEntries(framework: string, raw: Record<string, unknown>, problems: string[]): Map<string, Entry> {
  const out = new Map<string, Entry>();
  for (const [name, value] of Object.entries(raw)) {
    const parsed = entrySchema.safeParse(value);
    if (!parsed.success) {
      problems.push(...parsed.error.issues.map((i) => `dependencies.${framework}.${name}.${i.path.join('.')}: ${i.message}`));
      continue;
    }
    if (parsed.data.type === 'Project') continue;
    if (parsed.data.resolved === undefined) {
      problems.push(`dependencies.${framework}.${name}.resolved: missing (expected string)`);
      continue;
    }
    out.set(name, parsed.data);
  }
  return out;
}
