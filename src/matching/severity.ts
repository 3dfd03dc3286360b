import type { Severity } from '../core/severity.js';
import type { CvssVersion, SeverityRating } from '../vulndb/model.js';

/**
 * Which rating decides a finding's severity. Distro feeds: the vendor's own rating for the package in
 * that release (Debian urgency, Ubuntu priority) — it accounts for how the distro builds and ships the
 * package — else NVD's CVSS v3.x/v4 base severity, else any other source. Language feeds: the feed's
 * CVSS/severity (GHSA, Go, PyPA), NVD as the fallback. Within one group, CVSS v3.x beats v4.0 beats a
 * vendor word beats CVSS v2 (v2 has no "critical" and overrates many bugs).
 */
export interface SeverityInputs {
  distro: boolean;
  feed: string;
  /** The affected entry's vendor severity (AffectedPackage.severity). */
  vendor?: Severity;
  /** The advisory's own ratings. */
  advisory: readonly SeverityRating[];
  /** NVD / CVE-level ratings (CveRecord.severities) of the finding's CVE. */
  cve: readonly SeverityRating[];
}

export interface ChosenSeverity {
  severity: Severity;
  source: string;
}

/** Sources that are NVD's own (Primary) ratings, as importers name them. */
export function isNvdSource(source: string): boolean {
  const s = source.toLowerCase();
  return s === 'nvd' || s === 'nvd@nist.gov';
}

const VERSION_RANK: Record<CvssVersion, number> = { '3.1': 0, '3.0': 1, '4.0': 2, '2.0': 4 };

function rank(r: SeverityRating): number {
  return r.cvss ? VERSION_RANK[r.cvss.version] : 3;
}

type Which = 'all' | 'nvd' | 'not-nvd' | 'own';

/** The preferred known rating (see the order above) among the ratings of `group` that `which` selects, if any. */
function best(group: readonly SeverityRating[], which: Which, opts: { feed?: string; noV2?: boolean } = {}): SeverityRating | undefined {
  let out: SeverityRating | undefined;
  for (let i = 0; i < group.length; i++) {
    const r = group[i] as SeverityRating;
    if (r.severity === 'unknown') continue;
    if (which === 'own' ? r.source !== opts.feed : which !== 'all' && isNvdSource(r.source) !== (which === 'nvd')) continue;
    if (opts.noV2 && r.cvss?.version === '2.0') continue;
    if (!out || rank(r) < rank(out)) out = r;
  }
  return out;
}

export function chooseSeverity(i: SeverityInputs): ChosenSeverity {
  if (i.vendor !== undefined && i.vendor !== 'unknown' && i.distro) return { severity: i.vendor, source: i.feed };
  const r = i.distro
    ? (best(i.advisory, 'own', { feed: i.feed }) ?? best(i.cve, 'nvd', { noV2: true }) ?? best(i.advisory, 'all') ?? best(i.cve, 'not-nvd') ?? best(i.cve, 'nvd'))
    : (best(i.advisory, 'all') ?? best(i.cve, 'nvd') ?? best(i.cve, 'not-nvd'));
  if (r) return { severity: r.severity, source: r.source };
  if (i.vendor !== undefined && i.vendor !== 'unknown') return { severity: i.vendor, source: i.feed };
  return { severity: 'unknown', source: 'none' };
}

/** The highest CVSS base score among all ratings (v3.x/v4 preferred over v2), with its vector. */
export function highestCvss(ratings: readonly SeverityRating[]): { version: CvssVersion; vector: string; score: number; source: string } | undefined {
  let out: { version: CvssVersion; vector: string; score: number; source: string } | undefined;
  for (let i = 0; i < ratings.length; i++) {
    const r = ratings[i] as SeverityRating;
    if (!r.cvss) continue;
    const v2 = r.cvss.version === '2.0';
    const outV2 = out?.version === '2.0';
    if (!out || (outV2 && !v2) || (outV2 === v2 && r.cvss.score > out.score)) out = { ...r.cvss, source: r.source };
  }
  return out;
}
