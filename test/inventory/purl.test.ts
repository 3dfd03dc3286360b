import { execFileSync } from 'node:child_process';
import { PackageURL } from 'packageurl-js';
import { describe, expect, it } from 'vitest';
import type { OsFamily, OsInfo } from '../../src/core/inventory.js';
import type { PackageRecord } from '../../src/core/package.js';
import { purlFor } from '../../src/inventory/purl.js';
import { sharedPath } from './support/shared.js';

const osInfo = (family: OsFamily, id: string, version: string): OsInfo => ({ family, id, version, name: id, evidence: [] });
const debian12 = osInfo('debian', 'debian', '12');
const alpine = osInfo('alpine', 'alpine', '3.20.3');

const rec = (r: Partial<PackageRecord> & Pick<PackageRecord, 'type' | 'name' | 'version'>): PackageRecord => ({ licenses: [], ...r });

describe('purlFor', () => {
  it.each([
    [rec({ type: 'deb', name: 'libssl3', version: '3.0.11-1~deb12u2', arch: 'amd64' }), debian12, 'pkg:deb/debian/libssl3@3.0.11-1~deb12u2?arch=amd64&distro=debian-12'],
    [rec({ type: 'apk', name: 'musl', version: '1.2.5-r0', arch: 'x86_64', source: { name: 'musl', version: '1.2.5-r0' } }), alpine, 'pkg:apk/alpine/musl@1.2.5-r0?arch=x86_64&distro=alpine-3.20.3'],
    [
      rec({ type: 'deb', name: 'bsdutils', version: '1:2.38.1-5+deb12u3', epoch: 1, arch: 'amd64', source: { name: 'util-linux', version: '1:2.38.1-5+deb12u3' } }),
      debian12,
      'pkg:deb/debian/bsdutils@1:2.38.1-5+deb12u3?arch=amd64&distro=debian-12&upstream=util-linux',
    ],
    [
      // The source version lacks the binary's epoch (as dpkg-query ${source:Version} shows): not a difference.
      rec({ type: 'deb', name: 'bsdutils', version: '1:2.38.1-5+deb12u3', epoch: 1, arch: 'amd64', source: { name: 'util-linux', version: '2.38.1-5+deb12u3' } }),
      debian12,
      'pkg:deb/debian/bsdutils@1:2.38.1-5+deb12u3?arch=amd64&distro=debian-12&upstream=util-linux',
    ],
    [
      // A binNMU: same source name, older source version.
      rec({ type: 'deb', name: 'bash', version: '5.2.15-2+b7', arch: 'amd64', source: { name: 'bash', version: '5.2.15-2' } }),
      debian12,
      'pkg:deb/debian/bash@5.2.15-2+b7?arch=amd64&distro=debian-12&upstream=bash%405.2.15-2',
    ],
    [
      rec({ type: 'deb', name: 'libgcc-s1', version: '12.2.0-14', arch: 'amd64', source: { name: 'gcc-12', version: '12.2.0-14+b1' } }),
      osInfo('ubuntu', 'ubuntu', '22.04'),
      'pkg:deb/ubuntu/libgcc-s1@12.2.0-14?arch=amd64&distro=ubuntu-22.04&upstream=gcc-12%4012.2.0-14%2Bb1',
    ],
    [
      rec({ type: 'rpm', name: 'openssl-libs', version: '1:3.0.7-27.el9', epoch: 1, arch: 'x86_64', source: { name: 'openssl', version: '3.0.7-27.el9' } }),
      osInfo('rhel', 'rhel', '9.4'),
      'pkg:rpm/rhel/openssl-libs@3.0.7-27.el9?arch=x86_64&distro=rhel-9.4&epoch=1&upstream=openssl',
    ],
    [rec({ type: 'apk', name: 'glibc', version: '2.40-r3', arch: 'x86_64' }), osInfo('wolfi', 'wolfi', '20230201'), 'pkg:apk/wolfi/glibc@2.40-r3?arch=x86_64&distro=wolfi-20230201'],
  ] as const)('builds %#', (record, os, want) => {
    expect(purlFor(record, os)).toBe(want);
  });

  it('falls back to a documented namespace when the OS is unknown', () => {
    expect(purlFor(rec({ type: 'deb', name: 'bash', version: '5.2.15-2+b7', arch: 'amd64' }), undefined)).toBe('pkg:deb/debian/bash@5.2.15-2+b7?arch=amd64');
    expect(purlFor(rec({ type: 'apk', name: 'musl', version: '1.2.5-r0' }), undefined)).toBe('pkg:apk/alpine/musl@1.2.5-r0');
    expect(purlFor(rec({ type: 'rpm', name: 'bash', version: '5.1.8-9.el9', arch: 'x86_64' }), undefined)).toBe('pkg:rpm/bash@5.1.8-9.el9?arch=x86_64');
    // A Debian derivative: its own os-release ID is the vendor.
    expect(purlFor(rec({ type: 'deb', name: 'bash', version: '5.2-1' }), osInfo('unknown', 'kali', '2024.2'))).toBe('pkg:deb/kali/bash@5.2-1?distro=kali-2024.2');
    // No VERSION_ID (Debian testing): no distro qualifier rather than "debian-".
    expect(purlFor(rec({ type: 'deb', name: 'bash', version: '5.2-1' }), osInfo('debian', 'debian', ''))).toBe('pkg:deb/debian/bash@5.2-1');
  });

  it('gives language packages no OS namespace or distro', () => {
    expect(purlFor(rec({ type: 'npm', name: 'lodash', version: '4.17.21' } as PackageRecord), debian12)).toBe('pkg:npm/lodash@4.17.21');
    expect(purlFor(rec({ type: 'maven', name: 'commons-io', version: '2.11.0' } as PackageRecord), debian12)).toBe('pkg:generic/commons-io@2.11.0');
  });

  it.each([
    rec({ type: 'deb', name: 'libstdc++6', version: '2:12.2.0-14+deb12u1~bpo.1', epoch: 2, arch: 'amd64', source: { name: 'gcc-12', version: '12.2.0-14' } }),
    rec({ type: 'apk', name: 'py3-pip', version: '24.0-r2', arch: 'aarch64', source: { name: 'py3-pip', version: '24.0-r2' } }),
    rec({ type: 'rpm', name: 'perl-Scalar-List-Utils', version: '4:1.56-462.el9', epoch: 4, arch: 'x86_64' }),
  ])('round-trips through packageurl-js: $name', (record) => {
    const os = record.type === 'rpm' ? osInfo('rocky', 'rocky', '9.3') : record.type === 'apk' ? alpine : debian12;
    const parsed = PackageURL.fromString(purlFor(record, os));
    expect(parsed.type).toBe(record.type);
    expect(parsed.name).toBe(record.name);
    expect(parsed.version).toBe(record.type === 'rpm' ? record.version.replace(/^\d+:/, '') : record.version);
    expect(parsed.qualifiers?.['arch']).toBe(record.arch);
    expect(parsed.qualifiers?.['distro']).toBe(`${os.id}-${os.version}`);
    if (record.type === 'rpm') expect(parsed.qualifiers?.['epoch']).toBe(String(record.epoch));
    else expect(parsed.qualifiers?.['epoch']).toBeUndefined();
  });
});

