import { join } from 'node:path';

/**
 * Where the advisory DB lives by default: `<cache dir>/db/drydock.db` (the cache dir is
 * `--cache-dir`, `$DRYDOCK_CACHE_DIR` or `~/.cache/drydock`; the CLI resolves it). Downloaded feed
 * documents live next to it under `<cache dir>/feeds/<feed>/`.
 */
export function defaultDbPath(cacheDir: string): string {
  return join(cacheDir, 'db', 'drydock.db');
}
