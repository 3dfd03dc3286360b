import type { OsFamily, OsInfo } from '../../core/inventory.js';
import { FALLBACK_ORDER, RELEASE_FILES_BY_FAMILY, readReleaseFile, type ReleaseFileFacts } from './release-files.js';

/** Everything OS detection looks at, already read from the final image. */
export interface DistroFacts {
  /** os-release fields and the image-relative path of the file they came from. */
  osRelease?: { path: string; fields: Readonly<Record<string, string>> };
  /** etc/lsb-release fields (Ubuntu images without os-release). */
  lsbRelease?: { path: string; fields: Readonly<Record<string, string>> };
  /** Contents of distro release files (etc/debian_version, ...) by image-relative path. */
  releaseFiles: ReadonlyMap<string, string>;
  /**
   * For release files read through a symlink (etc/system-release → amazon-linux-release,
   * etc/redhat-release → rocky-release): the path of the file actually read, used as evidence.
   */
  releaseFileSources?: ReadonlyMap<string, string>;
  /** var/lib/dpkg/status.d exists and var/lib/dpkg/status does not (a distroless image). */
  dpkgStatusDirOnly: boolean;
}

/**
 * os-release ID → family. IDs not listed here fall back to ID_LIKE (`familyFromIdLike`), else
 * give family `unknown`. SUSE's variants share their base's family: SLES for SAP, SLE Micro
 * (`sle-micro`, renamed `sl-micro` for 6.x, `sle-micro-rancher`) are SLES-based, openSUSE Leap
 * Micro is Leap-based.
 */
const FAMILY_BY_ID: Readonly<Record<string, OsFamily>> = {
  debian: 'debian',
  ubuntu: 'ubuntu',
  alpine: 'alpine',
  wolfi: 'wolfi',
  chainguard: 'chainguard',
  rhel: 'rhel',
  centos: 'centos',
  rocky: 'rocky',
  almalinux: 'alma',
  fedora: 'fedora',
  amzn: 'amazon',
  ol: 'oracle',
  sles: 'sles',
  sles_sap: 'sles',
  'sle-micro': 'sles',
  'sl-micro': 'sles',
  'sle-micro-rancher': 'sles',
  'opensuse-leap': 'opensuse-leap',
  'opensuse-leap-micro': 'opensuse-leap',
  opensuse: 'opensuse-leap',
  'opensuse-tumbleweed': 'opensuse-tumbleweed',
  photon: 'photon',
  mariner: 'cbl-mariner',
  azurelinux: 'azurelinux',
};

export function familyForId(id: string): OsFamily {
  return FAMILY_BY_ID[id.toLowerCase()] ?? 'unknown';
}

/** ID_LIKE words that only say "some SUSE": used when no more specific word is known. */
const GENERIC_LIKE: Readonly<Record<string, OsFamily>> = { opensuse: 'opensuse-leap', suse: 'sles' };

/**
 * The family of a distribution os-release does not name directly, from ID_LIKE (space-separated
 * IDs, closest relative first): the first word that is a known ID (`rhel fedora` → rhel,
 * `ubuntu debian` → ubuntu), else a generic SUSE word (`opensuse` before `suse`). `unknown`
 * without ID_LIKE or when none of its words is known — a family is never guessed.
 */
export function familyFromIdLike(idLike: string | undefined): OsFamily {
  const words = (idLike ?? '').toLowerCase().split(/\s+/).filter((w) => w !== '');
  for (const w of words) {
    if (w in GENERIC_LIKE) continue;
    const family = familyForId(w);
    if (family !== 'unknown') return family;
  }
  for (const generic of Object.keys(GENERIC_LIKE)) {
    if (words.includes(generic)) return GENERIC_LIKE[generic] ?? 'unknown';
  }
  return 'unknown';
}

/** Work out the OS of an image; undefined when no file names one. */
export function detectOs(facts: DistroFacts): OsInfo | undefined {
  if (facts.osRelease) return fromOsRelease(facts.osRelease, facts);
  if (facts.lsbRelease) {
    const fromLsb = fromLsbRelease(facts.lsbRelease, facts);
    if (fromLsb) return fromLsb;
  }
  for (const path of FALLBACK_ORDER) {
    const text = facts.releaseFiles.get(path);
    const release = text === undefined ? undefined : readReleaseFile(path, text);
    if (release) return fromReleaseFile(path, release, facts);
  }
  return undefined;
}

