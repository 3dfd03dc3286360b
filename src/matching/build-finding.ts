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

/** The strings of `a` then `b`, each once, in first-seen order. */
function uniqConcat(a: readonly string[], b: readonly string[] = [], except?: string): string[] {
  const out: string[] = [];
  const n = a.length + b.length;
  // Short lists (most): a linear scan allocates nothing; long ones (NVD reference lists) use a Set.
  const seen = n > 16 ? new Set<string>() : undefined;
  for (let i = 0; i < n; i++) {
    const x = (i < a.length ? a[i] : b[i - a.length]) as string;
    if (x === except) continue;
    if (seen) {
      if (seen.has(x)) continue;
      seen.add(x);
    } else if (out.includes(x)) continue;
    out.push(x);
  }
  return out;
}

function sameRating(a: SeverityRating, b: SeverityRating): boolean {
  return a.source === b.source && a.severity === b.severity && (a.cvss?.vector ?? '') === (b.cvss?.vector ?? '');
}

/** The ratings of all lists, each once (same source, vector and severity): at its first place, as its last occurrence. */
function distinctRatings(lists: ReadonlyArray<readonly SeverityRating[]>): SeverityRating[] {
  const out: SeverityRating[] = [];
  for (let l = 0; l < lists.length; l++) {
    const list = lists[l] as readonly SeverityRating[];
    for (let i = 0; i < list.length; i++) {
      const r = list[i] as SeverityRating;
      let j = 0;
      while (j < out.length && !sameRating(out[j] as SeverityRating, r)) j++;
      out[j] = r;
    }
  }
  return out;
}

/** Build the finding for one hit; `cves` holds NVD/KEV/EPSS data by CVE id. */
export function buildFinding(hit: Hit, details: AdvisoryDetails, cves: ReadonlyMap<string, CveEnrichment>): Finding {
  const id = findingIdOf(details.id, details.aliases);
  const aliases = uniqConcat([details.id], details.aliases, id);
  const enrich: CveEnrichment[] = [];
  const cveIds = cveIdsOf(id, details.aliases);
  for (let i = 0; i < cveIds.length; i++) {
    const e = cves.get(cveIds[i] as string);
    if (e !== undefined) enrich.push(e);
  }
  const primary = enrich[0];
  const cveRatings = primary?.record?.severities ?? [];
  const vendor: SeverityRating[] = hit.entry.severity !== undefined ? [{ source: hit.feed, severity: hit.entry.severity }] : [];
  const distinct = distinctRatings([vendor, details.severities, cveRatings]);
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
    cwes: uniqConcat(details.cwes, primary?.record?.cwes),
    references: uniqConcat(details.references, primary?.record?.references),
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
  for (let i = 0; i < enrich.length && f.kev === undefined; i++) {
    const kev = (enrich[i] as CveEnrichment).kev;
    if (kev) f.kev = kev;
  }
  for (let i = 0; i < enrich.length && f.epss === undefined; i++) {
    const epss = (enrich[i] as CveEnrichment).epss;
    if (epss) f.epss = epss;
  }
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
  const trimmed = text.trim();
  const nl = trimmed.indexOf('\n');
  const line = (nl < 0 ? trimmed : trimmed.slice(0, nl)).trim();
  if (line === '') return undefined;
  return line.length > 300 ? `${line.slice(0, 297)}...` : line;
}
