/**
 * A `drydock.scan/v1` report (before filters) from an inventory and what each scanner that ran
 * produced: the vulnerability match with its DB, the secrets the layer walk found, the configuration
 * check findings and the base-image report. Pure: the CLI runs the scanners.
 */
import { packageOrigin } from '../checks/base-image/identify.js';
import type { BaseImageReport } from '../checks/base-image/types.js';
import type { CheckFinding } from '../checks/config/model.js';
import type { Inventory, Unknown } from '../core/inventory.js';
import type { SecretFinding } from '../core/secret-finding.js';
import { severityRank } from '../core/severity.js';
import type { Finding } from '../matching/finding.js';
import type { ScanDbInfo, ScanReport, ScannerId } from './model.js';
import { SCANNER_IDS } from './model.js';
import { emptySummary, recount } from './summary.js';

export interface ScanParts {
  inv: Inventory;
  now: Date;
  /** The vulnerability scanner's result, when it ran. */
  vuln?: { findings: Finding[]; unknowns: Unknown[]; db: ScanDbInfo };
  /** The secrets of the inventory, when the secret scanner ran. */
  secrets?: readonly SecretFinding[];
  /** The configuration checks' findings, when the config scanner ran them. */
  checks?: readonly CheckFinding[];
  /** The base-image report, when the config scanner made one. */
  baseImage?: BaseImageReport;
  /** Scan-level notes (a scanner skipped for this target, ...). */
  notes?: readonly Unknown[];
}

/** Where a finding's package came from, relative to the base image's layers. */
export function findingOrigin(f: Finding, baseLayers: number | undefined): NonNullable<Finding['origin']> {
  return packageOrigin(f.package, baseLayers) ?? 'unknown';
}

/** Secrets, most severe first; the walk's order (layer, path, line) kept within a severity. */
function bySeverity<T extends { severity: SecretFinding['severity'] }>(items: readonly T[]): T[] {
  return [...items].sort((a, b) => severityRank(b.severity) - severityRank(a.severity));
}

export function assembleScanReport(parts: ScanParts): ScanReport {
  const { inv } = parts;
  const base = inv.source.config?.baseLayers;
  const findings = parts.vuln?.findings ?? [];
  for (const f of findings) {
    f.origin = findingOrigin(f, base);
    if (base !== undefined && f.package.layer) f.package.fromBaseImage = f.package.layer.index < base;
  }
  const ran = new Set<ScannerId>();
  if (parts.vuln) ran.add('vuln');
  if (parts.secrets) ran.add('secret');
  // `config` ran when its checks did (a directory gets the base-image report without them).
  if (parts.checks) ran.add('config');
  // Built in the order the JSON lists the fields; the counts are filled in by recount.
  const report: ScanReport = {
    schema: 'drydock.scan/v1',
    tool: inv.tool,
    createdAt: parts.now.toISOString(),
    source: inv.source,
    ...(inv.os ? { os: inv.os } : {}),
    ...(base !== undefined ? { baseLayers: base } : {}),
    scanners: SCANNER_IDS.filter((s) => ran.has(s)),
    ...(parts.vuln ? { db: parts.vuln.db } : {}),
    findings,
    suppressed: [],
    unknowns: [...inv.unknowns, ...(parts.vuln?.unknowns ?? []), ...(parts.notes ?? [])],
    fixAdvice: [],
    secrets: bySeverity(parts.secrets ?? []),
    suppressedSecrets: [],
    checks: [...(parts.checks ?? [])],
    suppressedChecks: [],
    ...(parts.baseImage ? { baseImage: parts.baseImage } : {}),
    summary: emptySummary(inv.packages.length),
  };
  return recount(report, inv.packages.length, parts.vuln !== undefined);
}
