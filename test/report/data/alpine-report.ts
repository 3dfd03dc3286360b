import { readFileSync } from 'node:fs';
import type { Finding } from '../../../src/matching/finding.js';
import type { ScanReport } from '../../../src/report/model.js';
import { readImageTruth, readPackageTruth } from '../../helpers/fixtures.js';
import { SHARED } from '../../sbom/paths.js';
import { assemble, severityFrom } from './assemble.js';
import { nvdFacts } from './nvd.js';

/**
 * The hits the vulndata README lists for Alpine 3.20.3 ("Alpine 3.20 hit: <origin> fixed <version>"),
 * each checked against the real secdb file (vuln-list-alpine/3.20/main/<origin>.json) that lists it.
 */
export function alpineHits(): Array<{ cve: string; origin: string; fixed: string }> {
  const readme = readFileSync(`${SHARED}vulndata/README.md`, 'utf8');
  const hits = [...readme.matchAll(/^\| (CVE-\d+-\d+) \| Alpine 3\.20 hit: (\S+) fixed (\S+) \|/gm)].map((m) => ({
    cve: m[1] ?? '',
    origin: m[2] ?? '',
    fixed: m[3] ?? '',
  }));
  for (const h of hits) {
    const secdb = JSON.parse(readFileSync(`${SHARED}vulndata/alpine/vuln-list-alpine/3.20/main/${h.origin}.json`, 'utf8')) as {
      secfixes: Record<string, string[]>;
    };
    if (!(secdb.secfixes[h.fixed] ?? []).includes(h.cve)) throw new Error(`secdb ${h.origin} does not list ${h.cve} under ${h.fixed}`);
  }
  return hits;
}

/**
 * A scan report of the alpine-layers fixture image (Alpine 3.20.3 minirootfs plus seven small layers):
 * its real apk packages (truth/apk.tsv) and image facts (truth/image.json), with a finding for every
 * binary package whose origin has a secdb hit, enriched from the real NVD records.
 */
export function alpineReport(): ScanReport {
  const truth = readPackageTruth('alpine-layers');
  const image = readImageTruth('alpine-layers');
  const built = image.history.filter((h) => !h.emptyLayer);
  const layers = image.layers.map((l, index) => ({ index, diffId: l.diffId, digest: l.digest, mediaType: l.mediaType, size: l.size, createdBy: built[index]?.createdBy ?? '' }));
  const base = layers[0];
  if (!base) throw new Error('alpine-layers has no layers');
  const findings: Finding[] = [];
  for (const hit of alpineHits()) {
    const nvd = nvdFacts(hit.cve);
    for (const row of truth.filter((r) => r.origin === hit.origin)) {
      const f: Finding = {
        id: hit.cve,
        aliases: [],
        package: {
          id: `apk:${row.package}@${row.version}`,
          type: 'apk',
          name: row.package,
          version: row.version,
          purl: `pkg:apk/alpine/${row.package}@${row.version}?arch=${row.arch}&distro=alpine-${image.os.versionId}`,
          location: '/lib/apk/db/installed',
          layer: { index: 0, diffId: base.diffId, createdBy: base.createdBy },
          fromBaseImage: true,
        },
        status: 'fixed',
        fixedVersion: hit.fixed,
        ...severityFrom(nvd.ratings),
        ratings: nvd.ratings,
        cwes: nvd.cwes,
        references: nvd.references,
        evidence: { feed: 'alpine-secdb', namespace: 'alpine:3.20', advisoryId: hit.cve, via: 'source', matchedName: row.origin, matchedVersion: row.version, range: `fixed ${hit.fixed}` },
      };
      if (nvd.description !== undefined) f.summary = nvd.description;
      if (nvd.published !== undefined) f.published = nvd.published;
      if (nvd.modified !== undefined) f.modified = nvd.modified;
      findings.push(f);
    }
  }
  return assemble({
    source: {
      kind: 'oci-archive',
      reference: 'oci-archive:alpine-layers.tar',
      name: image.reference,
      digest: image.manifestDigest,
      configDigest: image.configDigest,
      platform: { os: 'linux', architecture: 'amd64' },
      layers,
    },
    os: { family: 'alpine', name: 'Alpine Linux', id: 'alpine', version: image.os.versionId, prettyName: `Alpine Linux v${image.os.versionId.split('.').slice(0, 2).join('.')}`, evidence: ['/etc/os-release'] },
    baseLayers: 1,
    packages: truth.length,
    findings,
    feeds: [
      { id: 'alpine-secdb', snapshot: '2026-06-27T00:00:00Z', importedAt: '2026-06-28T02:10:00Z' },
      { id: 'nvd', importedAt: '2026-06-28T02:40:00Z' },
    ],
  });
}
