import type { OsInfo, SourceInfo, Unknown } from '../core/inventory.js';
import type { Severity } from '../core/severity.js';
import type { Finding } from '../matching/finding.js';

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

/** drydock's scan result (`--format json`, schema `drydock.scan/v1`, documented in docs/scan-json.md). */
export interface ScanReport {
  schema: 'drydock.scan/v1';
  tool: { name: 'drydock'; version: string };
  createdAt: string;
  source: SourceInfo;
  os?: OsInfo;
  /** Number of layers that come from the base image (0 when unknown): findings in those are "inherited". */
  baseLayers?: number;
  db: ScanDbInfo;
  /** Findings after filters, sorted by risk (KEV, then severity/CVSS, then EPSS). */
  findings: Finding[];
  suppressed: Suppressed[];
  /** Packages the matcher could not evaluate (unparsable versions, unknown ecosystems) and scan-level problems. */
  unknowns: Unknown[];
  fixAdvice: FixAdvice[];
  summary: {
    packages: number;
    findings: number;
    bySeverity: Record<Severity, number>;
    fixable: number;
    /** "upgrading these N packages removes M of T findings". */
    upgradePackages: number;
    upgradeRemoves: number;
  };
}
