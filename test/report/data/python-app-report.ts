import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { compare as pep440Compare } from '@renovatebot/pep440';
import { parse as parseYaml } from 'yaml';
import type { Severity } from '../../../src/core/severity.js';
import type { Finding, FindingPackage } from '../../../src/matching/finding.js';
import type { ScanReport } from '../../../src/report/model.js';
import { fixture, readImageTruth, readPackageTruth } from '../../helpers/fixtures.js';
import { SHARED } from '../../sbom/paths.js';
import { assemble, severityFrom } from './assemble.js';
import { nvdFacts } from './nvd.js';

const NAME = 'python-app';
const listings = new Map<number, Set<string>>();

/** Entries of layer `index` of the fixture's OCI layout, read with tar (cached). */
function layerEntries(index: number): Set<string> {
  const cached = listings.get(index);
  if (cached) return cached;
  const layer = readImageTruth(NAME).layers[index];
  if (!layer) throw new Error(`${NAME} has no layer ${index}`);
  const blob = join(fixture(NAME).ociDir, 'blobs', 'sha256', layer.digest.replace('sha256:', ''));
  const out = execFileSync('tar', ['-tzf', blob], { encoding: 'utf8', maxBuffer: 256 << 20 });
  const set = new Set(out.split('\n').map((l) => l.replace(/^\.\//, '').replace(/\/$/, '')));
  listings.set(index, set);
  return set;
}

/** The first layer whose tar holds `path` (absolute path in the image). */
function introducingLayer(path: string): number {
  const rel = path.replace(/^\/+/, '').replace(/\/$/, '');
  const count = readImageTruth(NAME).layers.length;
  for (let i = 0; i < count; i++) if (layerEntries(i).has(rel)) return i;
  throw new Error(`${path} is in no layer of ${NAME}`);
}

function pkgOf(type: 'deb' | 'pypi', name: string, version: string, purl: string, location: string, evidencePath: string): FindingPackage {
  const image = readImageTruth(NAME);
  const index = introducingLayer(evidencePath);
  const createdBy = image.history.filter((h) => !h.emptyLayer)[index]?.createdBy;
  const layer = { index, diffId: image.diffIds[index] ?? '', ...(createdBy === undefined ? {} : { createdBy }) };
  return { id: `${type}:${name}@${version}`, type, name, version, purl, location, layer, fromBaseImage: index < 1 };
}

/** Version of an installed Debian package, from the fixture's real /var/lib/dpkg/status. */
function dpkgVersion(pkg: string): string {
  const status = readFileSync(join(fixture(NAME).rootfs, 'var/lib/dpkg/status'), 'utf8');
  const block = status.split(/\n\n/).find((b) => new RegExp(`^Package: ${pkg}$`, 'm').test(b));
  const v = block === undefined ? undefined : /^Version: (.+)$/m.exec(block)?.[1];
  if (v === undefined) throw new Error(`${pkg} not installed in ${NAME}`);
  return v;
}

/** Installed Debian packages in the fixture's real dpkg status (the report's package count). */
function installedDebCount(): number {
  const status = readFileSync(join(fixture(NAME).rootfs, 'var/lib/dpkg/status'), 'utf8');
  return (status.match(/^Status: install ok installed$/gm) ?? []).length;
}

interface TrackerAnnotation { Type: string; Package?: string; Release?: string; Kind?: string; Severity?: string; Description?: string }

/** A Debian finding from the real vuln-list tracker record: the bookworm line wins over the unstable one. */
function debianFinding(cve: string, year: string, pkg: string): Finding {
  const rec = JSON.parse(readFileSync(`${SHARED}vulndata/debian/vuln-list-debian/tracker/CVE/${year}/${cve}.json`, 'utf8')) as {
    Annotations: TrackerAnnotation[];
  };
  const lines = rec.Annotations.filter((a) => a.Type === 'package' && a.Package === pkg);
  const unstable = lines.find((a) => a.Release === undefined);
  const bookworm = lines.find((a) => a.Release === 'bookworm') ?? unstable;
  if (!unstable || !bookworm) throw new Error(`${cve} has no ${pkg} line`);
  const status = bookworm.Kind === 'ignored' ? 'will-not-fix' : bookworm.Kind === 'unfixed' ? 'affected' : 'fixed';
  const severity: Severity = unstable.Severity === 'unimportant' ? 'negligible' : ((unstable.Severity ?? 'unknown') as Severity);
  const version = dpkgVersion(pkg);
  const nvd = nvdFacts(cve);
  const f: Finding = {
    id: cve,
    aliases: [],
    package: pkgOf('deb', pkg, version, `pkg:deb/debian/${pkg}@${version}?arch=amd64&distro=debian-12`, '/var/lib/dpkg/status', `var/lib/dpkg/info/${pkg}.list`),
    status,
    ...severityFrom(nvd.ratings, { source: 'debian', severity }),
    ratings: [{ source: 'debian', severity }, ...nvd.ratings],
    cwes: nvd.cwes,
    references: [`https://security-tracker.debian.org/tracker/${cve}`, ...nvd.references],
    evidence: { feed: 'debian-tracker', namespace: 'debian:12', advisoryId: cve, via: 'source', matchedName: pkg, matchedVersion: version, range: `${bookworm.Kind ?? ''}${bookworm.Description ? ` (${bookworm.Description})` : ''}` },
  };
  if (nvd.description !== undefined) f.summary = nvd.description;
  if (nvd.published !== undefined) f.published = nvd.published;
  return f;
}

interface Pysec {
  id: string;
  details?: string;
  aliases?: string[];
  affected?: Array<{ ranges?: Array<{ type: string; events: Array<Record<string, string>> }>; versions?: string[] }>;
  references?: Array<{ url: string }>;
  published?: string;
  modified?: string;
}

/** Findings for a PyPI package from the real PYSEC records: affected when the installed version is listed. */
function pysecFindings(name: string): Finding[] {
  const truth = readPackageTruth(NAME).find((t) => t.name === name && t.ecosystem === 'pypi');
  if (!truth?.path) throw new Error(`${name} not in ${NAME} truth`);
  const dir = `${SHARED}vulndata/pypi/pypa-advisory-database/vulns/${name.toLowerCase()}`;
  const out: Finding[] = [];
  for (const file of readdirSync(dir).sort()) {
    const adv = parseYaml(readFileSync(join(dir, file), 'utf8')) as Pysec;
    const affected = adv.affected?.find((a) => (a.versions ?? []).includes(truth.version));
    if (!affected) continue;
    const fixes = (affected.ranges ?? []).filter((r) => r.type === 'ECOSYSTEM').flatMap((r) => r.events.map((e) => e['fixed'])).filter((v): v is string => v !== undefined);
    const fixed = fixes.filter((v) => pep440Compare(v, truth.version) > 0).sort(pep440Compare)[0];
    const cve = (adv.aliases ?? []).find((a) => a.startsWith('CVE-'));
    const id = cve ?? adv.id;
    const f: Finding = {
      id,
      aliases: [adv.id, ...(adv.aliases ?? [])].filter((a) => a !== id),
      package: pkgOf('pypi', name, truth.version, `pkg:pypi/${name.toLowerCase()}@${truth.version}`, truth.path, truth.path),
      status: fixed === undefined ? 'affected' : 'fixed',
      severity: 'unknown',
      severitySource: 'pypa',
      ratings: [],
      cwes: [],
      references: (adv.references ?? []).map((r) => r.url),
      evidence: { feed: 'osv-pypi', namespace: 'pypi', advisoryId: adv.id, via: 'binary', matchedName: name.toLowerCase(), matchedVersion: truth.version, range: `version ${truth.version} listed` },
    };
    if (fixed !== undefined) f.fixedVersion = fixed;
    if (adv.details !== undefined) f.summary = adv.details.trim();
    if (adv.published !== undefined) f.published = adv.published;
    if (adv.modified !== undefined) f.modified = adv.modified;
    out.push(f);
  }
  return out;
}

/**
 * A scan report of the python-app fixture (Debian 12 minbase + Debian's python3 packages in later
 * layers): Debian tracker findings for apt and coreutils (real records, bookworm status) and PYSEC
 * findings for the PyPI packages the image really carries, each attributed to the layer whose tar
 * first holds its files.
 */
export function pythonAppReport(): ScanReport {
  const image = readImageTruth(NAME);
  const built = image.history.filter((h) => !h.emptyLayer);
  const findings = [
    debianFinding('CVE-2016-2781', '2016', 'coreutils'),
    debianFinding('CVE-2011-3374', '2011', 'apt'),
    ...['requests', 'urllib3', 'certifi', 'idna'].flatMap(pysecFindings),
  ];
  return assemble({
    source: {
      kind: 'docker-archive',
      reference: 'docker-archive:python-app.tar',
      name: image.reference,
      digest: image.manifestDigest,
      configDigest: image.configDigest,
      platform: { os: 'linux', architecture: 'amd64' },
      layers: image.layers.map((l, index) => ({ index, diffId: l.diffId, digest: l.digest, size: l.size, createdBy: built[index]?.createdBy ?? '' })),
    },
    os: { family: 'debian', name: 'Debian GNU/Linux', id: 'debian', version: '12', codename: 'bookworm', prettyName: 'Debian GNU/Linux 12 (bookworm)', evidence: ['/etc/os-release'] },
    baseLayers: 1,
    packages: installedDebCount() + readPackageTruth(NAME).length,
    findings,
    feeds: [
      { id: 'debian-tracker', snapshot: '2026-06-27T18:00:00Z', importedAt: '2026-06-28T02:00:00Z' },
      { id: 'osv-pypi', importedAt: '2026-06-28T02:20:00Z' },
      { id: 'nvd', importedAt: '2026-06-28T02:40:00Z' },
    ],
  });
}
