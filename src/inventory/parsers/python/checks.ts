import * as z from 'zod/mini';
import { schemaProblems } from './lock-package.js';

/**
 * Schemas for the collections of a lock file whose size the file decides (dependency tables and
 * lists). zod reports one issue per bad element, and an object copies its fields' issues up with
 * a spread call: a table of a few hundred thousand bad values inside an entry overflows the stack
 * (RangeError) instead of failing. These accept any table or list in one check; the caller reads
 * the elements one by one (`validElements`).
 */

export function isTable(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** A table (TOML) or object (JSON), whatever its values. */
export const anyTable = z.custom<Record<string, unknown>>(isTable, { error: 'expected a table' });

/** A list, whatever its elements. */
export const anyList = z.custom<unknown[]>((v) => Array.isArray(v), { error: 'expected a list' });

/** A list of strings, checked in one pass. */
export const stringList = z.custom<string[]>((v) => Array.isArray(v) && v.every((x) => typeof x === 'string'), { error: 'expected a list of strings' });

/** A table of lists (`[project.optional-dependencies]`, `[dependency-groups]`). */
export const tableOfLists = z.custom<Record<string, unknown[]>>((v) => isTable(v) && Object.values(v).every((x) => Array.isArray(x)), { error: 'expected a table of lists' });

/** A table of tables. */
export const tableOfTables = z.custom<Record<string, Record<string, unknown>>>((v) => isTable(v) && Object.values(v).every(isTable), { error: 'expected a table of tables' });

/**
 * The elements of `list` that `schema` accepts; the others are skipped, and reported as one
 * problem (the first one's reasons and how many there were).
 */
export function validElements<T>(list: readonly unknown[], schema: z.ZodMiniType<T>, where: string, problems: string[]): T[] {
  const out: T[] = [];
  let bad = 0;
  let first: string[] = [];
  list.forEach((raw, i) => {
    const parsed = schema.safeParse(raw);
    if (parsed.success) out.push(parsed.data);
    else if (bad++ === 0) first = schemaProblems(parsed.error.issues, `${where}.${i}`);
  });
  if (bad > 0) problems.push(`${first.join('; ')}${bad > 1 ? ` (and ${bad - 1} more bad entries)` : ''}`);
  return out;
}
