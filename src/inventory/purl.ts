import { createRequire } from 'node:module';
import type { PackageURL as PackageURLClass } from 'packageurl-js';

import type { OsInfo } from '../core/inventory.js';
import type { PackageRecord } from '../core/package.js';

/** packageurl-js builds sizeable tables when loaded; load it on the first purl, not at start-up. */
let purlClass: typeof PackageURLClass | undefined;
function PackageURLCtor(): typeof PackageURLClass {
  purlClass ??= (createRequire(import.meta.url)('packageurl-js') as { PackageURL: typeof PackageURLClass }).PackageURL;
  return purlClass;
}

/**
 * A purl string made with packageurl-js (its normalisation and percent-encoding rules), for
 * analyzers that know their ecosystem's namespace: `makePurl('npm', '@babel', 'core', '7.24.0')`
 * → `pkg:npm/%40babel/core@7.24.0`. Qualifiers with empty values are left out.
 */
export function makePurl(
  type: string,
  namespace: string | undefined,
  name: string,
  version: string | undefined,
  qualifiers?: Record<string, string | undefined>,
  subpath?: string,
): string {
  const q: Record<string, string> = {};
  for (const [k, v] of Object.entries(qualifiers ?? {})) if (v !== undefined && v !== '') q[k] = v;
  const Ctor = PackageURLCtor();
  return new Ctor(type, namespace || undefined, name, version || undefined, Object.keys(q).length ? q : undefined, subpath || undefined).toString();
}

/**
 * Package URLs for OS packages (purl-spec types deb, apk, rpm):
 *
 *   pkg:deb/debian/libssl3@3.0.11-1~deb12u2?arch=amd64&distro=debian-12
 *   pkg:apk/alpine/musl@1.2.5-r0?arch=x86_64&distro=alpine-3.20.3
 *   pkg:rpm/rhel/openssl@3.0.7-27.el9?arch=x86_64&distro=rhel-9.4&epoch=1
 *
 * Namespace (the vendor): deb → `debian`/`ubuntu` for those families, the os-release ID for other
 * Debian derivatives, `debian` when the OS is unknown; apk → `alpine`/`wolfi`/`chainguard`, the
 * os-release ID otherwise, `alpine` when unknown; rpm → the os-release ID (`rhel`, `rocky`,
 * `amzn`, ...), no namespace when the OS is unknown (there is no neutral rpm vendor).
 *
 * Version: deb and apk keep the full version, a deb epoch included (`1:2.3-4`); rpm puts
 * version-release in the version and the epoch in the `epoch` qualifier, as the spec says.
 * `distro` is `<os id>-<VERSION_ID>` when the OS is known.
 *
 * `upstream` names the source package when it is not the binary package itself (as Syft does):
 * `upstream=util-linux`, or `upstream=bash@5.2.15-2` when the source version differs too (an epoch
 * the source version lacks does not count as a difference).
 * Matchers join binary packages to source-level advisories through it.
 *
 * Other package types (language ecosystems) get neither an OS namespace nor `distro`: their
 * analyzers know their namespaces; here they get `pkg:<type>/<name>@<version>`, or
 * `pkg:generic/...` when the type's purl rules reject that (e.g. maven without a group).
 */
export function purlFor(record: PackageRecord, os: OsInfo | undefined): string {
  if (!OS_TYPES.has(record.type)) return languagePurl(record);
  const qualifiers: Record<string, string> = {};
  if (record.arch !== undefined && record.arch !== '') qualifiers['arch'] = record.arch;
  let version = record.version;
  if (record.type === 'rpm') {
    version = version.replace(/^\d+:/, '');
    const epoch = record.epoch ?? epochOf(record.version);
    if (epoch !== undefined && epoch > 0) qualifiers['epoch'] = String(epoch);
  }
  if (os && os.id !== '' && os.version !== '') qualifiers['distro'] = `${os.id}-${os.version}`;
  const upstream = upstreamOf(record);
  if (upstream !== undefined) qualifiers['upstream'] = upstream;
  const purl = new (PackageURLCtor())(record.type, namespaceFor(record, os), record.name, version, qualifiers, undefined);
  return purl.toString();
}

const OS_TYPES: ReadonlySet<string> = new Set(['deb', 'apk', 'rpm']);

function languagePurl(record: PackageRecord): string {
  try {
    return new (PackageURLCtor())(record.type, undefined, record.name, record.version, undefined, undefined).toString();
  } catch {
    return new (PackageURLCtor())('generic', undefined, record.name, record.version, undefined, undefined).toString();
  }
}

function namespaceFor(record: PackageRecord, os: OsInfo | undefined): string | undefined {
  const id = os?.id !== undefined && os.id !== '' ? os.id.toLowerCase() : undefined;
  switch (record.type) {
    case 'deb':
      if (os?.family === 'debian' || os?.family === 'ubuntu') return os.family;
      return id ?? 'debian';
    case 'apk':
      if (os?.family === 'alpine' || os?.family === 'wolfi' || os?.family === 'chainguard') return os.family;
      return id ?? 'alpine';
    default:
      return id;
  }
}

function epochOf(version: string): number | undefined {
  const m = /^(\d+):/.exec(version);
  return m?.[1] === undefined ? undefined : Number(m[1]);
}

function upstreamOf(record: PackageRecord): string | undefined {
  const source = record.source;
  if (!source || source.name === '') return undefined;
  // Source versions often lack the binary's epoch (bsdutils 1:2.38.1-5 from util-linux 2.38.1-5);
  // only a real difference (a binNMU, another upstream release) is worth naming.
  const comparable = (v: string): string => v.replace(/^\d+:/, '');
  const versionDiffers = source.version !== '' && comparable(source.version) !== comparable(record.version);
  if (source.name === record.name && !versionDiffers) return undefined;
  return versionDiffers ? `${source.name}@${source.version}` : source.name;
}
