import type { LintRule } from '../rule.js';
import { RPM_CACHE_DIRS } from './support/cache-dirs.js';
import { checkCacheCleanup } from './support/cache-cleanup.js';
import { yumCommand, yumDownloads } from './support/rpm-tools.js';

const TOOLS: ReadonlySet<string> = new Set(['yum']);

/**
 * A RUN that downloads packages with yum and does not `yum clean all` (or `rm` the cache) afterwards,
 * unless the cache is a `cache`/`tmpfs` mount. Fix: append ` && yum clean all`.
 */
export const DL3032: LintRule = {
  code: 'DL3032',
  level: 'warning',
  message: '`yum clean all` missing after yum command.',
  description: 'yum caches left in a layer bloat the image; clean them in the same RUN or use a cache mount.',
  check: (ctx) =>
    checkCacheCleanup(ctx, {
      code: 'DL3032',
      tools: TOOLS,
      read: yumCommand,
      downloads: yumDownloads,
      cleans: (c) => c.action === 'clean' && c.operands.some((w) => w.value === 'all'),
      cacheDirs: RPM_CACHE_DIRS,
      cleanCommand: () => 'yum clean all',
    }),
};
