import type { OsInfo } from '../core/inventory.js';
import type { Package, PackageType } from '../core/package.js';
import type { Namespace } from '../vulndb/model.js';
import type { SchemeId } from '../versioning/scheme.js';

/**
 * One identity under which a package is looked up in the advisory DB. A matcher gives one or more, in
 * order of preference: the first whose lookup finds any entry is the one evaluated (Debian: the source
 * package, else the binary one). All candidates of all packages go to the store in one batch.
 */
export interface Candidate {
  namespace: Namespace;
  /** Normalised for the namespace (`normalizePackageName`). */
  name: string;
  /** The version compared with the advisory: the source version when `via` is `source`. */
  version: string;
  via: 'binary' | 'source';
  /** Orders ECOSYSTEM ranges, `versions` and native ranges; undefined when drydock has no scheme for it. */
  scheme: SchemeId | undefined;
}

/**
 * What a matcher makes of a package: candidates to look up; `skip` when the package has no identity
 * any feed could cover (reported in `drydock explain`, not as an unknown); `unknown` when it should be
 * matched but cannot be (the distro release is not known): that becomes a scan unknown.
 */
export type Plan = { candidates: Candidate[] } | { skip: string } | { unknown: string };

export interface MatchContext {
  os: OsInfo | undefined;
}

export interface Matcher {
  readonly id: string;
  /** Package types this matcher handles (each type has exactly one matcher). */
  readonly types: readonly PackageType[];
  plan(pkg: Package, ctx: MatchContext): Plan;
}
