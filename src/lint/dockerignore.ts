/**
 * `.dockerignore` with BuildKit's exact semantics: the file is read like moby's `ignorefile.ReadAll`,
 * patterns compile like moby/patternmatcher, and a path is decided the way BuildKit's context walker
 * (tonistiigi/fsutil `filterFS.Walk`) decides it while it sends the build context:
 *  - each path is matched with `MatchesUsingParentResults`, i.e. per pattern "did it match this path,
 *    or (as recorded while walking) one of its parent directories"; patterns apply in order, so later
 *    lines win — with BuildKit's quirk that a pattern skipped for a parent directory (it could not
 *    change the result there) is not remembered as matching it (`a`, `!a/c`, `a` keeps `a/c`);
 *  - an excluded directory is not descended into when the exceptions (`!…`) are all plain prefixes
 *    (no `*?[]^\` once a trailing `/*` or `/**` is removed) and none of them lies below it; then
 *    everything under it is excluded whatever later patterns say. With a wildcard exception, every
 *    path is decided on its own.
 * An excluded directory that holds re-included entries is still created (as their parent).
 * Paths are slash-separated and relative to the context root.
 */
import { AppError } from '../core/errors.js';
import { globSyntaxError } from './dockerignore/glob-syntax.js';
import { compilePattern, type CompiledPattern } from './dockerignore/pattern.js';
import { goClean, PatternError, readPatterns } from './dockerignore/read.js';

export interface DockerignorePattern {
  /** The pattern after reading and cleaning, without the `!` of an exception: `node_modules`, `keys/id_rsa`. */
  readonly pattern: string;
  /** True for `!pattern` lines (re-include). */
  readonly exclusion: boolean;
  /** 1-based line in the file. */
  readonly line: number;
}

export interface Dockerignore {
  /** The file name given to parseDockerignore (for messages). */
  readonly name: string;
  readonly patterns: readonly DockerignorePattern[];
  /**
   * True when BuildKit leaves `relPath` out of the build context. `isDir` is accepted for callers'
   * clarity; dockerignore patterns do not distinguish files from directories (a trailing `/` is
   * cleaned away), and an excluded directory may still be created to hold re-included entries.
   */
  excludes(relPath: string, isDir?: boolean): boolean;
}

interface Compiled extends DockerignorePattern {
  readonly matcher: CompiledPattern;
}

/** Parse `.dockerignore` text. Throws AppError('INPUT') naming the file and line of a pattern BuildKit rejects. */
export function parseDockerignore(text: string, name: string): Dockerignore {
  let compiled: Compiled[];
  try {
    compiled = readPatterns(text).map((p) => {
      const syntax = globSyntaxError(p.pattern);
      if (syntax !== undefined) throw new PatternError(p.line, p.pattern, syntax);
      try {
        return { ...p, matcher: compilePattern(p.pattern) };
      } catch (err) {
        throw new PatternError(p.line, p.pattern, err instanceof Error ? err.message : String(err));
      }
    });
  } catch (err) {
    if (!(err instanceof PatternError)) throw err;
    throw new AppError('INPUT', `${name}:${err.line}: invalid pattern "${err.pattern}": ${err.message}`, { cause: err });
  }
  return new Matcher(name, compiled);
}

const PATTERN_CHARS = /[*[\]?^\\]/;

class Matcher implements Dockerignore {
  readonly patterns: readonly DockerignorePattern[];
  private readonly hasExceptions: boolean;
  /** fsutil's onlyPrefixExcludeExceptions: may an excluded directory be skipped whole? */
  private readonly prunable: boolean;
  /** Exception patterns without a trailing `/*` or `/**`, plus `/`, for the prune test. */
  private readonly exceptionPrefixes: readonly string[];

  constructor(
    readonly name: string,
    private readonly compiled: readonly Compiled[],
  ) {
    this.patterns = compiled.map(({ pattern, exclusion, line }) => ({ pattern, exclusion, line }));
    const exceptions = compiled.filter((p) => p.exclusion).map((p) => withoutTrailingGlob(p.pattern));
    this.hasExceptions = exceptions.length > 0;
    this.prunable = !exceptions.some((p) => PATTERN_CHARS.test(p));
    this.exceptionPrefixes = exceptions.map((p) => `${p}/`);
  }

  excludes(relPath: string, _isDir?: boolean): boolean {
    const path = goClean(relPath.replace(/^\/+/, ''));
    if (path === '.' || path === '..' || path.startsWith('../')) return false;
    const parts = path.split('/');
    let parentInfo: boolean[] | undefined;
    let current = '';
    for (let depth = 0; depth < parts.length; depth++) {
      current = depth === 0 ? (parts[0] as string) : `${current}/${parts[depth] as string}`;
      const { matched, info } = this.matchOne(current, parentInfo);
      if (depth === parts.length - 1) return matched;
      if (matched && this.skipsDirectory(current)) return true;
      parentInfo = info;
    }
    return false;
  }

  /** patternmatcher's MatchesUsingParentResults. */
  private matchOne(path: string, parent: readonly boolean[] | undefined): { matched: boolean; info: boolean[] } {
    let matched = false;
    const info = this.compiled.map(() => false);
    this.compiled.forEach((p, i) => {
      let match = parent?.[i] ?? false;
      if (!match) {
        if (p.exclusion !== matched) return;
        match = p.matcher.test(path);
        if (!match && parent === undefined) match = ancestors(path).some((a) => p.matcher.test(a));
      }
      info[i] = match;
      if (match) matched = !p.exclusion;
    });
    return { matched, info };
  }

  /** fsutil: an excluded directory is skipped when no exception could re-include anything below it. */
  private skipsDirectory(dir: string): boolean {
    if (!this.prunable) return false;
    if (!this.hasExceptions) return true;
    const dirSlash = `${dir}/`;
    return !this.exceptionPrefixes.some((p) => p.startsWith(dirSlash));
  }
}

function withoutTrailingGlob(pattern: string): string {
  let p = pattern;
  if (p.endsWith('/**')) p = p.slice(0, -3);
  if (p.endsWith('/*')) p = p.slice(0, -2);
  return p;
}

/** `a`, `a/b` for `a/b/c` (the parent directories, outermost first). */
function ancestors(path: string): string[] {
  const parts = path.split('/');
  const out: string[] = [];
  for (let i = 1; i < parts.length; i++) out.push(parts.slice(0, i).join('/'));
  return out;
}

/**
 * Sample paths of key material and credentials a `COPY . .` should never send. A `.dockerignore` that
 * leaves any of these in the context is what the DD rule reports.
 */
export const SENSITIVE_SAMPLE_PATHS = [
  '.git/config',
  '.env',
  '.env.production',
  '.env.local',
  'server.pem',
  'server.key',
  'keys/id_rsa',
  '.ssh/id_ed25519',
  'credentials.json',
  '.aws/credentials',
  '.docker/config.json',
  '.npmrc',
  '.pypirc',
  '.netrc',
  'keystore.p12',
  'terraform.tfstate',
] as const;

/** The sample paths the ignore file does NOT exclude (all of them when there is no .dockerignore). */
export function sensitiveLeaks(ignore: Dockerignore | undefined, paths: readonly string[] = SENSITIVE_SAMPLE_PATHS): string[] {
  if (ignore === undefined) return [...paths];
  return paths.filter((p) => !ignore.excludes(p, false));
}
