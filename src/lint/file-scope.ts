/**
 * Caches that live as long as the file being linted: the indexes several rules share (invocations of a
 * script, RUNs of a file, parsed tool options, ...), keyed by objects of that file's syntax tree.
 *
 * Why not one module-level WeakMap per cache: such a table lives in V8's old generation, and the young
 * generation collector treats every value it holds as alive (only a full collection applies weak
 * semantics). Each file's indexes — and the syntax tree they point into — were therefore copied out of
 * the young generation and promoted, a quarter of the time of linting thousands of files. A table made
 * per file is young and dies with the file.
 *
 * The engine calls `beginFile()` before each file; code that never does (tests calling rules directly)
 * keeps one table per cache for the whole run, with the same weak semantics as before. Keys are
 * objects of one file, so a table can be dropped between files without changing any result.
 */

interface Slot {
  value: unknown;
}

const SLOTS: Slot[] = [];

/** A cache table made on first use in each file: `perFile(() => new WeakMap<K, V>())()` is the current file's table. */
export function perFile<T>(make: () => T): () => T {
  const slot: Slot = { value: undefined };
  SLOTS.push(slot);
  return () => {
    let table = slot.value as T | undefined;
    if (table === undefined) {
      table = make();
      slot.value = table;
    }
    return table;
  };
}

/** Drops every per-file table: the next file starts with empty ones. */
export function beginFile(): void {
  for (const slot of SLOTS) slot.value = undefined;
}
