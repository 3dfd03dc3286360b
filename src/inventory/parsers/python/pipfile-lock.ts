import * as z from 'zod/mini';
import { lockPackage, schemaProblems, type LockPackage, type LockParse } from './lock-package.js';

/**
 * Pipfile.lock (pipenv): JSON with `default` and `develop` sections mapping package names to
 * `{ "version": "==1.2.3", ... }`. Packages of `develop` only are dev dependencies. Entries
 * without a pinned version (VCS, path, editable) name no version and are skipped.
 */

const sectionSchema = z.record(z.string(), z.unknown());
const documentSchema = z.object({ default: z.optional(sectionSchema), develop: z.optional(sectionSchema) });
const entrySchema = z.object({ version: z.optional(z.string()) });

export function parsePipfileLock(text: string): LockParse {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { packages: [], problems: ['Pipfile.lock is not valid JSON'] };
  }
  const doc = documentSchema.safeParse(json);
  if (!doc.success) return { packages: [], problems: schemaProblems(doc.error.issues, '') };
  const problems: string[] = [];
  const found = new Map<string, LockPackage>();
  for (const section of ['default', 'develop'] as const) {
    for (const [written, raw] of Object.entries(doc.data[section] ?? {})) {
      const entry = entrySchema.safeParse(raw);
      if (!entry.success) {
        problems.push(...schemaProblems(entry.error.issues, `${section}.${written}`));
        continue;
      }
      const version = entry.data.version?.replace(/^===?/, '').trim();
      if (version === undefined || version === '' || /[\s<>!~*,]/.test(version)) continue;
      const pkg = lockPackage(written, version);
      const key = `${pkg.name}@${version}`;
      if (found.has(key)) continue; // in default and develop: a runtime dependency
      found.set(key, section === 'develop' ? { ...pkg, dev: true } : pkg);
    }
  }
  return { packages: [...found.values()], problems };
}
