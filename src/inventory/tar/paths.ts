/**
 * Normalise a tar entry name to an image-relative path: no leading `/` or `./`, no `.` or empty
 * components, `..` folded. Returns null for the root itself and throws nothing: a name whose `..`
 * climbs above the root is reported through `escapes`.
 */
export function normalizeEntryPath(name: string): { path: string | null; escapes: boolean } {
  const out: string[] = [];
  for (const part of name.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') {
      if (out.length === 0) return { path: null, escapes: true };
      out.pop();
      continue;
    }
    out.push(part);
  }
  return { path: out.length ? out.join('/') : null, escapes: false };
}

export function dirname(path: string): string {
  const i = path.lastIndexOf('/');
  return i < 0 ? '' : path.slice(0, i);
}

export function basename(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

export function joinPath(dir: string, name: string): string {
  return dir ? `${dir}/${name}` : name;
}

export type Whiteout = { kind: 'opaque'; dir: string } | { kind: 'remove'; path: string } | { kind: 'meta' };

/** Classify an OCI/AUFS whiteout marker, or null when the path is an ordinary entry. */
export function whiteoutOf(path: string): Whiteout | null {
  const base = basename(path);
  if (!base.startsWith('.wh.')) return null;
  if (base === '.wh..wh..opq') return { kind: 'opaque', dir: dirname(path) };
  if (base.startsWith('.wh..wh.')) return { kind: 'meta' }; // AUFS bookkeeping (.wh..wh.plnk, .wh..wh.aufs)
  const target = base.slice(4);
  if (!target || target === '.' || target === '..') return { kind: 'meta' };
  return { kind: 'remove', path: joinPath(dirname(path), target) };
}
