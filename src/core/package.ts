/** The package model shared by analyzers, SBOM writers and (later) matchers. */

/**
 * purl types drydock knows. OS packages first; the language ecosystems are also what SBOMs from
 * other tools contain (`readSbom`), and their analyzers arrive later.
 */
export const PACKAGE_TYPES = [
  'deb',
  'apk',
  'rpm',
  'npm',
  'pypi',
  'golang',
  'maven',
  'gem',
  'cargo',
  'composer',
  'nuget',
  'conda',
  'generic',
] as const;

export type PackageType = (typeof PACKAGE_TYPES)[number];

/** Where in the image a package came from: the layer that introduced it. */
export interface LayerRef {
  /** 0-based position among the image's layers (the rootfs.diff_ids order). */
  index: number;
  /** Uncompressed layer digest (rootfs.diff_ids entry). Absent for a `dir:` root filesystem. */
  diffId?: string;
  /** The image history `created_by` line of the step that made this layer, when known. */
  createdBy?: string;
}

export interface SourcePackage {
  name: string;
  version: string;
}

/**
 * A package as an analyzer reads it from one database file, before the image-wide merge adds
 * the layer of origin, the purl and a unique id. JSON-serialisable: it is stored in the layer cache.
 */
export interface PackageRecord {
  type: PackageType;
  name: string;
  /** The full version as the ecosystem writes it, epoch included: deb `1:2.3-4`, rpm `1:2.3-4.el9`, apk `1.2.3-r4`. */
  version: string;
  epoch?: number;
  arch?: string;
  source?: SourcePackage;
  /** Licenses as declared by the package (SPDX ids/expressions when the package gives them). */
  licenses: string[];
  /** Absolute paths of the files the package installed, when the database lists them. */
  files?: string[];
  /** Names of packages this one depends on (resolved to ids after the merge). */
  dependsOn?: string[];
  /** Free-form details worth keeping in the SBOM (maintainer, vendor, installed size, ...). */
  metadata?: Record<string, string>;
  /**
   * The purl, when the analyzer can make it on its own (language ecosystems). OS package purls need
   * the detected OS and are made after the merge.
   */
  purl?: string;
  /** How the package was found: installed files, a lock file only, a manifest, or inside a binary. */
  foundIn?: FoundIn;
  /** Position in the dependency graph when a lock file or module info says so. */
  relationship?: 'root' | 'direct' | 'indirect';
  /** A development-only dependency (lock files that mark them). */
  dev?: boolean;
  /** What identified the package (e.g. `META-INF/maven/g/a/pom.properties`, `version string "OpenSSL 3.0.2"`). */
  evidence?: string[];
  /** CPE 2.3 names, for packages identified outside any package ecosystem (binaries). */
  cpes?: string[];
}

/**
 * `installed`: the package's own installed metadata (dpkg status, dist-info, node_modules/x/package.json);
 * `lockfile`: only a lock file lists it (it may not be installed in the image);
 * `manifest`: a build manifest (go.mod, Gemfile without lock) — declared, version may be a range;
 * `binary`: read from a compiled binary (Go build info, cargo-auditable, version strings).
 */
export type FoundIn = 'installed' | 'lockfile' | 'manifest' | 'binary';

/** A package in an inventory: the record plus identity, provenance and purl. */
export interface Package extends Omit<PackageRecord, 'dependsOn'> {
  /** Unique within one inventory; stable across runs for the same image. */
  id: string;
  purl: string;
  /** Analyzer that found the package. */
  foundBy: string;
  /** Absolute path of the database or manifest file the package was read from. */
  location: string;
  layer?: LayerRef;
  /** ids of packages in the same inventory this package depends on. */
  dependsOn?: string[];
  /**
   * Other identities of the same installed software: e.g. the PyPI purl of the Python files a Debian
   * package installed. Reported, not matched, so a backported OS fix is not second-guessed.
   */
  extraPurls?: string[];
}
