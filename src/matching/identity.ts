const CVE_RE = /^CVE-\d{4}-\d{4,}$/;

export function isCveId(id: string): boolean {
  return CVE_RE.test(id);
}

/**
 * The id a finding is shown under: the advisory's own id when it is a CVE; the CVE when the advisory
 * aliases exactly one (GHSA-… → CVE-…); otherwise the advisory id (several CVEs, or none).
 */
export function findingIdOf(advisoryId: string, aliases: readonly string[]): string {
  if (isCveId(advisoryId)) return advisoryId;
  const cves = [...new Set(aliases.filter(isCveId))];
  return cves.length === 1 && cves[0] !== undefined ? cves[0] : advisoryId;
}

/** Every CVE id a finding can be enriched from: its id and its CVE aliases. */
export function cveIdsOf(id: string, aliases: readonly string[]): string[] {
  return [...new Set([id, ...aliases].filter(isCveId))];
}
