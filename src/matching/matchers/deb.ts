import type { Package } from '../../core/package.js';
import type { Candidate, MatchContext, Matcher, Plan } from '../matcher.js';
import { distroNamespace } from '../os-namespace.js';

/**
 * Debian and Ubuntu packages (also distroless images: the same Debian namespace). The Debian security
 * tracker and Ubuntu's CVE tracker are keyed by SOURCE package, and their fixed versions are source
 * versions: a binNMU binary `1.2-3+b1` is built from source `1.2-3`, so the source version is what is
 * compared when the source package is matched. The binary name (with the binary version) is the
 * fallback when there is no source or the source has no record at all.
 */
export const debMatcher: Matcher = {
  id: 'deb',
  types: ['deb'],
  plan(pkg: Package, ctx: MatchContext): Plan {
    const ns = distroNamespace(ctx.os);
    if ('error' in ns) return { unknown: `deb packages not matched: ${ns.error}` };
    if (!ns.namespace.startsWith('debian:') && !ns.namespace.startsWith('ubuntu:')) {
      return { unknown: `deb packages in a ${ctx.os?.family ?? 'unknown'} image are not matched (no Debian/Ubuntu release)` };
    }
    const binary: Candidate = { namespace: ns.namespace, name: pkg.name, version: pkg.version, via: 'binary', scheme: 'deb' };
    const src = pkg.source;
    if (!src || src.name === '') return { candidates: [binary] };
    const source: Candidate = { namespace: ns.namespace, name: src.name, version: src.version === '' ? pkg.version : src.version, via: 'source', scheme: 'deb' };
    return { candidates: src.name === pkg.name ? [source] : [source, binary] };
  },
};