function fromOsRelease(src: NonNullable<DistroFacts['osRelease']>, facts: DistroFacts): OsInfo {
  const f = src.fields;
  const id = (f['ID'] ?? '').toLowerCase();
  const byId = familyForId(id);
  const family = byId === 'unknown' ? familyFromIdLike(f['ID_LIKE']) : byId;
  const info: OsInfo = {
    family,
    name: f['NAME'] ?? (id === '' ? 'Linux' : id),
    id,
    version: f['VERSION_ID'] ?? '',
    evidence: [`/${src.path}`],
  };
  const codename = f['VERSION_CODENAME'] || f['UBUNTU_CODENAME'] || debianCodenameFromVersion(family, f['VERSION']);
  if (codename) info.codename = codename;
  if (f['PRETTY_NAME']) info.prettyName = f['PRETTY_NAME'];
  const detailed =
    detailedFromVersionField(info.version, f['VERSION']) ??
    detailedFromFiles(family, info, facts) ??
    debianFullVersion(family, info.version, f['DEBIAN_VERSION_FULL']);
  if (detailed !== undefined) info.detailedVersion = detailed;
  markDistroless(info, facts);
  return info;
}

function fromLsbRelease(src: NonNullable<DistroFacts['lsbRelease']>, facts: DistroFacts): OsInfo | undefined {
  const f = src.fields;
  const rawId = f['DISTRIB_ID'];
  if (rawId === undefined || rawId === '') return undefined;
  const id = rawId.toLowerCase();
  const info: OsInfo = {
    family: familyForId(id),
    name: rawId,
    id,
    version: f['DISTRIB_RELEASE'] ?? '',
    evidence: [`/${src.path}`],
  };
  if (f['DISTRIB_CODENAME']) info.codename = f['DISTRIB_CODENAME'];
  if (f['DISTRIB_DESCRIPTION']) info.prettyName = f['DISTRIB_DESCRIPTION'];
  markDistroless(info, facts);
  return info;
}

function fromReleaseFile(path: string, release: ReleaseFileFacts, facts: DistroFacts): OsInfo {
  const info: OsInfo = {
    family: release.family,
    name: release.name,
    id: release.id,
    version: coarseVersion(release),
    evidence: [`/${sourceOf(facts, path)}`],
  };
  info.detailedVersion = release.version;
  if (release.codename !== undefined) info.codename = release.codename;
  markDistroless(info, facts);
  return info;
}

/**
 * The version os-release would give as VERSION_ID for a release-file version: Debian and the
 * RHEL rebuilds' CentOS use the major version, Mariner/Azure Linux "major.minor"; others as-is.
 */
function coarseVersion(release: ReleaseFileFacts): string {
  const parts = release.version.split('.');
  switch (release.family) {
    case 'debian':
      return /^\d/.test(release.version) ? (parts[0] ?? release.version) : release.version;
    case 'centos':
      return parts[0] ?? release.version;
    case 'cbl-mariner':
    case 'azurelinux':
      return parts.slice(0, 2).join('.');
    default:
      return release.version;
  }
}

/** Ubuntu's VERSION "22.04.4 LTS (Jammy Jellyfish)" is more precise than VERSION_ID "22.04". */
function detailedFromVersionField(versionId: string, version: string | undefined): string | undefined {
  const lead = version === undefined ? undefined : /^(\d[\w.]*)/.exec(version.trim())?.[1];
  return lead !== undefined && versionId !== '' && lead.startsWith(`${versionId}.`) ? lead : undefined;
}

/**
 * The version from the family's release file when it agrees with VERSION_ID and is at least as
 * precise (Debian "12.11" for VERSION_ID "12"; Alpine "3.20.3" for "3.20.3").
 */
function detailedFromFiles(family: OsFamily, info: OsInfo, facts: DistroFacts): string | undefined {
  for (const path of RELEASE_FILES_BY_FAMILY[family] ?? []) {
    const text = facts.releaseFiles.get(path);
    const release = text === undefined ? undefined : readReleaseFile(path, text);
    if (!release || release.family !== family) continue;
    if (release.version === info.version || release.version.startsWith(`${info.version}.`)) {
      const evidence = `/${sourceOf(facts, path)}`;
      if (!info.evidence.includes(evidence)) info.evidence.push(evidence);
      return release.version;
    }
  }
  return undefined;
}

/** The file a release file's text was read from (the symlink's target, if it is one). */
function sourceOf(facts: DistroFacts, path: string): string {
  return facts.releaseFileSources?.get(path) ?? path;
}

/** Debian 13 and later: DEBIAN_VERSION_FULL="13.1" in os-release, when debian_version is absent. */
function debianFullVersion(family: OsFamily, versionId: string, full: string | undefined): string | undefined {
  if (family !== 'debian' || full === undefined || versionId === '') return undefined;
  return full === versionId || full.startsWith(`${versionId}.`) ? full : undefined;
}

/** Debian 8 and older have no VERSION_CODENAME, only VERSION="8 (jessie)". */
function debianCodenameFromVersion(family: OsFamily, version: string | undefined): string | undefined {
  if (family !== 'debian' || version === undefined) return undefined;
  return /\(([a-z]+)\)/.exec(version)?.[1];
}

function markDistroless(info: OsInfo, facts: DistroFacts): void {
  if ((info.family === 'debian' || info.family === 'ubuntu') && facts.dpkgStatusDirOnly) info.distroless = true;
}
