import type { FsCache } from '../../core/fs-facts.js';
import { findingOf, type ConfigCheck } from './model.js';

/** Below this, what is left is bookkeeping (an empty index, a lock), not a cache worth a finding. */
const MIN_BYTES = 1024;

const CLEAN_UP: Record<FsCache['kind'], string> = {
  'apt-lists': 'rm -rf /var/lib/apt/lists/* in the RUN that ran apt-get update',
  'apt-pkgcache': 'apt-get clean in the RUN that ran apt-get',
  'apt-archives': 'apt-get clean in the RUN that ran apt-get install',
  apk: 'apk add --no-cache',
  pip: 'pip install --no-cache-dir',
  npm: 'npm cache clean --force in the same RUN, or a BuildKit cache mount',
  yum: 'yum clean all in the same RUN',
  dnf: 'dnf clean all in the same RUN',
};

function size(bytes: number): string {
  if (bytes >= 1 << 20) return `${(bytes / (1 << 20)).toFixed(1)} MiB`;
  return bytes >= 1 << 10 ? `${(bytes / (1 << 10)).toFixed(1)} KiB` : `${bytes} bytes`;
}

/** Package-manager caches left in the final image, one finding per cache, attributed to the layer that wrote most of it. */
export const ddImg0003: ConfigCheck = {
  id: 'DD-IMG-0003',
  title: 'Package manager caches left in the image',
  severity: 'low',
  run(ctx) {
    const caches = (ctx.inventory.fsFacts?.caches ?? []).filter((c) => c.bytes >= MIN_BYTES);
    return caches.map((c) => {
      const layer = c.layers.length === 1 ? c.layers[0] : undefined;
      const details = [`${c.path}: ${c.files} ${c.files === 1 ? 'file' : 'files'}, ${size(c.bytes)}`, `clean up with: ${CLEAN_UP[c.kind]}`];
      if (c.layers.length > 1) details.push(`written by layers ${c.layers.join(', ')}`);
      return findingOf(ddImg0003, details, layer === undefined ? undefined : ctx.layerRef(layer));
    });
  },
};
