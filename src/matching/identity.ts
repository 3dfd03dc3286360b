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
  let cve: string | undefined;
  for (let i = 0; i < aliases.length; i++) {
    const a = aliases[i] as string;
    if (a === cve || !isCveId(a)) continue;
    if (cve !== undefined) return advisoryId;
    cve = a;
  }
  return cve ?? advisoryId;
}

/** Every CVE id a finding can be enriched from: its id and its CVE aliases (distinct, in that order). */
export function cveIdsOf(id: string, aliases: readonly string[]): string[] {
  const out: string[] = isCveId(id) ? [id] : [];
  for (let i = 0; i < aliases.length; i++) {
    const a = aliases[i] as string;
    if (isCveId(a) && !out.includes(a)) out.push(a);
  }
  return out;
}
