import { severityRank, type Severity } from '../core/severity.js';
import type { Finding, FindingPackage } from '../matching/finding.js';
import type { FixAdvice, ScanReport } from './model.js';

/** The findings of one package, as the table, Markdown, HTML and JUnit writers show them. */
export interface PackageGroup {
  pkg: FindingPackage;
  findings: Finding[];
  advice?: FixAdvice;
  worst: Severity;
}

/**
 * Findings grouped by package id. Groups come in the order of their first finding, so a report
 * sorted by risk lists the riskiest package first; findings keep their order inside a group.
 */
export function groupByPackage(report: Pick<ScanReport, 'findings' | 'fixAdvice'>): PackageGroup[] {
  const groups = new Map<string, PackageGroup>();
  for (const f of report.findings) {
    const g = groups.get(f.package.id);
    if (g) {
      g.findings.push(f);
      if (severityRank(f.severity) > severityRank(g.worst)) g.worst = f.severity;
    } else groups.set(f.package.id, { pkg: f.package, findings: [f], worst: f.severity });
  }
  for (const a of report.fixAdvice) {
    const g = groups.get(a.packageId);
    if (g) g.advice = a;
  }
  return [...groups.values()];
}

/** The version that fixes every finding of a group, when there is one. */
export function upgradeTarget(g: PackageGroup): string | undefined {
  if (g.advice?.upgradeTo !== undefined) return g.advice.upgradeTo;
  const fixed = new Set(g.findings.map((f) => f.fixedVersion));
  return fixed.size === 1 ? [...fixed][0] : undefined;
}
