import { severityRank } from '../core/severity.js';
import type { Finding } from './finding.js';

/**
 * Risk order: known exploited (CISA KEV) first, then severity, then the CVSS base score, then the
 * EPSS probability, then id (and package, for a stable order).
 */
export function compareRisk(a: Finding, b: Finding): number {
  return (
    Number(b.kev !== undefined) - Number(a.kev !== undefined) ||
    severityRank(b.severity) - severityRank(a.severity) ||
    (b.cvss?.score ?? -1) - (a.cvss?.score ?? -1) ||
    (b.epss?.score ?? -1) - (a.epss?.score ?? -1) ||
    cmp(a.id, b.id) ||
    cmp(a.package.name, b.package.name) ||
    cmp(a.package.version, b.package.version) ||
    cmp(a.package.id, b.package.id)
  );
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function sortByRisk(findings: Finding[]): Finding[] {
  return findings.sort(compareRisk);
}