/** Every purl of one type in Trivy's integration goldens, found with grep. */
function trivyPurls(type: string): PackageURL[] {
  const out = execFileSync('grep', ['-rhoE', `"pkg:${type}/[^"]+"`, sharedPath('conformance', 'trivy-integration')], { encoding: 'utf8', maxBuffer: 64 << 20 });
  const unique = [...new Set(out.split('\n').filter((l) => l !== ''))].map((l) => (JSON.parse(l) as string).replace(/\\u0026/g, '&'));
  return unique.map((p) => PackageURL.fromString(p));
}

describe('purlFor against the purls in Trivy\'s integration goldens', () => {
  /**
   * Trivy and drydock agree on type, namespace (deb/apk), name, arch and version-release. They
   * differ deliberately in: the deb epoch (drydock keeps it in the version, as the Debian version
   * is written; Trivy moves it to a qualifier) and the distro qualifier (drydock: `<ID>-<VERSION_ID>`,
   * e.g. `debian-10`, `alpine-3.10.2`; Trivy: its own detected version, `debian-10.2`, `3.10.2`).
   */
  it.each(['deb', 'apk'])('agrees on the %s packages', (type) => {
    const purls = trivyPurls(type).filter((p) => p.namespace === 'debian' || p.namespace === 'alpine');
    expect(purls.length).toBeGreaterThan(10);
    for (const theirs of purls) {
      const q = theirs.qualifiers ?? {};
      const epoch = q['epoch'];
      const record = rec({ type: type as 'deb' | 'apk', name: theirs.name, version: `${epoch === undefined ? '' : `${epoch}:`}${theirs.version ?? ''}` });
      if (epoch !== undefined) record.epoch = Number(epoch);
      if (q['arch'] !== undefined) record.arch = q['arch'];
      const distro = (q['distro'] ?? '').replace(/^debian-/, '');
      const os = type === 'deb' ? osInfo('debian', 'debian', distro.split('.')[0] ?? '') : osInfo('alpine', 'alpine', distro);
      const ours = PackageURL.fromString(purlFor(record, os));
      expect([ours.type, ours.namespace, ours.name, ours.qualifiers?.['arch']], theirs.toString()).toEqual([theirs.type, theirs.namespace, theirs.name, q['arch']]);
      expect(ours.version, theirs.toString()).toBe(record.version);
      expect(ours.qualifiers?.['epoch']).toBeUndefined();
      expect(ours.qualifiers?.['distro'], theirs.toString()).toBe(type === 'deb' ? `debian-${os.version}` : `alpine-${distro}`);
    }
  });

  it('agrees on rpm name, version-release, arch and epoch', () => {
    const purls = trivyPurls('rpm');
    expect(purls.length).toBeGreaterThan(10);
    for (const theirs of purls) {
      const q = theirs.qualifiers ?? {};
      const record = rec({ type: 'rpm', name: theirs.name, version: `${q['epoch'] === undefined ? '' : `${q['epoch']}:`}${theirs.version ?? ''}` });
      if (q['arch'] !== undefined) record.arch = q['arch'];
      // Namespace differs on purpose: the brief asks for the os-release ID (rhel, amzn, ol), where
      // Trivy uses its family names (redhat, amazon, oracle).
      const ours = PackageURL.fromString(purlFor(record, osInfo('rhel', 'rhel', '9.4')));
      expect([ours.name, ours.version, ours.qualifiers?.['arch'], ours.qualifiers?.['epoch']], theirs.toString()).toEqual([theirs.name, theirs.version, q['arch'], q['epoch']]);
    }
  });
});
