/** Severity levels shared by vulnerabilities, secrets, config checks and lint findings. */
export const SEVERITIES = ['unknown', 'negligible', 'low', 'medium', 'high', 'critical'] as const;

export type Severity = (typeof SEVERITIES)[number];

/** Rank for sorting and thresholds: unknown 0 … critical 5. */
export function severityRank(s: Severity): number {
  return SEVERITIES.indexOf(s);
}

export function isSeverity(s: string): s is Severity {
  return (SEVERITIES as readonly string[]).includes(s);
}

/** The qualitative rating of a CVSS v3/v4 base score (FIRST's table). v2 has no "critical": callers pass `v2: true`. */
export function severityOfScore(score: number, v2 = false): Severity {
  if (v2) return score >= 7 ? 'high' : score >= 4 ? 'medium' : 'low';
  if (score >= 9) return 'critical';
  if (score >= 7) return 'high';
  if (score >= 4) return 'medium';
  if (score > 0) return 'low';
  return 'negligible';
}
