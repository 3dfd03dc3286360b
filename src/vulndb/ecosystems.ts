import type { SchemeId } from '../versioning/scheme.js';
import type { Namespace } from './model.js';

/**
 * Namespaces (see model.ts) ↔ OSV ecosystems, per-namespace name normalisation and version scheme.
 * One table, used by importers (feed → namespace) and matchers (package → namespace) alike, so the two
 * sides cannot drift apart.
 */
interface LanguageEcosystem {
  namespace: Namespace;
  osv: string;
  scheme?: SchemeId;
  normalize: (name: string) => string;
}

const asIs = (n: string): string => n;
const lower = (n: string): string => n.toLowerCase();
/** PEP 503: runs of `-`, `_`, `.` are one `-`, case-insensitive. */
const pep503 = (n: string): string => n.toLowerCase().replace(/[-_.]+/g, '-');

export const LANGUAGE_ECOSYSTEMS: readonly LanguageEcosystem[] = [
  { namespace: 'npm', osv: 'npm', scheme: 'npm', normalize: asIs },
  { namespace: 'pypi', osv: 'PyPI', scheme: 'pep440', normalize: pep503 },
  { namespace: 'go', osv: 'Go', scheme: 'go', normalize: asIs },
  // Maven coordinates are `groupId:artifactId`, case-sensitive.
  { namespace: 'maven', osv: 'Maven', scheme: 'maven', normalize: asIs },
  { namespace: 'gem', osv: 'RubyGems', scheme: 'gem', normalize: asIs },
  // crates.io names are unique case-insensitively and with `-` ≡ `_`; advisories use the canonical spelling.
  { namespace: 'cargo', osv: 'crates.io', scheme: 'cargo', normalize: (n) => n.toLowerCase().replace(/_/g, '-') },
  { namespace: 'composer', osv: 'Packagist', scheme: 'composer', normalize: lower },
  { namespace: 'nuget', osv: 'NuGet', scheme: 'nuget', normalize: lower },
  { namespace: 'hex', osv: 'Hex', normalize: lower },
  { namespace: 'pub', osv: 'Pub', normalize: lower },
  { namespace: 'swift', osv: 'SwiftURL', normalize: asIs },
  { namespace: 'hackage', osv: 'Hackage', normalize: asIs },
  { namespace: 'cran', osv: 'CRAN', normalize: asIs },
  { namespace: 'github-actions', osv: 'GitHub Actions', normalize: lower },
];

/** Distros: OSV ecosystem name → namespace prefix and scheme. */
const DISTROS: ReadonlyArray<{ prefix: string; osv: string; scheme: SchemeId }> = [
  { prefix: 'debian', osv: 'Debian', scheme: 'deb' },
  { prefix: 'ubuntu', osv: 'Ubuntu', scheme: 'deb' },
  { prefix: 'alpine', osv: 'Alpine', scheme: 'apk' },
  { prefix: 'wolfi', osv: 'Wolfi', scheme: 'apk' },
  { prefix: 'chainguard', osv: 'Chainguard', scheme: 'apk' },
  { prefix: 'rhel', osv: 'Red Hat', scheme: 'rpm' },
  { prefix: 'rocky', osv: 'Rocky Linux', scheme: 'rpm' },
  { prefix: 'alma', osv: 'AlmaLinux', scheme: 'rpm' },
  { prefix: 'sles', osv: 'SUSE', scheme: 'rpm' },
  { prefix: 'opensuse', osv: 'openSUSE', scheme: 'rpm' },
  { prefix: 'photon', osv: 'Photon OS', scheme: 'rpm' },
  { prefix: 'azurelinux', osv: 'Azure Linux', scheme: 'rpm' },
  { prefix: 'mageia', osv: 'Mageia', scheme: 'rpm' },
  { prefix: 'openeuler', osv: 'openEuler', scheme: 'rpm' },
  { prefix: 'amazon', osv: 'Amazon Linux', scheme: 'rpm' },
  { prefix: 'oracle', osv: 'Oracle Linux', scheme: 'rpm' },
  { prefix: 'centos', osv: 'CentOS', scheme: 'rpm' },
  { prefix: 'fedora', osv: 'Fedora', scheme: 'rpm' },
  { prefix: 'cbl-mariner', osv: 'CBL-Mariner', scheme: 'rpm' },
];

/** Rolling distros have one namespace: `wolfi:rolling`, `chainguard:rolling`. */
export const ROLLING_RELEASE = 'rolling';

/**
 * The namespace of an OSV `affected[].package.ecosystem` string, or undefined for ecosystems drydock
 * does not match (Linux kernel, OSS-Fuzz, Android...). Release suffixes are normalised:
 * `Alpine:v3.20` → `alpine:3.20`, `Debian:12` → `debian:12`, `Ubuntu:22.04:LTS` / `Ubuntu:Pro:22.04:LTS`
 * → `ubuntu:22.04`, `Wolfi` → `wolfi:rolling`. A distro without release (`Debian`) → undefined: an
 * unscoped distro record cannot be matched safely against one release.
 */
export function namespaceFromOsvEcosystem(ecosystem: string): Namespace | undefined {
  const lang = LANGUAGE_ECOSYSTEMS.find((e) => e.osv === ecosystem);
  if (lang) return lang.namespace;
  const [base = '', ...rest] = ecosystem.split(':');
  const distro = DISTROS.find((d) => d.osv === base);
  if (!distro) return undefined;
  if (distro.prefix === 'wolfi' || distro.prefix === 'chainguard') return `${distro.prefix}:${ROLLING_RELEASE}`;
  const parts = rest.filter((p) => p !== 'Pro' && p !== 'LTS' && p !== 'FIPS');
  let release = parts[0];
  if (release === undefined || release === '') return undefined;
  if (distro.prefix === 'alpine') release = release.replace(/^v/, '');
  return `${distro.prefix}:${release.toLowerCase()}`;
}

/** The distro prefix of a namespace (`debian` of `debian:12`), or undefined for language ecosystems. */
export function distroOf(namespace: Namespace): string | undefined {
  const i = namespace.indexOf(':');
  return i < 0 ? undefined : namespace.slice(0, i);
}

/** The version scheme that orders versions in `namespace`; undefined when drydock has none. */
export function schemeForNamespace(namespace: Namespace): SchemeId | undefined {
  const distro = distroOf(namespace);
  if (distro !== undefined) return DISTROS.find((d) => d.prefix === distro)?.scheme;
  return LANGUAGE_ECOSYSTEMS.find((e) => e.namespace === namespace)?.scheme;
}

/** A package name as stored for `namespace` (PEP 503 for PyPI, lowercase for NuGet/Composer, ...). Distro names are kept. */
export function normalizePackageName(namespace: Namespace, name: string): string {
  if (distroOf(namespace) !== undefined) return name;
  const eco = LANGUAGE_ECOSYSTEMS.find((e) => e.namespace === namespace);
  return eco ? eco.normalize(name) : name;
}
