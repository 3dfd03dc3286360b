/** Deeper directories are not resolved from (real trees nest a few dozen levels at most). */
export const MAX_DEPTH = 128;

/**
 * Node.js module resolution over paths: a package in directory `dir` that requires `name` gets the
 * first `<ancestor>/node_modules/<name>` that exists, nearest ancestor first (never looking inside
 * `node_modules/node_modules`). Paths are image-relative or lock-relative; '' is the top.
 */
export function resolveFrom<T>(dir: string, name: string, lookup: (packageDir: string) => T | undefined): T | undefined {
  if (depthOf(dir) > MAX_DEPTH) return undefined;
  let d = dir;
  for (;;) {
    if (d !== 'node_modules' && !d.endsWith('/node_modules')) {
      const hit = lookup(d === '' ? `node_modules/${name}` : `${d}/node_modules/${name}`);
      if (hit !== undefined) return hit;
    }
    if (d === '') return undefined;
    const slash = d.lastIndexOf('/');
    d = slash < 0 ? '' : d.slice(0, slash);
  }
}

/** The directory part of a path ('' for a top-level name). */
export function dirOf(path: string): string {
  const slash = path.lastIndexOf('/');
  return slash < 0 ? '' : path.slice(0, slash);
}

/** `a/b` + `c` → `a/b/c`; '' + `c` → `c`. */
export function joinPath(dir: string, rel: string): string {
  return dir === '' ? rel : rel === '' ? dir : `${dir}/${rel}`;
}

/** Number of path segments (0 for ''). */
export function depthOf(path: string): number {
  if (path === '') return 0;
  let n = 1;
  for (let i = path.indexOf('/'); i >= 0; i = path.indexOf('/', i + 1)) n++;
  return n;
}
