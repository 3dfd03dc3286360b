/**
 * The base-image report model: what the image is built on (identify.ts), whether that release is
 * still supported (eol.ts), how much it carries (surface.ts) and smaller or safer alternatives
 * (advice.ts). JSON-serialisable; `assessBase` (index.ts) assembles it.
 */
import type { OsFamily } from '../../core/inventory.js';
import type { Severity } from '../../core/severity.js';
import type { Typosquat } from '../typosquat.js';

/**
 * What kind of base the image's own packages show:
 *  - `scratch`: no operating system at all (static binaries, or nothing);
 *  - `distroless`: gcr.io/distroless style Debian (dpkg status.d, no dpkg/apt);
 *  - `chainguard` / `wolfi`: Chainguard Images / the Wolfi base (os-release ID chainguard / wolfi);
 *  - `debian`: the package set of debian:<release> (and -slim, which installs the same packages);
 *  - `debian-buildpack`: Debian plus the buildpack-deps toolchain (compilers, -dev, VCS tools) the
 *    official language images' full variants are built on;
 *  - `ubuntu-chiseled`: Ubuntu without a dpkg database (chisel-cut images);
 *  - `ubi`, `ubi-minimal`, `ubi-micro`: Red Hat's Universal Base Images (dnf / microdnf / none);
 *  - `amazonlinux-minimal`: Amazon Linux 2023 minimal (microdnf, no dnf);
 *  - `os-unknown`: packages of an OS package manager, but no OS release file;
 *  - otherwise the OS family itself (`alpine`, `ubuntu`, `rhel`, `amazon`, `fedora`, ...).
 */
export type BaseFlavour =
  | 'scratch'
  | 'distroless'
  | 'chainguard'
  | 'wolfi'
  | 'debian'
  | 'debian-buildpack'
  | 'ubuntu-chiseled'
  | 'ubi'
  | 'ubi-minimal'
  | 'ubi-micro'
  | 'amazonlinux-minimal'
  | 'os-unknown'
  | Exclude<OsFamily, 'unknown'>;

export interface DistroInfo {
  family: OsFamily;
  /** os-release ID: `debian`, `alpine`, `rhel`, ... */
  id: string;
  name: string;
  /** os-release VERSION_ID (or the distro's equivalent): `12`, `3.20.3`, `9.4`. */
  version: string;
  detailedVersion?: string;
  codename?: string;
}

export type RuntimeName = 'python' | 'node' | 'go' | 'java' | 'ruby' | 'php';

/** A language runtime the image is built around. */
export interface RuntimeInfo {
  name: RuntimeName;
  /** As found: `3.12.7`, `20.18.0`, `21.0.5+11`. */
  version: string;
  /** The release line support is tracked by: `3.12`, `20`, `1.22`, `21`. */
  cycle: string;
  /**
   * `env`: the version variable an official image sets (PYTHON_VERSION, NODE_VERSION, ...);
   * `binary`: a runtime binary found outside any OS package (version read from the binary).
   */
  source: 'env' | 'binary';
  /** The official image family this looks like: `python`, `node`, `golang`, `eclipse-temurin`, `openjdk`, `ruby`, `php`. */
  image?: string;
  /** `full` (buildpack-deps based), `slim` (Debian without the toolchain), `alpine`; when the OS tells. */
  variant?: 'full' | 'slim' | 'alpine';
  /** `ENV PYTHON_VERSION=3.12.7`, `binary /usr/local/bin/node`. */
  evidence: string[];
}

/** The base image the image's labels name (org.opencontainers.image.base.name / base.digest). */
export interface DeclaredBase {
  name: string;
  digest?: string;
}

export interface BaseImageInfo {
  /** Absent for images without an OS release file. */
  distro?: DistroInfo;
  flavour: BaseFlavour;
  /** Why this flavour: facts from os-release, packages and labels. */
  flavourEvidence: string[];
  /** Distroless only: `static`, `base`, `cc`, `python3`, `java`, from the packages present. */
  variant?: string;
  runtimes: RuntimeInfo[];
  declaredBase?: DeclaredBase;
  layerCount: number;
  /** Layers (from the first) that come from the base image, from the history; undefined when unknown. */
  baseLayers?: number;
  /** OS and language packages by origin. Undefined counts when the base/added split is unknown. */
  packages: { total: number; os: number; fromBase?: number; added?: number };
}

/** End-of-life verdict for one product release (an OS release or a runtime line). */
export interface EolVerdict {
  /** `debian`, `ubuntu`, `alpine`, `python`, `node`, `go`, `eclipse-temurin`, ... */
  product: string;
  /** The release line matched: `12`, `3.18`, `3.12`, `20`. */
  cycle: string;
  /** Last day of free security support (ISO date). */
  date: string;
  /** True when `date` is on or before the assessment day. */
  eol: boolean;
  /** Paid extended support, when the vendor sells it (Ubuntu Pro ESM, Debian ELTS). */
  extended?: { label: string; date: string };
  /** Where the date comes from. */
  source: string;
}

export interface ToolPresence {
  present: boolean;
  /** Names found: `bash`, `dash`, `busybox`; `dpkg`, `apt`, `apk`, `microdnf`, `pip`, `npm`. */
  names: string[];
  /** `package dash: /bin/dash`, `binary /opt/busybox/bin/busybox`. */
  evidence: string[];
}

export interface Surface {
  packages: { total: number; os: number; language: number; fromBase?: number; added?: number };
  /**
   * Stored layer bytes, when the source gives every layer's size: the blobs as the source holds
   * them (gzip/zstd for registries and OCI layouts, plain tar in a docker save archive).
   */
  bytes?: { stored: number; fromBase?: number };
  shell: ToolPresence;
  /** OS package managers (dpkg/apt, apk, rpm/dnf/microdnf/yum, zypper, tdnf). */
  packageManager: ToolPresence;
  /** Language package managers shipped in the image (pip, npm, gem, ...). */
  languagePackageManagers: string[];
  /** Filled in by the caller from the scan's findings. */
  knownVulns?: { total: number; bySeverity?: Partial<Record<Severity, number>>; fromBase?: number; added?: number };
}

export interface Suggestion {
  /** Catalog entry id: `python-full`, `debian-eol`, ... */
  id: string;
  kind: 'smaller' | 'supported';
  /** The image to move to: `python:3.12-slim`, `gcr.io/distroless/python3-debian12`. */
  image: string;
  /** Human sentence with the measurable reason. */
  reason: string;
  /** Approximate OS package count of `image`, from the catalog (undefined when the catalog has none). */
  approxPackages?: number;
  /** When the catalog's number was taken (YYYY-MM-DD). */
  asOf?: string;
  /** How the number was obtained. */
  source?: string;
  /** A caveat worth reading before switching. */
  caveat?: string;
}

export interface BaseImageReport {
  info: BaseImageInfo;
  eol: { os?: EolVerdict; runtimes: EolVerdict[] };
  surface: Surface;
  suggestions: Suggestion[];
  /** Look-alike names: the reference scanned and the base the labels declare. */
  typosquats: Array<Typosquat & { of: 'reference' | 'declared-base' }>;
}
