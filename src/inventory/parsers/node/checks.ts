import * as z from 'zod/mini';

/**
 * Schemas for the collections of a lock file or manifest whose size the file decides (dependency
 * maps, name lists). zod reports one issue per bad element, and an object copies its fields'
 * issues up with a spread call: a map of a few hundred thousand bad values inside an entry
 * overflows the stack (RangeError) instead of failing. These check every element and fail with
 * one issue, however big the collection.
 */

export function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function everyValue(v: unknown, ok: (x: unknown) => boolean): v is Record<string, unknown> {
  if (!isPlainObject(v)) return false;
  for (const x of Object.values(v)) if (!ok(x)) return false;
  return true;
}

const isString = (x: unknown): x is string => typeof x === 'string';

/**
 * A map checked by `ok`, without an own `__proto__` key (JSON.parse makes one; it names no package,
 * and as zod's own records do, it is dropped).
 */
function mapOf<T>(ok: (v: unknown) => boolean, error: string) {
  return z.pipe(
    z.custom<Record<string, T>>(ok, { error }),
    z.transform((v: Record<string, T>) => {
      if (!Object.hasOwn(v, '__proto__')) return v;
      return Object.fromEntries(Object.entries(v).filter(([k]) => k !== '__proto__'));
    }),
  );
}

/** `{ name: string }` — a dependency map. */
export const stringRecord = mapOf<string>((v) => everyValue(v, isString), 'expected an object of strings');

/** `[string]` — a list of names or globs. */
export const stringArray = z.custom<string[]>((v) => Array.isArray(v) && v.every(isString), { error: 'expected a list of strings' });

/** `{ key: <anything> }` — a map whose entries the caller checks one by one. */
export const unknownRecord = mapOf<unknown>(isPlainObject, 'expected an object');

/** `{ key: <object> }` — a map of objects the caller checks one by one. */
export const objectRecord = mapOf<Record<string, unknown>>((v) => everyValue(v, isPlainObject), 'expected an object of objects');

/** `{ name: string | { version: string } }` — pnpm importers' dependency maps. */
export const importerDeps = mapOf<string | { version: string }>(
  (v) => everyValue(v, (x) => typeof x === 'string' || (isPlainObject(x) && typeof x['version'] === 'string')),
  'expected an object of versions',
);
