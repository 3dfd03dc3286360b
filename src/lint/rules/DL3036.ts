import type { LintRule } from '../rule.js';
import { ZYPPER_CACHE_DIRS } from './support/cache-dirs.js';
import { checkCacheCleanup } from './support/cache-cleanup.js';
import { zypperCommand } from './support/rpm-tools.js';

const TOOLS: ReadonlySet<string> = new Set(['zypper']);
const DOWNLOADING: ReadonlySet<string> = new Set(['install', 'update', 'patch', 'dist-upgrade', 'source-install', 'install-new-recommends']);

/**
 * A RUN that downloads packages with zypper and does not `zypper clean` (or `rm` /var/cache/zypp)
 * afterwards, unless the cache is a `cache`/`tmpfs` mount. Fix: append ` && zypper clean --all`.
 */
export const DL3036: LintRule = {
  code: 'DL3036',
  level: 'warning',
  message: '`zypper clean` missing after zypper use.',
  description: 'zypper caches left in a layer bloat the image; clean them in the same RUN or use a cache mount.',
  check: (ctx) =>
    checkCacheCleanup(ctx, {
      code: 'DL3036',
      tools: TOOLS,
      read: zypperCommand,
      downloads: (c) => c.action !== undefined && DOWNLOADING.has(c.action),
      cleans: (c) => c.action === 'clean',
      cacheDirs: ZYPPER_CACHE_DIRS,
      cleanCommand: () => 'zypper clean --all',
    }),
};
