import type { Package } from '../core/package.js';
import { distroOf } from '../vulndb/ecosystems.js';
import type { SeverityRating } from '../vulndb/model.js';
import type { AdvisoryDetails, CveEnrichment } from '../vulndb/store.js';
import type { Finding, FindingPackage } from './finding.js';
import type { Hit } from './evaluate.js';
import { cveIdsOf, findingIdOf } from './identity.js';
import { chooseSeverity, highestCvss } from './severity.js';

export function findingPackage(pkg: Package): FindingPackage {
  const out: FindingPackage = { id: pkg.id, type: pkg.type, name: pkg.name, version: pkg.version, purl: pkg.purl, location: pkg.location };
  if (pkg.layer) out.layer = pkg.layer;
  if (pkg.foundIn) out.foundIn = pkg.foundIn;
  return out;
}

/**
 * A fix in the package's own spelling: Go module versions carry a `v` (`v1.21.3`), Go vulnerability
 * data's SEMVER ranges do not (`1.21.3`).
 */
export function ownSpelling(fixed: string, installed: string, namespace: string): string {
  return namespace === 'go' && installed.startsWith('v') && !fixed.startsWith('v') ? `v${fixed}` : fixed;
}

function uniq<T>(xs: readonly T[]): T[] {
  return [...new Set(xs)];
}

function ratingKey(r: SeverityRating): string {
  return `${r.source}\u0000${r.cvss?.vector ?? ''}\u0000${r.severity}`;
}

/** Build the finding for one hit; `cves` holds NVD/KEV/EPSS data by CVE id. */
export function buildFinding(hit: Hit, details: AdvisoryDetails, cves: ReadonlyMap<string, CveEnrichment>): Finding {
  const id = findingIdOf(details.id, details.aliases);
  const aliases = uniq([details.id, ...details.aliases].filter((a) => a !== id));
  const enrich = cveIdsOf(id, details.aliases).map((c) => cves.get(c)).filter((e): e is CveEnrichment => e !== undefined);
  const primary = enrich[0];
  const cveRatings = primary?.record?.severities ?? [];
  const ratings: SeverityRating[] = [...details.severities, ...cveRatings];
  if (hit.entry.severity !== undefined) ratings.unshift({ source: hit.feed, severity: hit.entry.severity });
  const distinct = [...new Map(ratings.map((r) => [ratingKey(r), r])).values()];
  const chosen = chooseSeverity({
    distro: distroOf(hit.candidate.namespace) !== undefined,
    feed: hit.feed,
    ...(hit.entry.severity !== undefined ? { vendor: hit.entry.severity } : {}),
    advisory: details.severities,
    cve: cveRatings,
  });
  const fixed = hit.fixed === undefined ? undefined : ownSpelling(hit.fixed, hit.candidate.version, hit.candidate.namespace);
  const status = fixed !== undefined ? 'fixed' : hit.entry.status === 'fixed' ? 'affected' : hit.entry.status;
  const f: Finding = {
    id,
    aliases,
    package: findingPackage(hit.pkg),
    status,
    severity: chosen.severity,
    severitySource: chosen.source,
    ratings: distinct,
    cwes: uniq([...details.cwes, ...(primary?.record?.cwes ?? [])]),
    references: uniq([...details.references, ...(primary?.record?.references ?? [])]),
    evidence: {
      feed: hit.feed,
      namespace: hit.candidate.namespace,
      advisoryId: hit.advisoryId,
      via: hit.candidate.via,
      matchedName: hit.candidate.name,
      matchedVersion: hit.candidate.version,
      range: hit.range,
    },
  };
  if (fixed !== undefined) f.fixedVersion = fixed;
  const cvss = highestCvss(distinct);
  if (cvss) f.cvss = cvss;
  const kev = enrich.find((e) => e.kev)?.kev;
  if (kev) f.kev = kev;
  const epss = enrich.find((e) => e.epss)?.epss;
  if (epss) f.epss = epss;
  const summary = details.summary ?? firstLine(details.details) ?? firstLine(primary?.record?.description);
  if (summary !== undefined) f.summary = summary;
  const published = details.published ?? primary?.record?.published;
  if (published !== undefined) f.published = published;
  const modified = details.modified ?? primary?.record?.modified;
  if (modified !== undefined) f.modified = modified;
  return f;
}

function firstLine(text: string | undefined): string | undefined {
  if (text === undefined) return undefined;
  const line = text.trim().split('\n')[0]?.trim();
  if (line === undefined || line === '') return undefined;
  return line.length > 300 ? `${line.slice(0, 297)}...` : line;
}
