import type { FoundIn, LayerRef, PackageType } from '../core/package.js';
import type { Severity } from '../core/severity.js';
import type { AffectedStatus, CvssVersion, EpssEntry, KevEntry, Namespace, SeverityRating } from '../vulndb/model.js';

/** How an installed package met an advisory: the evidence `drydock explain` and every report show. */
export interface MatchEvidence {
  feed: string;
  namespace: Namespace;
  /** The advisory's own id in that feed (may differ from `Finding.id`, e.g. `DSA-…` merged into a CVE). */
  advisoryId: string;
  /** `binary`: the package's own name; `source`: its source package (Debian `Source:`, apk origin, SRPM). */
  via: 'binary' | 'source';
  /** Name and version the advisory was compared against (the source version for `via: source`). */
  matchedName: string;
  matchedVersion: string;
  /** Human-readable range that matched: `introduced 0, fixed 1.2.3-1`, `<1.2.3 || >=2.0.0 <2.0.4`, `= 1.0.2`. */
  range: string;
}

export interface FindingPackage {
  /** `Package.id` in the inventory. */
  id: string;
  type: PackageType;
  name: string;
  version: string;
  purl: string;
  /** Absolute path of the file the package was read from. */
  location: string;
  layer?: LayerRef;
  /** How the package was found (`lockfile`/`manifest`: declared, maybe not installed). */
  foundIn?: FoundIn;
  /** True when the layer that introduced the package belongs to the base image (see report model). */
  fromBaseImage?: boolean;
}

export interface Finding {
  /** The id shown to people: a CVE when the advisory has one (feeds keyed by CVE or aliasing one), else the advisory id. */
  id: string;
  aliases: string[];
  package: FindingPackage;
  status: AffectedStatus;
  /** Lowest version that fixes this finding in the package's own versioning, when there is one. */
  fixedVersion?: string;
  /** The effective severity (vendor for distros when given, else NVD, else GHSA/other CVSS). */
  severity: Severity;
  /** Who the effective severity comes from. */
  severitySource: string;
  /** Highest CVSS base score known across sources, with its vector. */
  cvss?: { version: CvssVersion; vector: string; score: number; source: string };
  ratings: SeverityRating[];
  kev?: KevEntry;
  epss?: EpssEntry;
  cwes: string[];
  summary?: string;
  references: string[];
  published?: string;
  modified?: string;
  evidence: MatchEvidence;
  /** The same vulnerability reached again for this package (another feed, or a DSA merged into its CVE). */
  otherEvidence?: MatchEvidence[];
  /**
   * Set by the scan report: `base` when the package's layer belongs to the base image ("inherited"),
   * `added` when a later layer introduced it, `unknown` when the scan cannot tell.
   */
  origin?: 'base' | 'added' | 'unknown';
}
