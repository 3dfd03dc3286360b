import * as z from 'zod/mini';

/**
 * .NET's `<app>.deps.json`, written by the SDK next to a built app: `libraries` lists every
 * library by `Name/Version` with its `type` (`project` — the app and its project references,
 * `package` — from NuGet, `runtimepack` — the runtime of a self-contained app, named
 * `runtimepack.<Name>`), and `targets[runtimeTarget.name]` gives each library's dependencies and
 * assets. A package whose target entry lists no assets (a meta-package or reference-only package)
 * puts nothing into the app and is left out.
 */

export interface DotnetPackage {
  name: string;
  version: string;
  /** `package` or `runtimepack`. */
  libraryType: string;
  /** Set when the app's root project is known (exactly one project no other project depends on). */
  relationship?: 'direct' | 'indirect';
  /** `Name@Version` of the packages it depends on (those reported too). */
  dependencies: string[];
}

export interface DepsJson {
  packages: DotnetPackage[];
  /** The project libraries (the app and its project references), by name. */
  projects: string[];
  problems: string[];
}

const libraryKey = z.string().check(z.regex(/^[^/]+\/[^/]+$/, 'expected Name/Version'));
const targetEntry = z.object({
  dependencies: z.optional(z.record(z.string(), z.string())),
  runtime: z.optional(z.record(z.string(), z.unknown())),
  native: z.optional(z.record(z.string(), z.unknown())),
  runtimeTargets: z.optional(z.record(z.string(), z.unknown())),
  resources: z.optional(z.record(z.string(), z.unknown())),
});
const docSchema = z.object({
  runtimeTarget: z.optional(z.object({ name: z.string() })),
  targets: z.optional(z.record(z.string(), z.record(libraryKey, targetEntry))),
  libraries: z.optional(z.record(libraryKey, z.object({ type: z.string() }))),
});
type TargetEntry = z.infer<typeof targetEntry>;

const RUNTIMEPACK = 'runtimepack.';
/** `runtimepack.Microsoft.NETCore.App.Runtime.linux-x64` → its NuGet name. */
const nugetName = (name: string): string => (name.startsWith(RUNTIMEPACK) ? name.slice(RUNTIMEPACK.length) : name);

const hasAssets = (e: TargetEntry): boolean =>
  [e.runtime, e.native, e.runtimeTargets, e.resources].some((a) => a !== undefined && Object.keys(a).length > 0);

export function parseDepsJson(json: unknown): DepsJson {
  const doc = docSchema.safeParse(json);
  if (!doc.success) return { packages: [], projects: [], problems: doc.error.issues.map((i) => `${i.path.join('.') || '(document)'}: ${i.message}`) };
  const { runtimeTarget, targets = {}, libraries = {} } = doc.data;
  const targetNames = Object.keys(targets);
  const targetName = runtimeTarget ? runtimeTarget.name : targetNames.length === 1 ? targetNames[0] : undefined;
  const target = targetName === undefined ? undefined : targets[targetName];
  const split = (key: string): [string, string] => {
    const slash = key.indexOf('/');
    return [key.slice(0, slash), key.slice(slash + 1)];
  };
  const projects = Object.entries(libraries).filter(([, l]) => l.type === 'project').map(([k]) => k);
  const kept = Object.entries(libraries).filter(([key, l]) => {
    if (l.type !== 'package' && l.type !== 'runtimepack') return false;
    const entry = target?.[key];
    return entry === undefined || hasAssets(entry);
  });
  const keptKeys = new Set(kept.map(([k]) => k));
  const depsOf = (key: string): string[] =>
    Object.entries(target?.[key]?.dependencies ?? {}).flatMap(([n, v]) => (keptKeys.has(`${n}/${v}`) ? [`${nugetName(n)}@${v}`] : []));
  const direct = directKeys(projects, target);
  const packages = kept.map(([key, l]) => {
    const [name, version] = split(key);
    const p: DotnetPackage = { name: nugetName(name), version, libraryType: l.type, dependencies: [...new Set(depsOf(key))].sort() };
    if (direct) p.relationship = direct.has(key) ? 'direct' : 'indirect';
    return p;
  });
  const problems = target === undefined && targetNames.length > 0 ? [`no target "${targetName ?? ''}" in targets: dependencies unknown`] : [];
  return { packages, projects: projects.map((k) => split(k)[0]), problems };
}

/**
 * Libraries the projects depend on, when the root project is clear: exactly one project that no
 * other project depends on. Undefined otherwise (relationships unknown).
 */
function directKeys(projects: string[], target: Record<string, TargetEntry> | undefined): Set<string> | undefined {
  if (!target || projects.length === 0) return undefined;
  const projectDeps = new Set(projects.flatMap((p) => Object.entries(target[p]?.dependencies ?? {}).map(([n, v]) => `${n}/${v}`)));
  const roots = projects.filter((p) => !projectDeps.has(p));
  return roots.length === 1 ? projectDeps : undefined;
}
