/**
 * Flavours no image on this machine has (the registries are out of reach): UBI standard/minimal/
 * micro, Wolfi, Chainguard, Amazon Linux 2023 minimal, chiselled Ubuntu, CentOS. Inventories are
 * assembled here from what those images really carry: their os-release IDs and versions, Red Hat's
 * labels (com.redhat.component, name), and the package names of their package managers and shells.
 */
import { describe, expect, it } from 'vitest';
import type { Inventory, OsInfo } from '../../../src/core/inventory.js';
import type { Package, PackageType } from '../../../src/core/package.js';
import { assessBase, identifyBase, surfaceOf } from '../../../src/checks/base-image/index.js';
import { distrolessVariant } from '../../../src/checks/base-image/flavour.js';

const TODAY = new Date('2026-11-27T12:00:00Z');

function pkg(type: PackageType, name: string, files: string[] = [], layer = 0): Package {
  const id = `pkg:${type}/${name}@1`;
  return { type, name, version: '1', licenses: [], files, id, purl: id, foundBy: type === 'rpm' ? 'rpm' : type === 'apk' ? 'apk' : 'dpkg', location: '/var/lib/x', layer: { index: layer } };
}

function image(os: Partial<OsInfo> & Pick<OsInfo, 'family' | 'id' | 'version' | 'name'>, packages: Package[], labels: Record<string, string> = {}): Inventory {
  return {
    schema: 'drydock.inventory/v1',
    tool: { name: 'drydock', version: 'test' },
    createdAt: TODAY.toISOString(),
    source: { kind: 'oci-layout', reference: 'oci:test', layers: [{ index: 0 }], config: { labels } },
    os: { evidence: ['/etc/os-release'], ...os },
    packages,
    unknowns: [],
  };
}

const RHEL94 = { family: 'rhel', id: 'rhel', name: 'Red Hat Enterprise Linux', version: '9.4' } as const;
const rpmCore = (): Package[] => [pkg('rpm', 'glibc'), pkg('rpm', 'bash', ['/usr/bin/bash']), pkg('rpm', 'coreutils-single')];

describe('Red Hat Universal Base Images: named by Red Hat\'s labels, told apart by their package manager', () => {
  it('ubi9 (dnf)', () => {
    const inv = image(RHEL94, [...rpmCore(), pkg('rpm', 'rpm', ['/usr/bin/rpm']), pkg('rpm', 'dnf', ['/usr/bin/dnf']), pkg('rpm', 'yum', ['/usr/bin/yum'])], {
      'com.redhat.component': 'ubi9-container', name: 'ubi9',
    });
    const report = assessBase(inv, { now: TODAY });
    expect(report.info.flavour).toBe('ubi');
    expect(report.eol.os).toMatchObject({ product: 'rhel', cycle: '9', date: '2032-05-31', eol: false });
    expect(report.suggestions.map((s) => s.image)).toEqual(['registry.access.redhat.com/ubi9/ubi-minimal', 'registry.access.redhat.com/ubi9/ubi-micro']);
    expect(report.surface.packageManager.names).toEqual(['dnf', 'rpm', 'yum']);
  });

  it('ubi9-minimal (microdnf)', () => {
    const inv = image(RHEL94, [...rpmCore(), pkg('rpm', 'rpm', ['/usr/bin/rpm']), pkg('rpm', 'microdnf', ['/usr/bin/microdnf'])], {
      'com.redhat.component': 'ubi9-minimal-container', name: 'ubi9/ubi-minimal',
    });
    const info = identifyBase(inv);
    expect(info.flavour).toBe('ubi-minimal');
    expect(info.flavourEvidence).toContain('label com.redhat.component=ubi9-minimal-container');
    expect(assessBase(inv, { now: TODAY }).suggestions.map((s) => s.image)).toEqual(['registry.access.redhat.com/ubi9/ubi-micro']);
  });

  it('ubi9-micro (no package manager at all)', () => {
    const inv = image(RHEL94, [pkg('rpm', 'glibc'), pkg('rpm', 'redhat-release')], { 'com.redhat.component': 'ubi9-micro-container', name: 'ubi9/ubi-micro' });
    const report = assessBase(inv, { now: TODAY });
    expect(report.info.flavour).toBe('ubi-micro');
    expect(report.surface.packageManager.present).toBe(false);
    expect(report.surface.shell.present).toBe(false);
    expect(report.suggestions).toEqual([]);
  });

  it('RHEL without UBI labels stays rhel', () => {
    expect(identifyBase(image(RHEL94, rpmCore(), { vendor: 'Acme' })).flavour).toBe('rhel');
  });
});

