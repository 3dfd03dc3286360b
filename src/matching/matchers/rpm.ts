import type { Package } from '../../core/package.js';
import type { Candidate, MatchContext, Matcher, Plan } from '../matcher.js';
import { distroNamespace } from '../os-namespace.js';

const RPM_PREFIXES = /^(rhel|centos|rocky|alma|oracle|fedora|amazon|sles|opensuse|photon|azurelinux|cbl-mariner):/;

/**
 * RPM packages (RHEL and its rebuilds, Fedora, Amazon, SUSE, Photon, Azure Linux). Vendor data (Red
 * Hat CSAF/VEX, Amazon ALAS, SUSE OVAL) names binary packages, so the binary name with its full
 * `epoch:version-release` comes first; OSV distro exports (AlmaLinux, Rocky) name the source RPM,
 * which is the fallback when the binary name has no record.
 */
export const rpmMatcher: Matcher = {
  id: 'rpm',
  types: ['rpm'],
  plan(pkg: Package, ctx: MatchContext): Plan {
    const ns = distroNamespace(ctx.os);
    if ('error' in ns) return { unknown: `rpm packages not matched: ${ns.error}` };
    if (!RPM_PREFIXES.test(ns.namespace)) {
      return { unknown: `rpm packages in a ${ctx.os?.family ?? 'unknown'} image are not matched (no RPM-based release)` };
    }
    const binary: Candidate = { namespace: ns.namespace, name: pkg.name, version: pkg.version, via: 'binary', scheme: 'rpm' };
    const src = pkg.source;
    if (!src || src.name === '' || src.name === pkg.name) return { candidates: [binary] };
    return { candidates: [binary, { namespace: ns.namespace, name: src.name, version: src.version === '' ? pkg.version : src.version, via: 'source', scheme: 'rpm' }] };
  },
};
