import * as z from 'zod/mini';
import { anyList, anyTable, isTable, tableOfLists, tableOfTables } from './checks.js';
import { normalizePypiName } from './names.js';
import { parseToml } from '../toml.js';

/**
 * The direct dependencies a pyproject.toml declares, as normalised names: PEP 621
 * `[project] dependencies` and `optional-dependencies`, PEP 735 `[dependency-groups]`, and
 * Poetry's `[tool.poetry.dependencies]`, `dev-dependencies` and `group.<name>.dependencies`
 * (`python` itself excluded). Used to mark a poetry.lock's direct dependencies.
 */

const schema = z.object({
  project: z.optional(z.object({ dependencies: z.optional(anyList), 'optional-dependencies': z.optional(tableOfLists) })),
  'dependency-groups': z.optional(tableOfLists),
  tool: z.optional(z.object({
    poetry: z.optional(z.object({
      dependencies: z.optional(anyTable),
      'dev-dependencies': z.optional(anyTable),
      group: z.optional(tableOfTables),
    })),
  })),
});

export type PyprojectResult = { direct: string[] } | { problem: string };

export function pyprojectDirectDependencies(text: string): PyprojectResult {
  let toml: unknown;
  try {
    toml = parseToml(text);
  } catch {
    return { problem: 'pyproject.toml is not valid TOML' };
  }
  const doc = schema.safeParse(toml);
  if (!doc.success) return { problem: `pyproject.toml: ${doc.error.issues.map((i) => `${i.path.map(String).join('.')}: ${i.message}`).join('; ')}` };
  const { project, tool } = doc.data;
  const requirements = [
    ...(project?.dependencies ?? []),
    ...Object.values(project?.['optional-dependencies'] ?? {}).flat(),
    ...Object.values(doc.data['dependency-groups'] ?? {}).flat(),
  ];
  const names = requirements.flatMap((r) => {
    const m = typeof r === 'string' ? /^\s*([A-Za-z0-9][A-Za-z0-9._-]*)/.exec(r) : null;
    return m?.[1] === undefined ? [] : [m[1]];
  });
  const poetry = tool?.poetry;
  const groupDeps = Object.values(poetry?.group ?? {}).map((g) => g['dependencies']);
  const poetryTables = [poetry?.dependencies, poetry?.['dev-dependencies'], ...groupDeps.filter(isTable)];
  for (const t of poetryTables) for (const n of Object.keys(t ?? {})) if (n.toLowerCase() !== 'python') names.push(n);
  return { direct: [...new Set(names.map(normalizePypiName))].sort() };
}