describe('Wolfi and Chainguard (os-release ID wolfi / chainguard, apk)', () => {
  it('wolfi-base has a shell and apk; a Chainguard production image has neither', () => {
    const wolfi = image({ family: 'wolfi', id: 'wolfi', name: 'Wolfi', version: '20230201' }, [
      pkg('apk', 'wolfi-baselayout'), pkg('apk', 'busybox', ['/bin/busybox', '/bin/sh']), pkg('apk', 'apk-tools', ['/sbin/apk']),
    ]);
    const cg = image({ family: 'chainguard', id: 'chainguard', name: 'Chainguard', version: '20230214' }, [
      pkg('apk', 'wolfi-baselayout'), pkg('apk', 'glibc'), pkg('apk', 'ca-certificates-bundle'),
    ]);
    expect(identifyBase(wolfi).flavour).toBe('wolfi');
    expect(surfaceOf(wolfi).shell.names).toEqual(['busybox', 'sh']);
    expect(surfaceOf(wolfi).packageManager.names).toEqual(['apk']);
    const report = assessBase(cg, { now: TODAY });
    expect(report.info.flavour).toBe('chainguard');
    expect(report.surface.shell.present || report.surface.packageManager.present).toBe(false);
    expect(report.eol.os).toBeUndefined(); // rolling: no release to end
    expect(report.suggestions).toEqual([]);
  });
});

describe('Amazon Linux', () => {
  it('AL2023 minimal (microdnf, no dnf) vs standard; AL2 past 2026-06-30 is advised to move to 2023', () => {
    const al = { family: 'amazon', id: 'amzn', name: 'Amazon Linux' } as const;
    expect(identifyBase(image({ ...al, version: '2023' }, [pkg('rpm', 'microdnf', ['/usr/bin/microdnf'])])).flavour).toBe('amazonlinux-minimal');
    expect(identifyBase(image({ ...al, version: '2023' }, [pkg('rpm', 'dnf', ['/usr/bin/dnf'])])).flavour).toBe('amazon');
    const al2 = assessBase(image({ ...al, version: '2' }, [pkg('rpm', 'yum', ['/usr/bin/yum'])]), { now: TODAY });
    expect(al2.eol.os).toMatchObject({ cycle: '2', date: '2026-06-30', eol: true });
    expect(al2.suggestions[0]).toMatchObject({ id: 'amzn-eol', image: 'amazonlinux:2023' });
  });
});

describe('CentOS Linux (ended for good): its successor, a UBI image', () => {
  it('CentOS 7 → the newest supported RHEL line as UBI', () => {
    const report = assessBase(image({ family: 'centos', id: 'centos', name: 'CentOS Linux', version: '7' }, [pkg('rpm', 'yum', ['/usr/bin/yum'])]), { now: TODAY });
    expect(report.eol.os).toMatchObject({ cycle: '7', date: '2024-06-30', eol: true });
    expect(report.suggestions[0]?.image).toMatch(/^registry\.access\.redhat\.com\/ubi\d+\/ubi-minimal$/);
  });
});

describe('Ubuntu', () => {
  const noble = { family: 'ubuntu', id: 'ubuntu', name: 'Ubuntu', version: '24.04', codename: 'noble' } as const;

  it('with dpkg: ubuntu, standard support to 2029-05-31 and Ubuntu Pro ESM noted; without: chiselled', () => {
    const report = assessBase(image(noble, [pkg('deb', 'dpkg', ['/usr/bin/dpkg']), pkg('deb', 'bash', ['/bin/bash'])]), { now: TODAY });
    expect(report.info.flavour).toBe('ubuntu');
    expect(report.eol.os).toMatchObject({ cycle: '24.04', date: '2029-05-31', eol: false, extended: { label: 'Ubuntu Pro (ESM)', date: '2034-04-25' } });
    expect(report.suggestions.map((s) => s.id)).toEqual(['ubuntu']);
    expect(identifyBase(image(noble, [])).flavour).toBe('ubuntu-chiseled');
  });

  it('20.04 after its standard support: the move names the ESM end too', () => {
    const report = assessBase(image({ ...noble, version: '20.04', codename: 'focal' }, [pkg('deb', 'dpkg', ['/usr/bin/dpkg'])]), { now: TODAY });
    expect(report.eol.os?.eol).toBe(true);
    expect(report.suggestions[0]?.reason).toContain('Ubuntu Pro (ESM) extends paid fixes to 2030-04-23');
    expect(report.suggestions[0]?.image).toMatch(/^ubuntu:\d\d\.04$/);
  });
});

describe('distroless variants from the package set (static ⊂ base ⊂ cc ⊂ python3/java)', () => {
  const debs = (...names: string[]): Package[] => names.map((n) => pkg('deb', n));
  it.each([
    [['base-files', 'netbase', 'tzdata'], 'static'],
    [['base-files', 'netbase', 'tzdata', 'libc6', 'libssl3'], 'base'],
    [['base-files', 'libc6', 'libssl3', 'libgcc-s1', 'libgomp1', 'libstdc++6'], 'cc'],
    [['base-files', 'libc6', 'libstdc++6', 'python3.11-minimal', 'libpython3.11-stdlib'], 'python3'],
    [['base-files', 'libc6', 'openjdk-17-jre-headless'], 'java'],
  ])('%j → %s', (names, variant) => {
    expect(distrolessVariant(debs(...names))).toBe(variant);
  });
});
