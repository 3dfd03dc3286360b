import type { EntryKind, LayerResult } from '../layer-result.js';

export interface FsNode {
  kind: EntryKind;
  mode: number;
  size: number;
  /** Symlink target as written (hard links are resolved to their target's node kind when applied). */
  link?: string;
  uid?: number;
  gid?: number;
  /** Index of the layer that last wrote this node. */
  layer: number;
  children?: Map<string, FsNode>;
}

const MAX_SYMLINKS = 40;

function dirNode(layer: number): FsNode {
  return { kind: 'd', mode: 0o755, size: 0, layer, children: new Map() };
}

/**
 * The image's filesystem as layers stack up, with OCI whiteout semantics: a layer's whiteouts and
 * opaque markers hide lower-layer content before the layer's own entries are added. As when
 * containerd applies a layer, a parent directory that is a symlink (`lib -> usr/lib`) is followed
 * inside the image; the entry itself is never followed.
 */
export class FsTree {
  readonly root: FsNode = dirNode(-1);

  /** Apply one layer; returns the entries whose real path differs from the literal one (via a symlinked parent). */
  applyLayer(index: number, layer: LayerResult): Map<string, string> {
    const aliases = new Map<string, string>();
    for (const w of layer.whiteouts) {
      const real = this.remove(w);
      if (real !== undefined && real !== w) aliases.set(w, real);
    }
    for (const d of layer.opaqueDirs) {
      const target = d === '' ? { path: '', node: this.root } : this.resolve(d);
      if (target?.node.kind === 'd') target.node.children = new Map();
      if (target && target.path !== d) aliases.set(d, target.path);
    }
    for (const [path, kind, mode, size, link, uid, gid] of layer.entries) {
      const node: FsNode = { kind, mode, size, layer: index };
      if (kind === 'l' && link !== undefined) node.link = link;
      if (uid !== undefined) node.uid = uid;
      if (gid !== undefined) node.gid = gid;
      if (kind === 'h' && link !== undefined) {
        const target = this.lookup(link);
        if (target && target.kind === 'f') {
          node.kind = 'f';
          node.size = target.size;
        }
      }
      const real = this.set(path, node);
      if (real !== path) aliases.set(path, real);
    }
    return aliases;
  }

  /** The node at exactly this path (no symlink following). */
  lookup(path: string): FsNode | undefined {
    if (path === '') return this.root;
    let node: FsNode | undefined = this.root;
    for (const part of path.split('/')) {
      node = node?.children?.get(part);
      if (!node) return undefined;
    }
    return node;
  }

  /** Remove a path (and everything below it); returns its real path, when its parent exists. */
  private remove(path: string): string | undefined {
    const i = path.lastIndexOf('/');
    const name = path.slice(i + 1);
    const parent = i < 0 ? { path: '', node: this.root } : this.resolve(path.slice(0, i));
    if (!parent) return undefined;
    parent.node.children?.delete(name);
    return parent.path ? `${parent.path}/${name}` : name;
  }

  /** Add a node; intermediate symlinks to directories are followed. Returns the real path. */
  private set(path: string, node: FsNode): string {
    const parts = path.split('/');
    const leaf = parts.pop() as string;
    let dir = this.root;
    let dirPath = '';
    for (const part of parts) {
      const here = dirPath ? `${dirPath}/${part}` : part;
      let next = dir.children?.get(part);
      if (next?.kind === 'l') {
        const target = this.resolve(here);
        if (target?.node.kind === 'd') {
          dir = target.node;
          dirPath = target.path;
          continue;
        }
        next = undefined; // a dangling link or a link to a file: replaced by a directory
      }
      if (!next || next.kind !== 'd') {
        next = dirNode(node.layer);
        (dir.children ??= new Map()).set(part, next);
      }
      dir = next;
      dirPath = here;
    }
    const children = (dir.children ??= new Map());
    const existing = children.get(leaf);
    if (existing?.kind === 'd' && node.kind === 'd') {
      // Re-listing a directory updates its metadata; its contents stay.
      node.children = existing.children ?? new Map();
    } else if (node.kind === 'd') {
      node.children = new Map();
    }
    children.set(leaf, node);
    return dirPath ? `${dirPath}/${leaf}` : leaf;
  }

  /**
   * Follow symlinks (inside the image: absolute targets start at the image root and `..` never
   * climbs above it) and return the real path and node, or undefined if the path does not exist,
   * loops, or crosses a non-directory.
   */
  resolve(path: string): { path: string; node: FsNode } | undefined {
    let pending = path.split('/').filter((p) => p !== '');
    const stack: FsNode[] = [this.root];
    const names: string[] = [];
    let links = 0;
    while (pending.length) {
      const part = pending.shift() as string;
      if (part === '.') continue;
      if (part === '..') {
        if (names.length) {
          names.pop();
          stack.pop();
        }
        continue;
      }
      const dir = stack[stack.length - 1] as FsNode;
      if (dir.kind !== 'd') return undefined;
      const child = dir.children?.get(part);
      if (!child) return undefined;
      if (child.kind === 'l') {
        if (++links > MAX_SYMLINKS) return undefined;
        const target = child.link ?? '';
        if (target.startsWith('/')) {
          names.length = 0;
          stack.length = 1;
        }
        pending = [...target.split('/').filter((p) => p !== ''), ...pending];
        continue;
      }
      names.push(part);
      stack.push(child);
    }
    return { path: names.join('/'), node: stack[stack.length - 1] as FsNode };
  }

  /** Every node below the root, depth first, with its path. */
  *walk(): Generator<[string, FsNode]> {
    const todo: Array<[string, FsNode]> = [['', this.root]];
    while (todo.length) {
      const [path, node] = todo.pop() as [string, FsNode];
      if (path) yield [path, node];
      for (const [name, child] of node.children ?? []) todo.push([path ? `${path}/${name}` : name, child]);
    }
  }
}
