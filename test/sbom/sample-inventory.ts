import { PackageURL } from 'packageurl-js';
import type { Inventory, LayerInfo } from '../../src/core/inventory.js';
import type { LayerRef, Package, PackageType } from '../../src/core/package.js';

/**
 * A hand-made inventory shaped like a real multi-layer image: deb, apk and rpm packages (epochs,
 * odd names), an npm and a maven package, licenses as SPDX ids, expressions and free text,
 * layer provenance and dependsOn edges. Digests are sha256 of short strings.
 */
const d = (hex: string): string => `sha256:${hex.repeat(64).slice(0, 64)}`;

const LAYERS: LayerInfo[] = [
  { index: 0, diffId: d('a1'), digest: d('b1'), createdBy: '# debian.sh --arch arm64 out/ bookworm @1717372800' },
  { index: 1, diffId: d('a2'), digest: d('b2'), createdBy: 'RUN /bin/sh -c apt-get update && apt-get install -y libstdc++6 # buildkit' },
  { index: 2, diffId: d('a3'), digest: d('b3'), createdBy: 'COPY rootfs/ / # buildkit' },
];

const layer = (i: 0 | 1 | 2): LayerRef => {
  const l = LAYERS[i];
  if (!l?.diffId || !l.createdBy) throw new Error('bad layer table');
  return { index: i, diffId: l.diffId, createdBy: l.createdBy };
};

interface Spec {
  id: string;
  type: PackageType;
  ns?: string;
  name: string;
  purlName?: string;
  version: string;
  purlVersion?: string;
  qualifiers?: Record<string, string>;
  rest: Omit<Package, 'id' | 'type' | 'name' | 'version' | 'purl'>;
}

function pkg(s: Spec): Package {
  const purl = new PackageURL(s.type, s.ns, s.purlName ?? s.name, s.purlVersion ?? s.version, s.qualifiers, undefined);
  return { id: s.id, type: s.type, name: s.name, version: s.version, purl: purl.toString(), ...s.rest };
}

const debQ = { arch: 'arm64', distro: 'debian-12' };
const dpkg = { foundBy: 'dpkg', location: '/var/lib/dpkg/status' };

