import type { Severity } from '../core/severity.js';

/**
 * The advisory model every importer produces and the store keeps. Feeds differ wildly (OSV ranges,
 * Debian per-release statuses, Alpine secfixes, npm semver ranges); this is their common shape, close
 * to OSV's, with the distro statuses OSV lacks.
 *
 * A *namespace* says where an affected package lives:
 *   - language ecosystems: `npm`, `pypi`, `go`, `maven`, `gem`, `cargo`, `composer`, `nuget`, `hex`, `pub`,
 *     `swift`, `conda`, ... (see `ecosystems.ts` for the OSV ecosystem ↔ namespace mapping);
 *   - distro releases: `<distro>:<release>` — `debian:12`, `ubuntu:22.04`, `alpine:3.20`, `rhel:9`,
 *     `amazon:2023`, `wolfi:rolling`, ... Debian and Ubuntu by version number (codenames are mapped by the
 *     importer), Alpine by `major.minor` branch.
 * Package names are stored normalised for their namespace (`normalizePackageName` in `ecosystems.ts`).
 */
export type Namespace = string;

/** Where a package stands with respect to one advisory in one namespace. */
export type AffectedStatus =
  | 'fixed' //              affected below a fixed version (ranges say which)
  | 'affected' //           affected, no fix released yet
  | 'will-not-fix' //       the vendor decided not to fix (Debian <ignored>, Red Hat "Will not fix"); Debian <no-dsa> is 'affected'
  | 'fix-deferred' //       the vendor postponed the fix (Debian <postponed>, Red Hat "Fix deferred")
  | 'end-of-life' //        the package/release is out of support: affected, no fix coming (Debian <end-of-life>)
  | 'not-affected' //       explicitly not affected (Debian <not-affected>, Alpine secfixes "0", VEX)
  | 'under-investigation'; // the vendor has not decided yet (Debian <undetermined>)

/** OSV range events; exactly one key per event. */
export type RangeEvent = { introduced: string } | { fixed: string } | { last_affected: string } | { limit: string };

export interface VersionRange {
  /**
   * `ECOSYSTEM`: ordered by the namespace's version scheme; `SEMVER`: SemVer 2.0 ordering (OSV); `GIT`
   * ranges are kept for reference only and never matched (a version string is not a commit).
   */
  type: 'ECOSYSTEM' | 'SEMVER' | 'GIT';
  events: RangeEvent[];
}

export interface AffectedPackage {
  namespace: Namespace;
  /** Normalised package name; for distros the SOURCE package unless `packageKind` says binary. */
  name: string;
  /** Distro feeds: does `name` name a source package (Debian, Alpine origin) or a binary one (RHEL, SUSE)? */
  packageKind?: 'source' | 'binary';
  status: AffectedStatus;
  /** OSV semantics: a version is affected if any range or `versions` entry says so. Empty + status affected = all versions. */
  ranges: VersionRange[];
  versions: string[];
  /**
   * A range in the ecosystem's own syntax when the feed gives one that events cannot express
   * (nodejs security-wg `vulnerable_versions`); checked with the scheme's `satisfies`.
   */
  nativeRange?: string;
  /** Vendor severity for this package in this namespace (Debian urgency, Ubuntu priority, ...). */
  severity?: Severity;
  /** Free text the vendor attached (Debian "<no-dsa> (Minor issue)", not-affected reasons, ...). */
  note?: string;
}

export type CvssVersion = '2.0' | '3.0' | '3.1' | '4.0';

export interface SeverityRating {
  /** Who rated it: `nvd`, `ghsa`, `debian`, `alpine`, a CNA's email/name, ... */
  source: string;
  /** A CVSS vector (scored with ae-cvss-calculator) or a vendor's word only. */
  cvss?: { version: CvssVersion; vector: string; score: number };
  severity: Severity;
}

export interface Advisory {
  /** The feed's own id (`CVE-2024-6387` for Debian/Alpine, `GHSA-…`, `GO-…`, `PYSEC-…`, `DSA-5724-1`...). */
  id: string;
  /** Importer id of the feed this record came from. Records are unique per (feed, id). */
  feed: string;
  aliases: string[];
  related?: string[];
  summary?: string;
  details?: string;
  published?: string;
  modified?: string;
  withdrawn?: string;
  severities: SeverityRating[];
  cwes: string[];
  references: string[];
  affected: AffectedPackage[];
}

/** Per-CVE data from NVD (and other CVE-level sources): scores and weaknesses used to enrich findings. */
export interface CveRecord {
  id: string;
  source: string;
  description?: string;
  published?: string;
  modified?: string;
  status?: string;
  severities: SeverityRating[];
  cwes: string[];
  references: string[];
}

export interface KevEntry {
  cve: string;
  vendorProject?: string;
  product?: string;
  name?: string;
  dateAdded: string;
  dueDate?: string;
  knownRansomwareCampaignUse?: string;
}

export interface EpssEntry {
  cve: string;
  /** Probability of exploitation in the next 30 days, 0..1. */
  score: number;
  percentile: number;
  /** The model/score date of the snapshot. */
  date?: string;
}
