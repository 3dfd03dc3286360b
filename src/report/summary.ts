/**
 * The counts a scan report carries, recomputed from its lists whenever they change (after the filters):
 * the vulnerability summary and fix advice (matching's own rules), the inherited/added split, the
 * secret and check counts, and the base-image report's known-vulnerability numbers.
 */
import type { Surface } from '../checks/base-image/types.js';
import { SEVERITIES, type Severity } from '../core/severity.js';
import type { Finding } from '../matching/finding.js';
import { summarizeFindings } from '../matching/scan-report.js';
import type { ScanReport, SeverityCounts } from './model.js';

type Counted = Pick<ScanReport, 'findings' | 'secrets' | 'checks' | 'baseImage'>;

export function zeroBySeverity(): Record<Severity, number> {
  return Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as Record<Severity, number>;
}

export function countBySeverity(items: ReadonlyArray<{ severity: Severity }>): SeverityCounts {
  const bySeverity = zeroBySeverity();
  for (const i of items) bySeverity[i.severity]++;
  return { total: items.length, bySeverity };
}

/** A summary of nothing (recount fills in the real one). */
export function emptySummary(packages: number): ScanReport['summary'] {
  const none = countBySeverity([]);
  return { packages, findings: 0, bySeverity: zeroBySeverity(), fixable: 0, upgradePackages: 0, upgradeRemoves: 0, inherited: 0, added: 0, secrets: none, checks: countBySeverity([]) };
}

/** `surface.knownVulns` of the base-image report: the report's vulnerability findings, split by origin. */
export function knownVulns(findings: readonly Finding[]): NonNullable<Surface['knownVulns']> {
  const all = countBySeverity(findings).bySeverity;
  const bySeverity: Partial<Record<Severity, number>> = {};
  for (const s of SEVERITIES) if (all[s] > 0) bySeverity[s] = all[s];
  return {
    total: findings.length,
    bySeverity,
    fromBase: findings.filter((f) => f.origin === 'base').length,
    added: findings.filter((f) => f.origin === 'added').length,
  };
}

/**
 * `report` with `fixAdvice`, `summary` and `baseImage.surface.knownVulns` recomputed from its current
 * lists. `knownVulns` is only filled when the vulnerability scanner ran (`vulnScanned`).
 */
export function recount<R extends Counted>(report: R, packages: number, vulnScanned: boolean): R & Pick<ScanReport, 'fixAdvice' | 'summary'> {
  const vuln = summarizeFindings(report.findings, packages);
  const out: R & Pick<ScanReport, 'fixAdvice' | 'summary'> = {
    ...report,
    fixAdvice: vuln.fixAdvice,
    summary: {
      ...vuln.summary,
      inherited: report.findings.filter((f) => f.origin === 'base').length,
      added: report.findings.filter((f) => f.origin === 'added').length,
      secrets: countBySeverity(report.secrets),
      checks: countBySeverity(report.checks),
    },
  };
  if (report.baseImage && vulnScanned) out.baseImage = { ...report.baseImage, surface: { ...report.baseImage.surface, knownVulns: knownVulns(report.findings) } };
  return out;
}
