import { SEVERITIES, type Severity } from '../core/severity.js';
import type { FixAdvice, ScanDbInfo, VulnSummary } from '../report/model.js';
import type { DbInfo } from '../vulndb/store.js';
import type { Finding } from './finding.js';
import { fixAdvice } from './fix-advice.js';

const DAY_MS = 24 * 60 * 60 * 1000;

/** The DB facts a report carries; `ageDays` is whole days since the build (fractional days floor). */
export function scanDbInfo(info: DbInfo, now: Date): ScanDbInfo {
  const built = Date.parse(info.builtAt);
  const ageDays = Number.isFinite(built) ? Math.max(0, Math.floor((now.getTime() - built) / DAY_MS)) : Number.POSITIVE_INFINITY;
  return {
    path: info.path,
    builtAt: info.builtAt,
    feeds: info.feeds.map((f) => (f.snapshot === undefined ? { id: f.id, importedAt: f.importedAt } : { id: f.id, snapshot: f.snapshot, importedAt: f.importedAt })),
    ageDays,
  };
}

/** Summary counts and fix advice of a set of findings (recomputed after filters; the report is assembled by report/assemble.ts). */
export function summarizeFindings(findings: readonly Finding[], packages: number): { fixAdvice: FixAdvice[]; summary: VulnSummary } {
  const advice = fixAdvice(findings);
  const bySeverity = Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as Record<Severity, number>;
  for (const f of findings) bySeverity[f.severity]++;
  return {
    fixAdvice: advice.fixAdvice,
    summary: {
      packages,
      findings: findings.length,
      bySeverity,
      fixable: findings.filter((f) => f.fixedVersion !== undefined).length,
      upgradePackages: advice.upgradePackages,
      upgradeRemoves: advice.upgradeRemoves,
    },
  };
}
