/**
 * Download/build caches of package managers that DL3009 (apt lists), DL3019 (apk) and DL3042 (pip)
 * do not cover: what command fills them, where they live (`~` = the user's home), the words that
 * identify the cache in a mount target or `rm` operand, and the commands that clean them.
 */
import type { Invocation } from '../../shell/invocations.js';
import { parseOptions } from '../../shell/options.js';
import { NPM_OPTIONS } from '../../shell/tool-options.js';

export interface PackageCache {
  readonly manager: string;
  /** Does this invocation fill the cache? */
  fills(inv: Invocation, positionals: readonly string[]): boolean;
  /** Does this invocation empty it (`npm cache clean`, `go clean -modcache`)? */
  cleans(inv: Invocation, positionals: readonly string[]): boolean;
  /** Standard locations, `~/` for the home directory; the first is suggested as the mount target. */
  readonly paths: readonly string[];
  /** A mount target or rm operand containing one of these is about this cache. */
  readonly markers: readonly string[];
  /** A second location worth naming in the message. */
  readonly note?: string;
}

const sub = (positionals: readonly string[], names: readonly string[]): boolean => names.includes(positionals[0] ?? '');
const never = (): boolean => false;

export const PACKAGE_CACHES: ReadonlyMap<string, PackageCache> = new Map<string, PackageCache>([
  ['npm', {
    manager: 'npm',
    fills: (_i, p) => sub(p, ['install', 'i', 'ci', 'add', 'update', 'clean-install', 'install-test', 'install-ci-test', 'it', 'cit']),
    cleans: (_i, p) => p[0] === 'cache' && (p[1] === 'clean' || p[1] === 'rm' || p[1] === 'clear'),
    paths: ['~/.npm'],
    markers: ['.npm', 'npm-cache', 'npm_cache'],
  }],
  ['yarn', {
    manager: 'Yarn',
    note: 'Yarn 2+ keeps it in ~/.yarn/berry/cache',
    fills: (_i, p) => p.length === 0 || sub(p, ['install', 'add']) || (p[0] === 'global' && p[1] === 'add'),
    cleans: (_i, p) => p[0] === 'cache' && p[1] === 'clean',
    paths: ['/usr/local/share/.cache/yarn', '~/.cache/yarn', '~/.yarn/berry/cache'],
    markers: ['yarn'],
  }],
  ['pnpm', {
    manager: 'pnpm',
    fills: (_i, p) => sub(p, ['install', 'i', 'add', 'fetch', 'update', 'up']),
    cleans: (_i, p) => p[0] === 'store' && p[1] === 'prune',
    paths: ['~/.local/share/pnpm/store', '~/.cache/pnpm'],
    markers: ['pnpm'],
  }],
  ['mvn', {
    manager: 'Maven',
    fills: (_i, p) => p.length > 0,
    cleans: never,
    paths: ['~/.m2/repository'],
    markers: ['.m2'],
  }],
  ['gradle', {
    manager: 'Gradle',
    fills: (_i, p) => p.length > 0,
    cleans: never,
    paths: ['~/.gradle/caches'],
    markers: ['gradle'],
  }],
  ['go', {
    manager: 'Go',
    note: 'modules: /go/pkg/mod',
    fills: (_i, p) => sub(p, ['build', 'install', 'test', 'get', 'generate', 'vet']) || (p[0] === 'mod' && p[1] === 'download'),
    cleans: (i) => i.args.some((a) => a.value === '-cache' || a.value === '-modcache'),
    paths: ['~/.cache/go-build', '/go/pkg/mod'],
    markers: ['go-build', 'pkg/mod'],
  }],
  ['cargo', {
    manager: 'Cargo',
    fills: (_i, p) => sub(p, ['build', 'install', 'fetch', 'update', 'test']),
    cleans: never,
    paths: ['/usr/local/cargo/registry', '~/.cargo/registry'],
    markers: ['cargo', 'registry'],
  }],
  ['composer', {
    manager: 'Composer',
    fills: (i, p) => sub(p, ['install', 'update', 'require', 'create-project', 'i', 'u']) && !i.args.some((a) => a.value === '--no-cache'),
    cleans: (_i, p) => sub(p, ['clear-cache', 'clearcache', 'cc']),
    paths: ['~/.cache/composer', '~/.composer/cache'],
    markers: ['composer'],
  }],
  ['gem', {
    manager: 'RubyGems',
    fills: (_i, p) => sub(p, ['install', 'update']),
    cleans: never,
    paths: ['/usr/local/bundle/cache', '~/.gem'],
    markers: ['bundle/cache', '.gem', 'gems/cache'],
  }],
  ['bundle', {
    manager: 'Bundler',
    fills: (_i, p) => p.length === 0 || sub(p, ['install', 'update']),
    cleans: never,
    paths: ['/usr/local/bundle/cache', '~/.bundle/cache'],
    markers: ['bundle/cache', '.bundle'],
  }],
]);

/** Aliases: the Maven and Gradle wrappers. */
const ALIASES: ReadonlyMap<string, string> = new Map([
  ['mvnw', 'mvn'],
  ['gradlew', 'gradle'],
]);

export function cacheOf(name: string): PackageCache | undefined {
  return PACKAGE_CACHES.get(ALIASES.get(name) ?? name);
}

/** The literal positional words of an invocation (options skipped; npm's spec is close enough for the others). */
export function positionalsOf(inv: Invocation): string[] {
  return parseOptions(inv.args, NPM_OPTIONS).positionals.map((w) => w.value ?? '');
}

const TRAILING_GLOB = /\/\*{0,2}$/;
const HOME_PREFIX = /^(?:~|\$HOME|\$\{HOME\})(?=\/|$)/;

/** Is a mount target or rm operand about this cache (a marker in it, or a parent directory of a standard location)? */
export function coversCache(pathText: string, cache: PackageCache, home: string): boolean {
  let t = pathText.replace(HOME_PREFIX, home);
  while (t.length > 1 && TRAILING_GLOB.test(t)) t = t.replace(TRAILING_GLOB, '');
  if (t.length <= 1) return false;
  if (cache.markers.some((m) => t.includes(m))) return true;
  return cache.paths.some((p) => {
    const abs = p.startsWith('~/') ? home + p.slice(1) : p;
    return abs === t || abs.startsWith(`${t}/`);
  });
}

/** A standard location with `~` replaced by the home directory. */
export function locationIn(cache: PackageCache, home: string): string {
  const p = cache.paths[0] as string;
  return p.startsWith('~/') ? home + p.slice(1) : p;
}
