import type { LintRule } from '../rule.js';
import { RPM_CACHE_DIRS } from './support/cache-dirs.js';
import { checkCacheCleanup } from './support/cache-cleanup.js';
import { yumCommand, yumDownloads } from './support/rpm-tools.js';

const TOOLS: ReadonlySet<string> = new Set(['dnf', 'microdnf']);

/**
 * A RUN that downloads packages with dnf or microdnf and does not clean that tool's cache afterwards
 * (`dnf clean all`, `microdnf clean all`, or `rm` of the cache), unless the cache is a `cache`/`tmpfs`
 * mount. Fix: append ` && dnf clean all` (or microdnf).
 */
export const DL3040: LintRule = {
  code: 'DL3040',
  level: 'warning',
  message: '`dnf clean all` missing after dnf command.',
  description: 'dnf caches left in a layer bloat the image; clean them in the same RUN or use a cache mount.',
  check: (ctx) =>
    checkCacheCleanup(ctx, {
      code: 'DL3040',
      tools: TOOLS,
      read: yumCommand,
      downloads: yumDownloads,
      cleans: (c) => c.action === 'clean' && c.operands.some((w) => w.value === 'all'),
      cacheDirs: RPM_CACHE_DIRS,
      cleanCommand: (tool) => `${tool} clean all`,
    }),
};
