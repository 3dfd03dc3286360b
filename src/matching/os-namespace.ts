import type { OsFamily, OsInfo } from '../core/inventory.js';
import { ROLLING_RELEASE } from '../vulndb/ecosystems.js';
import type { Namespace } from '../vulndb/model.js';

/**
 * The advisory namespace of an image's distro release (see vulndb/model.ts): `debian:12`,
 * `ubuntu:22.04`, `alpine:3.20`, `rhel:9`, `amazon:2023`, `wolfi:rolling`. A string error when the
 * release cannot be told: the caller records it as an unknown, never as "no vulnerabilities".
 */
export type NamespaceResult = { namespace: Namespace } | { error: string };

/** Debian codenames, for images whose os-release has no VERSION_ID (a release's point releases share it). */
const DEBIAN_CODENAMES: Readonly<Record<string, string>> = {
  wheezy: '7', jessie: '8', stretch: '9', buster: '10', bullseye: '11', bookworm: '12', trixie: '13', forky: '14',
};

/** Families whose advisories are per major release (`9.4` → `9`). */
const BY_MAJOR: ReadonlySet<OsFamily> = new Set(['debian', 'rhel', 'centos', 'rocky', 'alma', 'oracle']);
/** Families whose advisories use the release as os-release writes it. */
const BY_VERSION: Readonly<Partial<Record<OsFamily, string>>> = {
  ubuntu: 'ubuntu', amazon: 'amazon', fedora: 'fedora', sles: 'sles', 'opensuse-leap': 'opensuse',
  photon: 'photon', azurelinux: 'azurelinux', 'cbl-mariner': 'cbl-mariner',
};

function describe(os: OsInfo): string {
  return os.prettyName ?? `${os.name} ${os.version}`.trim();
}

function debianRelease(os: OsInfo): string | undefined {
  const m = /^(\d+)/.exec(os.version) ?? /^(\d+)/.exec(os.detailedVersion ?? '');
  if (m) return m[1];
  return os.codename === undefined ? undefined : DEBIAN_CODENAMES[os.codename.toLowerCase()];
}

const memo = new WeakMap<OsInfo, NamespaceResult>();

/** `distroNamespaceOf`, computed once per OsInfo object (every OS package of an inventory asks). */
export function distroNamespace(os: OsInfo | undefined): NamespaceResult {
  if (!os) return distroNamespaceOf(os);
  let r = memo.get(os);
  if (!r) {
    r = distroNamespaceOf(os);
    memo.set(os, r);
  }
  return r;
}

function distroNamespaceOf(os: OsInfo | undefined): NamespaceResult {
  if (!os || os.family === 'unknown') return { error: 'the distribution release is not known (no readable os-release)' };
  if (os.family === 'wolfi' || os.family === 'chainguard') return { namespace: `${os.family}:${ROLLING_RELEASE}` };
  if (os.family === 'alpine') {
    const m = /^(\d+)\.(\d+)/.exec(os.version);
    return m ? { namespace: `alpine:${m[1]}.${m[2]}` } : { error: `cannot tell the Alpine branch of ${describe(os)} (version "${os.version}")` };
  }
  if (os.family === 'debian') {
    const r = debianRelease(os);
    return r ? { namespace: `debian:${r}` } : { error: `cannot tell the Debian release number of ${describe(os)} (testing/unstable have no security-tracker release)` };
  }
  if (BY_MAJOR.has(os.family)) {
    const m = /^(\d+)/.exec(os.version);
    return m ? { namespace: `${os.family}:${m[1]}` } : { error: `cannot tell the major release of ${describe(os)}` };
  }
  const prefix = BY_VERSION[os.family];
  if (prefix !== undefined && os.version !== '') return { namespace: `${prefix}:${os.version.toLowerCase()}` };
  return { error: `no advisory namespace for ${describe(os)}` };
}
