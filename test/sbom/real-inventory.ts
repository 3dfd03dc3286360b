import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { PackageURL } from 'packageurl-js';
import type { Inventory } from '../../src/core/inventory.js';
import type { Package } from '../../src/core/package.js';
import { SHARED } from './paths.js';

/**
 * Inventories built from real package databases, independent of drydock's analyzers (this test
 * needs real names, versions, epochs and license strings, not analyzer behaviour):
 * - the Alpine 3.20.3 minirootfs in ../shared/fixtures (its lib/apk/db/installed, read with tar);
 * - this Debian 12 machine's dpkg database, read with dpkg-query.
 */
export function alpineInventory(): Inventory {
  const tarball = `${SHARED}fixtures/alpine/alpine-minirootfs-3.20.3-x86_64.tar.gz`;
  const diffId = `sha256:${createHash('sha256').update(gunzipSync(readFileSync(tarball))).digest('hex')}`;
  const db = execFileSync('tar', ['-xzOf', tarball, './lib/apk/db/installed'], { encoding: 'utf8' });
  const packages: Package[] = [];
  for (const block of db.split(/\n\s*\n/)) {
    const field = (k: string): string | undefined => new RegExp(`^${k}:(.*)$`, 'm').exec(block)?.[1];
    const name = field('P');
    const version = field('V');
    if (name === undefined || version === undefined) continue;
    const arch = field('A') ?? 'noarch';
    const purl = new PackageURL('apk', 'alpine', name, version, { arch, distro: '3.20.3' }, undefined).toString();
    const p: Package = {
      id: `apk:${name}@${version}`, type: 'apk', name, version, arch, purl, foundBy: 'apk', location: '/lib/apk/db/installed',
      licenses: field('L') ? [field('L') ?? ''] : [], source: { name: field('o') ?? name, version },
      layer: { index: 0, diffId, createdBy: 'ADD alpine-minirootfs-3.20.3-x86_64.tar.gz / # buildkit' },
    };
    const maintainer = field('m');
    if (maintainer) p.metadata = { maintainer };
    packages.push(p);
  }
  return {
    schema: 'drydock.inventory/v1', tool: { name: 'drydock', version: '0.1.0' }, createdAt: '2024-09-06T00:00:00Z',
    source: { kind: 'oci-archive', reference: 'oci-archive:alpine.tar', layers: [{ index: 0, diffId }] },
    os: { family: 'alpine', name: 'Alpine Linux', id: 'alpine', version: '3.20.3', evidence: ['/etc/os-release'] },
    packages, unknowns: [],
  };
}

const DPKG_FORMAT = '${Package}\\t${Version}\\t${Architecture}\\t${source:Package}\\t${source:Version}\\t${Maintainer}\\t${Depends}\\n';

export function debianHostInventory(): Inventory {
  const out = execFileSync('dpkg-query', ['-W', '-f', DPKG_FORMAT], { encoding: 'utf8', maxBuffer: 64 << 20 });
  const rows = out.split('\n').filter((l) => l !== '').map((l) => l.split('\t'));
  const idOf = new Map(rows.map(([name = '', version = '', arch = '']) => [name, `deb:${name}@${version}:${arch}`]));
  const packages: Package[] = rows.map(([name = '', version = '', arch = '', srcName = '', srcVersion = '', maintainer = '', depends = '']) => {
    const epoch = /^(\d+):/.exec(version)?.[1];
    const p: Package = {
      id: idOf.get(name) ?? name, type: 'deb', name, version, arch, foundBy: 'dpkg', location: '/var/lib/dpkg/status',
      purl: new PackageURL('deb', 'debian', name, version, { arch, distro: 'debian-12' }, undefined).toString(),
      licenses: [], source: { name: srcName, version: srcVersion }, metadata: { maintainer },
    };
    if (epoch !== undefined) p.epoch = Number(epoch);
    // First alternative of each Depends entry, without version constraint or :any.
    const deps = depends.split(',').map((d) => d.split('|')[0]?.trim().split(/[\s:(]/)[0] ?? '').filter((d) => idOf.has(d));
    if (deps.length > 0) p.dependsOn = [...new Set(deps.map((d) => idOf.get(d) ?? d))];
    return p;
  });
  return {
    schema: 'drydock.inventory/v1', tool: { name: 'drydock', version: '0.1.0' }, createdAt: new Date().toISOString(),
    source: { kind: 'dir', reference: 'dir:/', layers: [{ index: 0 }] },
    os: { family: 'debian', name: 'Debian GNU/Linux', id: 'debian', version: '12', codename: 'bookworm', evidence: ['/etc/os-release'] },
    packages, unknowns: [],
  };
}
