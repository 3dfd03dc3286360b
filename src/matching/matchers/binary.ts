import type { Package } from '../../core/package.js';
import type { SchemeId } from '../../versioning/scheme.js';
import type { Namespace } from '../../vulndb/model.js';
import type { Matcher, Plan } from '../matcher.js';

/**
 * Programs found by binary fingerprints (`pkg:generic/<product>@<version>`), installed without a
 * package manager. Only products some feed covers by version are matched:
 *   - `node`: Node.js core advisories (nodejs security-wg `vuln/core`), namespace `nodejs`;
 *   - `go`: the go command itself, Go vulndb's `toolchain` package (cmd/go advisories). The standard
 *     library compiled into Go programs is the separate `stdlib` package (go matcher).
 * Everything else (openssl, curl, nginx, ...) is only described by NVD CPE configurations, which
 * drydock does not match: guessing from CPEs is the classic source of false positives.
 */
const COVERED: Readonly<Record<string, { namespace: Namespace; name: string; scheme: SchemeId }>> = {
  node: { namespace: 'nodejs', name: 'node', scheme: 'npm' },
  go: { namespace: 'go', name: 'toolchain', scheme: 'go' },
};

export const binaryMatcher: Matcher = {
  id: 'binary',
  types: ['generic'],
  plan(pkg: Package): Plan {
    const covered = Object.hasOwn(COVERED, pkg.name) ? COVERED[pkg.name] : undefined;
    if (!covered || pkg.foundIn !== 'binary') return { skip: `no advisory feed covers ${pkg.name} by version (only NVD CPEs): not matched` };
    return { candidates: [{ ...covered, version: pkg.version, via: 'binary' }] };
  },
};
