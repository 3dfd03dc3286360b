/**
 * One pass over the final filesystem (the merged layer listings, whiteouts applied) collecting what
 * the image configuration checks need: setuid/setgid files, world-writable directories without the
 * sticky bit, shells / package managers / privilege tools, package-manager caches and leftovers.
 */
import { FS_FACTS_LIST_LIMIT, type FsCache, type FsEntryFact, type FsFacts, type FsProgram } from '../../core/fs-facts.js';
import type { FsEntry, MergeView } from '../analyzer.js';
import { BIN_DIRS, cacheOf, inDependencyTree, programKind, UNNECESSARY_DIRS, UNNECESSARY_FILES } from './rules.js';

const SETID = 0o6000;
const OTHER_WRITE = 0o002;
const STICKY = 0o1000;
/** First characters of the cache locations: var/…, root/…, home/…. */
const V = 'v'.charCodeAt(0);
const R = 'r'.charCodeAt(0);
const H = 'h'.charCodeAt(0);

function fact(e: FsEntry): FsEntryFact {
  const f: FsEntryFact = { path: `/${e.path}`, mode: e.mode & 0o7777, layer: e.layer };
  if (e.uid !== undefined) f.uid = e.uid;
  if (e.gid !== undefined) f.gid = e.gid;
  return f;
}

const isFile = (e: FsEntry): boolean => e.kind === 'f' || e.kind === 'h';

interface CacheAcc {
  cache: FsCache;
  layers: Set<number>;
}

class Collector {
  readonly setuid: FsEntryFact[] = [];
  readonly worldWritable: FsEntryFact[] = [];
  readonly programs: FsProgram[] = [];
  readonly caches = new Map<string, CacheAcc>();
  readonly unnecessary: FsEntryFact[] = [];
  /** Candidate leftover directories: reported once a child shows they are not empty. */
  private readonly leftoverDirs = new Map<string, FsEntry>();
  private readonly reportedDirs = new Set<string>();

  constructor(private readonly view: MergeView) {}

  /** Called for every entry of the image (tens of thousands): cheap tests first, strings cut only when needed. */
  add(e: FsEntry): void {
    const slash = e.path.lastIndexOf('/');
    const name = e.path.slice(slash + 1);
    const dirOf = (): string => (slash < 0 ? '' : e.path.slice(0, slash));
    if (this.leftoverDirs.size > 0) this.childOf(dirOf());
    if (e.kind === 'd') {
      if ((e.mode & OTHER_WRITE) !== 0 && (e.mode & STICKY) === 0) this.worldWritable.push(fact(e));
      if (UNNECESSARY_DIRS.has(name) && !inDependencyTree(e.path)) this.leftoverDirs.set(e.path, e);
      return;
    }
    if (isFile(e)) {
      if ((e.mode & SETID) !== 0) this.setuid.push(fact(e));
      const first = e.path.charCodeAt(0);
      if (first === V || first === R || first === H) {
        const hit = cacheOf(e.path);
        if (hit) this.cache(hit.kind, hit.dir, e);
      }
      if (UNNECESSARY_FILES.has(name) && !inDependencyTree(e.path) && !this.underReported(dirOf())) this.unnecessary.push(fact(e));
    }
    const kind = programKind(name);
    if (kind !== undefined && BIN_DIRS.has(dirOf())) this.program(e, name, kind);
  }

  private childOf(dir: string): void {
    const parent = this.leftoverDirs.get(dir);
    if (!parent) return;
    this.leftoverDirs.delete(dir);
    if (this.underReported(dir)) return;
    this.reportedDirs.add(dir);
    this.unnecessary.push(fact(parent));
  }

  /** Inside a leftover directory already reported (its contents are not listed one by one). */
  private underReported(dir: string): boolean {
    for (let d = dir; d !== ''; d = d.slice(0, Math.max(0, d.lastIndexOf('/')))) if (this.reportedDirs.has(d)) return true;
    return false;
  }

  private program(e: FsEntry, name: string, kind: FsProgram['kind']): void {
    const target = e.kind === 'l' ? this.view.stat(e.path) : e;
    if (!target || !isFile(target)) return;
    this.programs.push({ name, kind, path: `/${e.path}`, layer: e.layer });
  }

  private cache(kind: FsCache['kind'], dir: string, e: FsEntry): void {
    const key = `${kind}\u0000${dir}`;
    let acc = this.caches.get(key);
    if (!acc) {
      acc = { cache: { kind, path: `/${dir}`, files: 0, bytes: 0, layers: [] }, layers: new Set() };
      this.caches.set(key, acc);
    }
    acc.cache.files++;
    acc.cache.bytes += e.size;
    acc.layers.add(e.layer);
  }
}

const byPath = (a: { path: string }, b: { path: string }): number => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0);

/** Sort and cap a list; records the full length in `truncated` when it had to be cut. */
function capped<T extends { path: string }>(name: string, list: T[], truncated: Record<string, number>): T[] {
  list.sort(byPath);
  if (list.length <= FS_FACTS_LIST_LIMIT) return list;
  truncated[name] = list.length;
  return list.slice(0, FS_FACTS_LIST_LIMIT);
}

/** Everything but the account facts (those come from file contents: see the fs-facts analyzer). */
export function collectFsFacts(view: MergeView): Omit<FsFacts, 'accounts'> {
  const c = new Collector(view);
  for (const e of view.entries()) c.add(e);
  const truncated: Record<string, number> = {};
  const caches = [...c.caches.values()].map((a) => ({ ...a.cache, layers: [...a.layers].sort((x, y) => x - y) }));
  const facts: Omit<FsFacts, 'accounts'> = {
    setuidFiles: capped('setuidFiles', c.setuid, truncated),
    worldWritableDirs: capped('worldWritableDirs', c.worldWritable, truncated),
    programs: capped('programs', c.programs, truncated),
    caches: caches.sort(byPath),
    unnecessary: capped('unnecessary', c.unnecessary, truncated),
  };
  if (Object.keys(truncated).length > 0) facts.truncated = truncated;
  return facts;
}
