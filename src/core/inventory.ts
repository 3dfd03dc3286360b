import type { FsFacts } from './fs-facts.js';
import type { LayerRef, Package } from './package.js';
import type { SecretFinding } from './secret-finding.js';

/** A problem with one file or entry that did not stop the scan. It must reach the user. */
export interface Unknown {
  /** Absolute path inside the image, when the problem concerns a file. */
  path?: string;
  layer?: LayerRef;
  /** Analyzer or stage that hit the problem (`walker`, `dpkg`, ...). */
  source: string;
  reason: string;
}

export type OsFamily =
  | 'debian'
  | 'ubuntu'
  | 'alpine'
  | 'wolfi'
  | 'chainguard'
  | 'rhel'
  | 'centos'
  | 'rocky'
  | 'alma'
  | 'fedora'
  | 'amazon'
  | 'oracle'
  | 'sles'
  | 'opensuse-leap'
  | 'opensuse-tumbleweed'
  | 'photon'
  | 'azurelinux'
  | 'cbl-mariner'
  | 'unknown';

export interface OsInfo {
  family: OsFamily;
  /** os-release NAME, e.g. "Debian GNU/Linux". */
  name: string;
  /** os-release ID (lowercase): "debian", "alpine", "rhel", "opensuse-leap", ... */
  id: string;
  /** os-release VERSION_ID, or the best equivalent: "12", "3.20.3", "9.4", "2023". */
  version: string;
  /** A more precise release when a distro file gives one (Debian's /etc/debian_version: "12.7"). */
  detailedVersion?: string;
  /** os-release VERSION_CODENAME when present: "bookworm". */
  codename?: string;
  prettyName?: string;
  /** Debian-based image without a package manager (packages in /var/lib/dpkg/status.d). */
  distroless?: boolean;
  /** End-of-life status at scan time, when drydock knows the release's dates. */
  eol?: EolStatus;
  /** Files the facts were read from (absolute paths). */
  evidence: string[];
}

export interface EolStatus {
  /** ISO date (YYYY-MM-DD) when the release stops receiving security updates. */
  date: string;
  /** True when `date` is on or before the scan date. */
  reached: boolean;
}

export interface Platform {
  os: string;
  architecture: string;
  variant?: string;
}

export type SourceKind = 'registry' | 'docker-archive' | 'oci-archive' | 'oci-layout' | 'dir' | 'sbom';

export interface LayerInfo {
  index: number;
  diffId?: string;
  /** Digest of the blob as stored (compressed), when the source has one. */
  digest?: string;
  mediaType?: string;
  /** Stored (compressed) size in bytes, when known. */
  size?: number;
  createdBy?: string;
}

export interface SourceInfo {
  kind: SourceKind;
  /** The target exactly as the user gave it. */
  reference: string;
  /** Repository name with tag, e.g. "docker.io/library/alpine:3.20", when the source names one. */
  name?: string;
  /** Manifest digest (registry / OCI layout / archives that carry a manifest). */
  digest?: string;
  configDigest?: string;
  /** Repo digests (`name@sha256:...`) when known. */
  repoDigests?: string[];
  platform?: Platform;
  created?: string;
  layers: LayerInfo[];
  /** Image config details used by later checks (user, env keys, ...). */
  config?: ImageConfigSummary;
}

export interface ImageConfigSummary {
  user?: string;
  env?: string[];
  entrypoint?: string[];
  cmd?: string[];
  workingDir?: string;
  exposedPorts?: string[];
  labels?: Record<string, string>;
  /** Layers (from the first) that belong to the base image, guessed from the history (image/base-layers.ts). */
  baseLayers?: number;
  /** Config.Healthcheck when set (`test: ["NONE"]` disables an inherited one). */
  healthcheck?: { test?: string[] };
  /** Config.Volumes mount points. */
  volumes?: string[];
  /** Every history entry in order, empty-layer steps (ENV, LABEL, ...) included. */
  history?: HistoryStepSummary[];
}

export interface HistoryStepSummary {
  createdBy?: string;
  /** The step made no layer (ENV, LABEL, CMD, ...). */
  emptyLayer?: boolean;
}

/** drydock's own inventory format (`--format json`); documented in docs/inventory-json.md. */
export interface Inventory {
  schema: 'drydock.inventory/v1';
  tool: { name: 'drydock'; version: string };
  /** ISO timestamp of the scan. */
  createdAt: string;
  source: SourceInfo;
  os?: OsInfo;
  packages: Package[];
  unknowns: Unknown[];
  /** Final-filesystem facts for the image configuration checks (setuid files, caches, shells, ...). */
  fsFacts?: FsFacts;
  /** Secrets in any layer's files, the config and the history (only when secret scanning ran; masked). */
  secrets?: SecretFinding[];
}
