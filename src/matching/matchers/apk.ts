import type { Package } from '../../core/package.js';
import type { MatchContext, Matcher, Plan } from '../matcher.js';
import { distroNamespace } from '../os-namespace.js';

/**
 * Alpine (and Wolfi/Chainguard) packages. The secdb is keyed by origin (the APKBUILD that made the
 * package: `Package.source.name`); an origin and all its subpackages share one version, so the
 * package's own version is compared. Namespace `alpine:<major.minor>` (3.20.3 → 3.20).
 */
export const apkMatcher: Matcher = {
  id: 'apk',
  types: ['apk'],
  plan(pkg: Package, ctx: MatchContext): Plan {
    const ns = distroNamespace(ctx.os);
    if ('error' in ns) return { unknown: `apk packages not matched: ${ns.error}` };
    if (!/^(alpine|wolfi|chainguard):/.test(ns.namespace)) {
      return { unknown: `apk packages in a ${ctx.os?.family ?? 'unknown'} image are not matched (no Alpine/Wolfi release)` };
    }
    const origin = pkg.source?.name;
    if (origin === undefined || origin === '' || origin === pkg.name) {
      return { candidates: [{ namespace: ns.namespace, name: pkg.name, version: pkg.version, via: 'binary', scheme: 'apk' }] };
    }
    return { candidates: [{ namespace: ns.namespace, name: origin, version: pkg.version, via: 'source', scheme: 'apk' }] };
  },
};
