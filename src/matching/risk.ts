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
    compareNames(a, b)
  );
}

function compareNames(a: Finding, b: Finding): number {
  return cmp(a.id, b.id) || cmp(a.package.name, b.package.name) || cmp(a.package.version, b.package.version) || cmp(a.package.id, b.package.id);
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Each value's rank among the distinct values (equal values, equal ranks; higher value, higher rank). */
function ranks(values: readonly number[]): number[] {
  const distinct = [...new Set(values)].sort((a, b) => a - b);
  const rank = new Map<number, number>();
  for (let i = 0; i < distinct.length; i++) rank.set(distinct[i] as number, i);
  return values.map((v) => rank.get(v) as number);
}

/**
 * Sort by `compareRisk`, in place. Each finding's numeric key is computed once rather than in each of
 * the ~n·log n comparisons, as small integers (the CVSS and EPSS scores by rank): in V8's baseline
 * tiers, where a scan sorts, every double read or subtracted is a heap allocation.
 */
export function sortByRisk(findings: Finding[]): Finding[] {
  const n = findings.length;
  const primary: number[] = new Array<number>(n);
  const cvssScores: number[] = new Array<number>(n);
  const epssScores: number[] = new Array<number>(n);
  const order: number[] = new Array<number>(n);
  for (let i = 0; i < n; i++) {
    const f = findings[i] as Finding;
    // Higher is riskier: known exploited above all, then severity (severityRank: 0 unknown … 5 critical).
    primary[i] = (f.kev !== undefined ? 16 : 0) + severityRank(f.severity);
    cvssScores[i] = f.cvss?.score ?? -1;
    epssScores[i] = f.epss?.score ?? -1;
    order[i] = i;
  }
  const cvss = ranks(cvssScores);
  const epss = ranks(epssScores);
  const higherFirst = (x: number, y: number): number => (x === y ? 0 : x > y ? -1 : 1);
  order.sort(
    (a, b) =>
      higherFirst(primary[a] as number, primary[b] as number) ||
      higherFirst(cvss[a] as number, cvss[b] as number) ||
      higherFirst(epss[a] as number, epss[b] as number) ||
      compareNames(findings[a] as Finding, findings[b] as Finding),
  );
  const sorted = order.map((i) => findings[i] as Finding);
  for (let i = 0; i < n; i++) findings[i] = sorted[i] as Finding;
  return findings;
}
