/**
 * What the fs-facts analyzer looks for in the final filesystem, as data: programs by name in the
 * standard bin directories, package-manager cache locations, and leftovers that rarely belong in an
 * image. Paths are image-relative (`var/lib/apt/lists/...`).
 */
import type { CacheKind, ProgramKind } from '../../core/fs-facts.js';

export const BIN_DIRS: ReadonlySet<string> = new Set(['bin', 'sbin', 'usr/bin', 'usr/sbin', 'usr/local/bin', 'usr/local/sbin']);

const PROGRAM_KINDS: ReadonlyMap<string, ProgramKind> = new Map<string, ProgramKind>([
  ...['sh', 'bash', 'ash', 'dash', 'zsh', 'busybox'].map((n): [string, ProgramKind] => [n, 'shell']),
  ...['apt', 'apt-get', 'dpkg', 'apk', 'rpm', 'yum', 'dnf', 'microdnf', 'pip', 'npm'].map((n): [string, ProgramKind] => [n, 'package-manager']),
  ...['sudo', 'su', 'doas'].map((n): [string, ProgramKind] => [n, 'privilege']),
]);

/** `pip3`, `pip3.12` are pip too. */
const PIP_VERSIONED = /^pip\d+(?:\.\d+)?$/;

/** The kind of program a file name in a bin directory is, if it is one drydock looks for. */
export function programKind(name: string): ProgramKind | undefined {
  return PROGRAM_KINDS.get(name) ?? (name.startsWith('pip') && PIP_VERSIONED.test(name) ? 'package-manager' : undefined);
}

export interface CacheHit {
  kind: CacheKind;
  /** The cache directory (image-relative). */
  dir: string;
}

/** Home directories whose caches count: /root and /home/<user>. */
function homeCache(path: string, sub: string, kind: CacheKind): CacheHit | undefined {
  if (path.startsWith(`root/${sub}/`)) return { kind, dir: `root/${sub}` };
  if (!path.startsWith('home/')) return undefined;
  const slash = path.indexOf('/', 5);
  if (slash < 0) return undefined;
  const dir = `${path.slice(0, slash)}/${sub}`;
  return path.startsWith(`${dir}/`) ? { kind, dir } : undefined;
}

/** Is this regular file part of a package-manager cache? */
export function cacheOf(path: string): CacheHit | undefined {
  if (path.startsWith('var/lib/apt/lists/')) {
    const rest = path.slice('var/lib/apt/lists/'.length);
    // `lock` and `partial/` are apt's own bookkeeping, present even after a clean-up
    return rest === 'lock' || rest.startsWith('partial/') ? undefined : { kind: 'apt-lists', dir: 'var/lib/apt/lists' };
  }
  if (path.startsWith('var/cache/apt/')) {
    const rest = path.slice('var/cache/apt/'.length);
    if (!rest.includes('/') && rest.endsWith('.bin')) return { kind: 'apt-pkgcache', dir: 'var/cache/apt' };
    const deb = rest.startsWith('archives/') ? rest.slice('archives/'.length) : '';
    if (deb.endsWith('.deb') && !deb.includes('/')) return { kind: 'apt-archives', dir: 'var/cache/apt/archives' };
    return undefined;
  }
  if (path.startsWith('var/cache/apk/')) return { kind: 'apk', dir: 'var/cache/apk' };
  if (path.startsWith('var/cache/yum/')) return { kind: 'yum', dir: 'var/cache/yum' };
  if (path.startsWith('var/cache/dnf/')) return { kind: 'dnf', dir: 'var/cache/dnf' };
  return homeCache(path, '.cache/pip', 'pip') ?? homeCache(path, '.npm', 'npm');
}

/** Leftover files (by name) and directories (by name, when not empty) — Dockle's DKL-LI-0003 lists. */
export const UNNECESSARY_FILES: ReadonlySet<string> = new Set(['Dockerfile', 'docker-compose.yml', '.vimrc', '.DS_Store']);
export const UNNECESSARY_DIRS: ReadonlySet<string> = new Set(['.cache', '.aws', '.azure', '.gcp', '.git', '.vscode', '.idea', '.npm']);

/** Dependency trees the image author does not control (npm, Composer/Go vendoring): not reported. */
export function inDependencyTree(path: string): boolean {
  return /(^|\/)(node_modules|vendor)\//.test(path);
}
