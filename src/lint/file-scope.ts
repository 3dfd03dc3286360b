/**
 * Caches that live as long as the file being linted: the indexes several rules share (invocations of a
 * script, RUNs of a file, parsed tool options, the source a shell script was parsed from, ...), keyed by
 * objects of that file's syntax tree.
 *
 * Why not one module-level WeakMap per cache: such a table lives in V8's old generation, and the young
 * generation collector treats every value it holds as alive (only a full collection applies weak
 * semantics). Each file's indexes — and the syntax tree they point into — were therefore copied out of
 * the young generation and promoted, a quarter of the time of linting thousands of files. A table made
 * per file is young and dies with the file.
 *
 * The engine lints each file inside `inFileScope`: entries made there go to a table dropped when the
 * file is done. Outside any file scope (tests calling rules directly, image config checks reading RUN
 * commands) entries go to one process-wide weak table, as before; lookups inside a scope see both.
 * No entry is dropped while the file it belongs to is being linted, so dropping changes no result.
 */

interface Droppable {
  drop(): void;
}

const CACHES: Droppable[] = [];
let depth = 0;

/** A weak cache whose entries made during a file scope last until that scope ends. */
export class FileCache<K extends object, V> implements Droppable {
  private shared: WeakMap<K, V> | undefined;
  private local: WeakMap<K, V> | undefined;

  constructor() {
    CACHES.push(this);
  }

  get(key: K): V | undefined {
    if (this.local !== undefined) {
      const v = this.local.get(key);
      if (v !== undefined) return v;
    }
    return this.shared?.get(key);
  }

  set(key: K, value: V): void {
    if (depth > 0) (this.local ??= new WeakMap()).set(key, value);
    else (this.shared ??= new WeakMap()).set(key, value);
  }

  drop(): void {
    this.local = undefined;
  }
}

/** Runs `lint` (one file's parse and rules); what it caches in FileCaches is dropped when it returns. */
export function inFileScope<T>(lint: () => T): T {
  depth++;
  try {
    return lint();
  } finally {
    if (--depth === 0) for (const c of CACHES) c.drop();
  }
}