export const PACKAGES: Package[] = [
  pkg({
    id: 'deb:libc6@2.36-9+deb12u7:arm64', type: 'deb', ns: 'debian', name: 'libc6', version: '2.36-9+deb12u7', qualifiers: debQ,
    rest: {
      ...dpkg, arch: 'arm64', layer: layer(0), source: { name: 'glibc', version: '2.36-9+deb12u7' },
      licenses: ['LGPL-2.1-or-later', 'GPL-2.0-or-later WITH GCC-exception-2.0'],
      metadata: { maintainer: 'GNU Libc Maintainers <debian-glibc@lists.debian.org>', installedSize: '12990' },
      dependsOn: ['deb:libgcc-s1@12.2.0-14:arm64'],
    },
  }),
  pkg({
    id: 'deb:libgcc-s1@12.2.0-14:arm64', type: 'deb', ns: 'debian', name: 'libgcc-s1', version: '12.2.0-14', qualifiers: debQ,
    rest: {
      ...dpkg, arch: 'arm64', layer: layer(0), source: { name: 'gcc-12', version: '12.2.0-14' },
      licenses: ['GPL-3.0-or-later WITH GCC-exception-3.1'], dependsOn: ['deb:libc6@2.36-9+deb12u7:arm64'],
    },
  }),
  pkg({
    id: 'deb:libstdc++6@12.2.0-14:arm64', type: 'deb', ns: 'debian', name: 'libstdc++6', version: '12.2.0-14', qualifiers: debQ,
    rest: {
      ...dpkg, arch: 'arm64', layer: layer(1), source: { name: 'gcc-12', version: '12.2.0-14' },
      licenses: ['GPL-3.0-or-later', 'GFDL-1.2-only', 'Artistic'],
      dependsOn: ['deb:libc6@2.36-9+deb12u7:arm64', 'deb:libgcc-s1@12.2.0-14:arm64', 'deb:not-in-inventory'],
    },
  }),
  pkg({
    id: 'deb:login@1:4.13+dfsg1-1+b1:arm64', type: 'deb', ns: 'debian', name: 'login', version: '1:4.13+dfsg1-1+b1', qualifiers: debQ,
    rest: {
      ...dpkg, arch: 'arm64', epoch: 1, layer: layer(0), source: { name: 'shadow', version: '1:4.13+dfsg1-1' },
      licenses: ['GPL-2.0-or-later', 'BSD-3-Clause OR GPL-2.0-only'], dependsOn: ['deb:libc6@2.36-9+deb12u7:arm64'],
    },
  }),
  pkg({
    id: 'deb:python3.11-minimal@3.11.2-6+deb12u2:arm64', type: 'deb', ns: 'debian', name: 'python3.11-minimal',
    version: '3.11.2-6+deb12u2', qualifiers: debQ,
    rest: {
      ...dpkg, arch: 'arm64', layer: layer(1), source: { name: 'python3.11', version: '3.11.2-6+deb12u2' }, licenses: [],
      extraPurls: ['pkg:pypi/setuptools@66.1.1'],
    },
  }),
  pkg({
    id: 'apk:musl@1.2.4-r2', type: 'apk', ns: 'alpine', name: 'musl', version: '1.2.4-r2', qualifiers: { arch: 'aarch64', distro: '3.18.4' },
    rest: {
      foundBy: 'apk', location: '/lib/apk/db/installed', arch: 'aarch64', layer: layer(2),
      source: { name: 'musl', version: '1.2.4-r2' }, licenses: ['MIT'],
    },
  }),
  pkg({
    id: 'apk:ca-certificates-bundle@20230506-r0', type: 'apk', ns: 'alpine', name: 'ca-certificates-bundle', version: '20230506-r0',
    qualifiers: { arch: 'aarch64', distro: '3.18.4' },
    rest: {
      foundBy: 'apk', location: '/lib/apk/db/installed', arch: 'aarch64', layer: layer(2),
      source: { name: 'ca-certificates', version: '20230506-r0' }, licenses: ['MPL-2.0 AND MIT'],
    },
  }),
  pkg({
    id: 'rpm:openssl-libs@1:3.0.7-27.el9.aarch64', type: 'rpm', ns: 'redhat', name: 'openssl-libs', version: '1:3.0.7-27.el9',
    purlVersion: '3.0.7-27.el9', qualifiers: { arch: 'aarch64', epoch: '1', distro: 'rhel-9.4' },
    rest: {
      foundBy: 'rpm', location: '/var/lib/rpm/rpmdb.sqlite', arch: 'aarch64', epoch: 1, layer: layer(2),
      source: { name: 'openssl', version: '1:3.0.7-27.el9' }, licenses: ['ASL 2.0'], metadata: { vendor: 'Red Hat, Inc.' },
      dependsOn: ['rpm:tzdata@2024a-1.el9.noarch'],
    },
  }),
  pkg({
    id: 'rpm:perl-Digest-MD5@2.58-4.el9.aarch64', type: 'rpm', ns: 'redhat', name: 'perl-Digest-MD5', version: '2.58-4.el9',
    qualifiers: { arch: 'aarch64', distro: 'rhel-9.4' },
    rest: {
      foundBy: 'rpm', location: '/var/lib/rpm/rpmdb.sqlite', arch: 'aarch64', layer: layer(2),
      source: { name: 'perl-Digest-MD5', version: '2.58-4.el9' },
      licenses: ['(GPL+ or Artistic) and BSD', 'GPL-1.0-or-later OR Artistic-1.0-Perl'],
    },
  }),
  pkg({
    id: 'rpm:tzdata@2024a-1.el9.noarch', type: 'rpm', ns: 'redhat', name: 'tzdata', version: '2024a-1.el9',
    qualifiers: { arch: 'noarch', distro: 'rhel-9.4' },
    rest: { foundBy: 'rpm', location: '/var/lib/rpm/rpmdb.sqlite', arch: 'noarch', licenses: ['Public Domain'] },
  }),
  pkg({
    id: 'npm:@types/node@20.11.5', type: 'npm', ns: '@types', name: '@types/node', purlName: 'node', version: '20.11.5',
    rest: {
      foundBy: 'npm', location: '/app/node_modules/@types/node/package.json', layer: layer(2), licenses: ['MIT'],
      foundIn: 'lockfile', relationship: 'direct', dev: true, evidence: ['package-lock.json v3'],
    },
  }),
  pkg({
    id: 'generic:openssl@3.0.2', type: 'generic', name: 'openssl', version: '3.0.2',
    rest: {
      foundBy: 'binary-fingerprint', location: '/opt/ssl/lib/libcrypto.so.3', layer: layer(2), licenses: [],
      foundIn: 'binary', evidence: ['version string "OpenSSL 3.0.2 15 Mar 2022"'],
      cpes: ['cpe:2.3:a:openssl:openssl:3.0.2:*:*:*:*:*:*:*'],
    },
  }),
  pkg({
    id: 'maven:org.apache.logging.log4j:log4j-core@2.17.1', type: 'maven', ns: 'org.apache.logging.log4j',
    name: 'org.apache.logging.log4j:log4j-core', purlName: 'log4j-core', version: '2.17.1',
    rest: { foundBy: 'jar', location: '/app/lib/log4j-core-2.17.1.jar', layer: layer(2), licenses: ['Apache-2.0'] },
  }),
];

export function sampleInventory(): Inventory {
  return {
    schema: 'drydock.inventory/v1',
    tool: { name: 'drydock', version: '0.1.0' },
    createdAt: '2024-06-03T08:15:30.123Z',
    source: {
      kind: 'registry',
      reference: 'localhost:5000/team/web-app:1.4.2',
      name: 'localhost:5000/team/web-app:1.4.2',
      digest: d('c0ffee'),
      configDigest: d('cf'),
      repoDigests: [`localhost:5000/team/web-app@${d('c0ffee')}`],
      platform: { os: 'linux', architecture: 'arm64', variant: 'v8' },
      created: '2024-06-01T12:00:00Z',
      layers: LAYERS,
    },
    os: {
      family: 'debian',
      name: 'Debian GNU/Linux',
      id: 'debian',
      version: '12',
      detailedVersion: '12.5',
      codename: 'bookworm',
      prettyName: 'Debian GNU/Linux 12 (bookworm)',
      evidence: ['/etc/os-release', '/etc/debian_version'],
    },
    packages: PACKAGES,
    unknowns: [{ path: '/var/lib/dpkg/status.d/broken', source: 'dpkg', reason: 'truncated stanza' }],
  };
}
