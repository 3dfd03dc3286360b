import type { Package, PackageType } from '../../core/package.js';
import { normalizePackageName, schemeForNamespace } from '../../vulndb/ecosystems.js';
import type { Namespace } from '../../vulndb/model.js';
import type { Matcher, Plan } from '../matcher.js';

/**
 * The shape every language-ecosystem matcher shares: the package's own name (normalised for the
 * namespace) and its own version. Packages found only in a lock file or manifest are matched too (the
 * finding says where the package was found). A package whose purl is not of its ecosystem's type
 * (a Cargo path/git dependency is `pkg:generic/...`) is not from the registry the advisories are
 * about, so it is not matched: a local crate named like a crates.io one is a different crate.
 */
export function languageMatcher(id: string, type: PackageType, namespace: Namespace): Matcher {
  const prefix = `pkg:${type}/`;
  const scheme = schemeForNamespace(namespace);
  const plan = (pkg: Package): Plan => {
    if (pkg.purl !== '' && !pkg.purl.startsWith(prefix)) {
      return { skip: `not a ${namespace} registry package (purl ${pkg.purl.split('@')[0] ?? pkg.purl}): not matched` };
    }
    return { candidates: [{ namespace, name: normalizePackageName(namespace, pkg.name), version: pkg.version, via: 'binary', scheme }] };
  };
  return { id, types: [type], plan };
}
