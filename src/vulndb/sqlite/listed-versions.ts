import { ecosystemRangesCover } from '../../matching/affected.js';
import { ParseCache } from '../../matching/parse-cache.js';
import { schemeById } from '../../versioning/index.js';
import { schemeForNamespace } from '../ecosystems.js';
import type { AffectedPackage } from '../model.js';

/**
 * An entry as the DB stores it: its `versions` list without the versions its own ECOSYSTEM ranges
 * already cover (matching/affected.ts `ecosystemRangesCover`). OSV's `versions` and `ranges` are a
 * union, and PyPA lists every affected release next to the ranges they came from: stored whole, each
 * scan would decode and search hundreds of versions per entry to learn nothing the ranges had not
 * said (the lists were 57% of the sample's `affected` bytes). Versions outside every range — or in a
 * range whose events do not parse, or in a namespace without a scheme — are kept, so a match is the
 * same as against the whole list. `drydock explain` shows the stored list.
 */
export function withoutCoveredVersions(a: AffectedPackage): AffectedPackage {
  if (a.versions.length === 0 || !a.ranges.some((r) => r.type === 'ECOSYSTEM')) return a;
  const id = schemeForNamespace(a.namespace);
  if (id === undefined) return a;
  const ctx = { scheme: schemeById(id), semver: schemeById('semver'), cache: new ParseCache() };
  const kept = a.versions.filter((v) => !ecosystemRangesCover(a, v, ctx));
  return kept.length === a.versions.length ? a : { ...a, versions: kept };
}
