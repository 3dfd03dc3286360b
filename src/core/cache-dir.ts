import { join } from 'node:path';

/**
 * drydock's cache directory when no `--cache-dir` is given: `$DRYDOCK_CACHE_DIR`, else
 * `$XDG_CACHE_HOME/drydock`, else `~/.cache/drydock`. Everything drydock writes outside the target
 * (layer memos, feed downloads, scratch files, compiled code) goes there.
 */
export function defaultCacheDir(env: Readonly<Record<string, string | undefined>>): string {
  if (env['DRYDOCK_CACHE_DIR']) return env['DRYDOCK_CACHE_DIR'];
  const base = env['XDG_CACHE_HOME'] || join(env['HOME'] || '/tmp', '.cache');
  return join(base, 'drydock');
}
