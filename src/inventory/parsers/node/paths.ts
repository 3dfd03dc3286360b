/**
 * Which files of an image the JavaScript analyzer reads, by path alone (paths are image-relative):
 *
 * - a package's own manifest in a node_modules tree: `…/node_modules/<name>/package.json`, with
 *   `<name>` one directory or `@scope/name`, possibly nested (`node_modules/a/node_modules/b`) or in
 *   a virtual store: pnpm's and bun's (`node_modules/.pnpm/a@1.0.0/node_modules/a`), npm's
 *   `--install-strategy=linked` (`node_modules/.store/a@1.0.0-<hash>/node_modules/a`) and yarn
 *   berry's `nodeLinker: pnpm` (`node_modules/.store/a-npm-1.0.0-<hash>/package`, where only the
 *   manifest names the package). Other package.json files inside packages (`dist/esm/package.json`
 *   markers, test fixtures) are not manifests;
 * - Debian's node modules: `usr/share/nodejs/<name>/package.json`, `usr/lib/nodejs/…`,
 *   `usr/lib/<triplet>/nodejs/…`;
 * - every other package.json (app roots and workspace packages are found among them);
 * - lock files outside node_modules (a package's own lock file inside node_modules is not the app's).
 */

export type LockFormat = 'npm' | 'yarn' | 'pnpm' | 'bun' | 'bun-binary';

export const LOCK_FILES: ReadonlyMap<string, LockFormat> = new Map([
  ['package-lock.json', 'npm'],
  ['npm-shrinkwrap.json', 'npm'],
  ['yarn.lock', 'yarn'],
  ['pnpm-lock.yaml', 'pnpm'],
  ['bun.lock', 'bun'],
  ['bun.lockb', 'bun-binary'],
]);

const MANIFEST = 'package.json';
const NM = 'node_modules/';
const VIRTUAL_STORES = new Set(['.pnpm', '.bun', '.store']);
/** yarn berry's pnpm linker: `.store/<entry>/package/package.json`. */
const YARN_STORE = '.store/';
const YARN_STORE_TAIL = '/package/package.json';

/** The cheap test run on every file: no regular expressions, one small allocation at most. */
export function isJavaScriptFile(path: string): boolean {
  if (path.endsWith(MANIFEST)) {
    const slash = path.length - MANIFEST.length - 1;
    if (slash >= 0 && path.charCodeAt(slash) !== 0x2f) return false;
    const nm = path.lastIndexOf(NM);
    if (nm < 0) return true;
    if (!(nm === 0 || path.charCodeAt(nm - 1) === 0x2f)) return false;
    return isNameTail(path, nm + NM.length, slash) || isYarnStoreTail(path, nm + NM.length);
  }
  if (!(path.endsWith('.json') || path.endsWith('.lock') || path.endsWith('.yaml') || path.endsWith('.lockb'))) return false;
  return LOCK_FILES.has(baseName(path)) && !path.includes(NM);
}

/** path[from…] is `.store/<entry>/package/package.json`. */
function isYarnStoreTail(path: string, from: number): boolean {
  if (!path.startsWith(YARN_STORE, from) || !path.endsWith(YARN_STORE_TAIL)) return false;
  const entry = from + YARN_STORE.length;
  const end = path.length - YARN_STORE_TAIL.length;
  return end > entry && path.indexOf('/', entry) === end;
}

/** path[from, to) is `name` or `@scope/name`. */
function isNameTail(path: string, from: number, to: number): boolean {
  if (to <= from || path.charCodeAt(from) === 0x2e) return false;
  const slash = path.indexOf('/', from);
  if (slash < 0 || slash >= to) return path.charCodeAt(from) !== 0x40;
  // `@scope/name`: exactly one more slash before `to` (there is always one at `to`)
  return path.charCodeAt(from) === 0x40 && slash > from + 1 && slash + 1 < to && path.indexOf('/', slash + 1) === to;
}

export function baseName(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

export type ManifestPlace =
  /** An installed package; `root` is the directory holding the outermost node_modules (Debian's: none). */
  | { kind: 'installed'; root: string | undefined }
  /** Any other package.json: maybe an app, a workspace package, or nothing of interest. */
  | { kind: 'manifest' };

/** Where a package.json sits; undefined when it is not a package's manifest at all. */
export function manifestPlace(path: string): ManifestPlace | undefined {
  const parts = path.split('/');
  if (parts[parts.length - 1] !== MANIFEST) return undefined;
  const first = parts.indexOf('node_modules');
  if (first >= 0) return validChain(parts, first) ? { kind: 'installed', root: parts.slice(0, first).join('/') } : undefined;
  const modules = debianModulesDir(parts);
  if (modules < 0) return { kind: 'manifest' };
  return nameAt(parts, modules) === parts.length - 1 ? { kind: 'installed', root: undefined } : undefined;
}

/** node_modules / name / [node_modules / name]… / package.json, with virtual-store hops. */
function validChain(parts: string[], first: number): boolean {
  let i = first;
  const last = parts.length - 1;
  while (i < last) {
    if (parts[i] !== 'node_modules') return false;
    i++;
    if (VIRTUAL_STORES.has(parts[i] ?? '')) {
      if (parts[i] === '.store' && parts[i + 2] === 'package' && i + 3 === last && (parts[i + 1] ?? '') !== '') return true; // yarn's pnpm linker
      i += 2; // .pnpm/<name@version…>/node_modules
      if (i >= last) return false;
      continue;
    }
    i = nameAt(parts, i);
    if (i < 0) return false;
  }
  return i === last;
}

/** Index after a package name starting at parts[i] (one part, or two for `@scope/name`), or -1. */
function nameAt(parts: string[], i: number): number {
  const p = parts[i];
  if (p === undefined || p === '' || p.startsWith('.') || p === MANIFEST) return -1;
  if (!p.startsWith('@')) return i + 1;
  const q = parts[i + 1];
  return p.length > 1 && q !== undefined && q !== '' && q !== MANIFEST && !q.startsWith('.') ? i + 2 : -1;
}

/** Index of the first name part under Debian's module directories, or -1. */
function debianModulesDir(parts: string[]): number {
  if (parts[0] !== 'usr') return -1;
  if ((parts[1] === 'share' || parts[1] === 'lib') && parts[2] === 'nodejs') return 3;
  if (parts[1] === 'lib' && parts[3] === 'nodejs') return 4;
  return -1;
}
