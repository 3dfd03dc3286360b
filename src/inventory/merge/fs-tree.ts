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
 * opaque markers hide lower-layer content before the layer's own entries are added. Parent paths
 * are not followed through symlinks when applying (each layer's paths are literal, as in overlayfs).
 */
export class FsTree {
  readonly root: FsNode = dirNode(-1);

  applyLayer(index: number, layer: LayerResult): void {
    for (const w of layer.whiteouts) this.remove(w);
    for (const d of layer.opaqueDirs) {
      const node = this.lookup(d);
      if (node?.kind === 'd') node.children = new Map();
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
      this.set(path, node);
    }
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

  private remove(path: string): void {
    const i = path.lastIndexOf('/');
    const parent = this.lookup(i < 0 ? '' : path.slice(0, i));
    parent?.children?.delete(path.slice(i + 1));
  }

  private set(path: string, node: FsNode): void {
    const parts = path.split('/');
    const leaf = parts.pop() as string;
    let dir = this.root;
    for (const part of parts) {
      let next = dir.children?.get(part);
      if (!next || next.kind !== 'd') {
        next = dirNode(node.layer);
        (dir.children ??= new Map()).set(part, next);
      }
      dir = next;
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
