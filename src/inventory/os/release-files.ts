import type { OsFamily } from '../../core/inventory.js';

/**
 * Distribution-specific release files, read when os-release is missing (old images) and for the
 * extra precision some carry (Debian point release, CentOS build, Mariner build date).
 * Paths are image-relative.
 */

/** What one release file says: the family it implies and the version it gives. */
export interface ReleaseFileFacts {
  family: OsFamily;
  /** os-release style ID for the family. */
  id: string;
  name: string;
  /** The version as precise as the file gives it ("12.11", "7.9.2009", "2.0.20220226"). */
  version: string;
  codename?: string;
}

/** Release files per family, in the order they are consulted. */
export const RELEASE_FILES_BY_FAMILY: Readonly<Partial<Record<OsFamily, readonly string[]>>> = {
  debian: ['etc/debian_version'],
  alpine: ['etc/alpine-release'],
  rhel: ['etc/redhat-release'],
  centos: ['etc/centos-release', 'etc/redhat-release'],
  rocky: ['etc/rocky-release', 'etc/redhat-release'],
  alma: ['etc/almalinux-release', 'etc/redhat-release'],
  fedora: ['etc/fedora-release'],
  // Amazon Linux 2023: etc/system-release is a symlink to amazon-linux-release.
  amazon: ['etc/amazon-linux-release', 'etc/system-release'],
  oracle: ['etc/oracle-release'],
  sles: ['etc/SuSE-release'],
  'opensuse-leap': ['etc/SuSE-release'],
  photon: ['etc/photon-release'],
  'cbl-mariner': ['etc/mariner-release'],
  azurelinux: ['etc/azurelinux-release'],
};

/**
 * Every file the OS analyzer reads, os-release and lsb-release first. Several are symlinks in real
 * images (etc/os-release → ../usr/lib/os-release; etc/redhat-release → centos-release,
 * rocky-release or almalinux-release; etc/system-release → redhat-release, fedora-release,
 * oracle-release or amazon-linux-release), so the analyzer captures every `etc/*-release` file
 * as well: whatever such a link points to is read.
 */
export const OS_FILES: readonly string[] = [
  'etc/os-release',
  'usr/lib/os-release',
  'etc/lsb-release',
  'etc/debian_version',
  'etc/alpine-release',
  'etc/redhat-release',
  'etc/centos-release',
  'etc/rocky-release',
  'etc/almalinux-release',
  'etc/fedora-release',
  'etc/system-release',
  'etc/amazon-linux-release',
  'etc/oracle-release',
  'etc/SuSE-release',
  'etc/photon-release',
  'etc/mariner-release',
  'etc/azurelinux-release',
];

/** Files that may be the target of a release-file symlink: captured whatever their name. */
export const RELEASE_FILE_RE = /^etc\/[A-Za-z0-9._-]+[-_]release$/;

/** Fallback order when there is no os-release: most specific files first. */
export const FALLBACK_ORDER: readonly string[] = [
  'etc/alpine-release',
  'etc/azurelinux-release',
  'etc/mariner-release',
  'etc/photon-release',
  'etc/rocky-release',
  'etc/almalinux-release',
  'etc/oracle-release',
  'etc/centos-release',
  'etc/fedora-release',
  'etc/amazon-linux-release',
  'etc/system-release',
  'etc/redhat-release',
  'etc/SuSE-release',
  'etc/debian_version',
];

interface RedHatName {
  re: RegExp;
  family: OsFamily;
  id: string;
}

/** Product names in `<Name> release <version> (<codename>)` lines, most specific first. */
const REDHAT_NAMES: readonly RedHatName[] = [
  { re: /^Red Hat Enterprise Linux/i, family: 'rhel', id: 'rhel' },
  { re: /^CentOS/i, family: 'centos', id: 'centos' },
  { re: /^Rocky Linux/i, family: 'rocky', id: 'rocky' },
  { re: /^AlmaLinux/i, family: 'alma', id: 'almalinux' },
  { re: /^Fedora/i, family: 'fedora', id: 'fedora' },
  { re: /^Oracle Linux/i, family: 'oracle', id: 'ol' },
  { re: /^Amazon Linux/i, family: 'amazon', id: 'amzn' },
];

/** Interpret one release file's text; undefined when it does not say anything usable. */
export function readReleaseFile(path: string, text: string): ReleaseFileFacts | undefined {
  const first = (text.split(/\r?\n/).find((l) => l.trim() !== '') ?? '').trim();
  if (first === '') return undefined;
  switch (path) {
    case 'etc/debian_version':
      return { family: 'debian', id: 'debian', name: 'Debian GNU/Linux', version: first };
    case 'etc/alpine-release':
      return { family: 'alpine', id: 'alpine', name: 'Alpine Linux', version: first };
    case 'etc/SuSE-release':
      return readSuseRelease(first, text);
    case 'etc/photon-release':
      return withVersion(first, /^VMware Photon(?: OS)?(?: Linux)?\s+(\S+)/i, 'photon', 'photon', 'VMware Photon OS');
    case 'etc/mariner-release':
      return withVersion(first, /^CBL-Mariner\s+(\S+)/i, 'cbl-mariner', 'mariner', 'CBL-Mariner');
    case 'etc/azurelinux-release':
      return withVersion(first, /^(?:Microsoft )?Azure Linux\s+(\S+)/i, 'azurelinux', 'azurelinux', 'Azure Linux');
    default:
      return readRedHatStyle(first);
  }
}

function withVersion(line: string, re: RegExp, family: OsFamily, id: string, name: string): ReleaseFileFacts | undefined {
  const version = re.exec(line)?.[1];
  return version === undefined ? undefined : { family, id, name, version };
}

/** `CentOS Linux release 7.9.2009 (Core)`, `Amazon Linux AMI release 2018.03`, ... */
function readRedHatStyle(line: string): ReleaseFileFacts | undefined {
  const m = /^(.*?)\s+release\s+(\S+)(?:\s+\((.+)\))?/i.exec(line);
  if (!m) return undefined;
  const name = (m[1] ?? '').trim();
  const known = REDHAT_NAMES.find((n) => n.re.test(name));
  if (!known) return undefined;
  const facts: ReleaseFileFacts = { family: known.family, id: known.id, name, version: m[2] ?? '' };
  if (m[3] !== undefined) facts.codename = m[3];
  return facts;
}

/** Pre-os-release SUSE: `SUSE Linux Enterprise Server 12 (x86_64)` + `VERSION = 12` + `PATCHLEVEL = 5`. */
function readSuseRelease(first: string, text: string): ReleaseFileFacts | undefined {
  const version = /^VERSION\s*=\s*(\S+)/m.exec(text)?.[1];
  if (version === undefined) return undefined;
  const patch = /^PATCHLEVEL\s*=\s*(\d+)/m.exec(text)?.[1];
  const full = patch === undefined || patch === '0' ? version : `${version}.${patch}`;
  const name = first.replace(/\s*\(.*\)\s*$/, '').replace(/\s+[\d.]+$/, '');
  if (/opensuse/i.test(first)) return { family: 'opensuse-leap', id: 'opensuse', name, version: full };
  if (/SUSE Linux Enterprise/i.test(first)) return { family: 'sles', id: 'sles', name, version: full };
  return undefined;
}
