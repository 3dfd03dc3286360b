import type { BaseImageReport } from '../checks/base-image/types.js';
import type { CheckFinding } from '../checks/config/model.js';
import type { OsInfo, SourceInfo, Unknown } from '../core/inventory.js';
import type { SecretFinding } from '../core/secret-finding.js';
import type { Severity } from '../core/severity.js';
import type { Finding } from '../matching/finding.js';

/**
 * What `drydock scan --scanners` can run: `vuln` (packages × advisory DB), `secret` (secrets in every
 * layer's files, the config and the history), `config` (image configuration checks and the base-image report).
 */
export type ScannerId = 'vuln' | 'secret' | 'config';
export const SCANNER_IDS: readonly ScannerId[] = ['vuln', 'secret', 'config'];

export type { BaseImageReport } from '../checks/base-image/types.js';
export type { CheckFinding } from '../checks/config/model.js';
export type { SecretFinding } from '../core/secret-finding.js';

/** The advisory DB a scan used. */
export interface ScanDbInfo {
  path: string;
  builtAt: string;
  feeds: Array<{ id: string; snapshot?: string; importedAt: string }>;
  /** Days since `builtAt` at scan time. */
  ageDays: number;
}

/** Per package: the lowest version that fixes every fixable finding on it. */
export interface FixAdvice {
  packageId: string;
  name: string;
  installedVersion: string;
  /** Undefined when some finding on the package has no fix: `fixes` counts what the upgrade does remove. */
  upgradeTo?: string;
  fixes: number;
  remaining: number;
}

/** A finding suppressed by an ignore file or a VEX statement, kept so reports can say so. */
export interface Suppressed {
  finding: Finding;
  by: 'ignorefile' | 'vex' | 'unfixed' | 'severity';
  /** The ignore-file line / VEX statement that matched, or the filter. */
  reason: string;
  /**
   * For `by: 'vex'`: the matching statement's status and justification as its document wrote them
   * (OpenVEX `not_affected`/`fixed` + justification label; CycloneDX `analysis.state`/`justification`).
   */
  vex?: { format: 'openvex' | 'cyclonedx'; status: string; justification?: string };
}

/** A secret removed by `--severity` or an ignore file. */
export interface SuppressedSecret {
  secret: SecretFinding;
  by: 'ignorefile' | 'severity';
  reason: string;
}

/** An image configuration check finding removed by `--severity` or an ignore file. */
export interface SuppressedCheck {
  check: CheckFinding;
  by: 'ignorefile' | 'severity';
  reason: string;
}

/** How many items of one kind, by severity. */
export interface SeverityCounts {
  total: number;
  bySeverity: Record<Severity, number>;
}

/** The vulnerability part of the summary. */
export interface VulnSummary {
  packages: number;
  findings: number;
  bySeverity: Record<Severity, number>;
  fixable: number;
  /** "upgrading these N packages removes M of T findings". */
  upgradePackages: number;
  upgradeRemoves: number;
}

export interface ScanSummary extends VulnSummary {
  /** Vulnerability findings whose package came from the base image's layers (`origin: base`). */
  inherited: number;
  /** ... from a layer built on top of the base (`origin: added`); the rest have `origin: unknown`. */
  added: number;
  secrets: SeverityCounts;
  checks: SeverityCounts;
}

/** drydock's scan result (`--format json`, schema `drydock.scan/v1`, documented in docs/scan-json.md). */
export interface ScanReport {
  schema: 'drydock.scan/v1';
  tool: { name: 'drydock'; version: string };
  createdAt: string;
  source: SourceInfo;
  os?: OsInfo;
  /** Number of layers that come from the base image (absent when unknown): findings in those are "inherited". */
  baseLayers?: number;
  /**
   * The scanners that ran, in SCANNER_IDS order. One asked for but not applicable to the target is
   * left out, with an unknown saying why; `config` is listed when its checks ran.
   */
  scanners: ScannerId[];
  /** The advisory DB; absent when the vuln scanner did not run. */
  db?: ScanDbInfo;
  /** Findings after filters, sorted by risk (KEV, then severity/CVSS, then EPSS). */
  findings: Finding[];
  suppressed: Suppressed[];
  /** Packages the matcher could not evaluate (unparsable versions, unknown ecosystems) and scan-level problems. */
  unknowns: Unknown[];
  fixAdvice: FixAdvice[];
  /** Secrets after filters, most severe first (values masked: first 4 characters + `****`). */
  secrets: SecretFinding[];
  suppressedSecrets: SuppressedSecret[];
  /** Image configuration check findings after filters, in check order. */
  checks: CheckFinding[];
  suppressedChecks: SuppressedCheck[];
  /** What the image is built on, its support status, surface and advice (config scanner; image and directory targets). */
  baseImage?: BaseImageReport;
  summary: ScanSummary;
}
