import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readSbom } from '../../src/sbom/read.js';
import { TRIVY_TESTDATA } from './paths.js';

/** SBOMs written by Trivy, from its integration test data (../shared/conformance/trivy-integration). */
const read = (rel: string) => readSbom(readFileSync(`${TRIVY_TESTDATA}${rel}`, 'utf8'), rel);
const find = (pkgs: ReturnType<typeof read>['packages'], name: string) => {
  const p = pkgs.find((x) => x.name === name);
  if (!p) throw new Error(`no package ${name}`);
  return p;
};

describe('readSbom on SBOMs from other tools (Trivy)', () => {
  it('CycloneDX 1.5 of centos:7: rpm packages, epoch from the purl, source from Trivy properties, OS', () => {
    const r = read('fixtures/sbom/centos-7-cyclonedx.json');
    expect(r.unknowns).toEqual([]);
    expect(r.os).toMatchObject({ family: 'centos', id: 'centos', version: '7.6.1810' });
    expect(r.info).toMatchObject({ kind: 'sbom', reference: 'fixtures/sbom/centos-7-cyclonedx.json', name: 'integration/testdata/fixtures/images/centos-7.tar.gz' });
    expect(r.packages.map((p) => [p.type, p.name, p.version, p.epoch, p.arch])).toEqual([
      ['rpm', 'bash', '4.2.46-31.el7', undefined, 'x86_64'],
      ['rpm', 'openssl-libs', '1:1.0.2k-16.el7', 1, 'x86_64'],
    ]);
    const ssl = find(r.packages, 'openssl-libs');
    expect(ssl.source).toEqual({ name: 'openssl', version: '1:1.0.2k-16.el7' });
    expect(ssl.licenses).toEqual(['OpenSSL+']);
    expect(ssl.purl).toBe('pkg:rpm/centos/openssl-libs@1.0.2k-16.el7?arch=x86_64&epoch=1&distro=centos-7.6.1810');
    expect(ssl.foundBy).toBe('sbom');
    expect(ssl.location).toBe('fixtures/sbom/centos-7-cyclonedx.json');
  });

  it('SPDX 2.2 of the same image: the purl decides the version, sourceInfo gives the source package', () => {
    const r = read('fixtures/sbom/centos-7-spdx.json');
    expect(r.unknowns).toEqual([]);
    expect(r.os).toMatchObject({ family: 'centos', version: '7.6.1810' });
    expect(r.info.name).toBe('integration/testdata/fixtures/images/centos-7.tar.gz');
    expect(r.packages.map((p) => [p.name, p.version, p.licenses])).toEqual([
      ['bash', '4.2.46-31.el7', ['GPLv3+']],
      ['openssl-libs', '1:1.0.2k-16.el7', ['OpenSSL']],
    ]);
    expect(find(r.packages, 'bash').source).toEqual({ name: 'bash', version: '4.2.46-31.el7' });
  });

  it('CycloneDX of a Debian image with lockfiles: deb and gem packages, dependencies resolved', () => {
    const r = read('fluentd-multiple-lockfiles.cdx.json.golden');
    expect(r.unknowns.map((u) => u.reason)).toEqual([]);
    expect(r.os).toMatchObject({ family: 'debian', version: '10.2' });
    const types = new Map<string, number>();
    for (const p of r.packages) types.set(p.type, (types.get(p.type) ?? 0) + 1);
    expect([...types.keys()].sort()).toEqual(['deb', 'gem']);
    const adduser = find(r.packages, 'adduser');
    expect(adduser).toMatchObject({ version: '3.118', arch: 'all', licenses: ['GPL-2.0-only'] });
    const depNames = (adduser.dependsOn ?? []).map((id) => r.packages.find((p) => p.id === id)?.name).sort();
    expect(depNames).toEqual(['debconf', 'passwd']);
    const passwd = find(r.packages, 'passwd');
    expect([passwd.version, passwd.epoch]).toEqual(['1:4.5-1.1', 1]);
  });

  it('language SBOMs: maven group:artifact names; aggregate components without purl become unknowns', () => {
    const r = read('fixtures/sbom/license-cyclonedx.json');
    expect(r.packages.map((p) => [p.type, p.name, p.version, p.licenses])).toEqual([
      ['maven', 'org.eclipse.sisu:org.eclipse.sisu.plexus', '0.3.0.M1', ['EPL-1.0']],
      ['maven', 'org.ow2.asm:asm', '9.5', ['BSD-3-Clause']],
      ['maven', 'org.slf4j:slf4j-api', '2.0.11', ['MIT License']],
    ]);
    expect(r.unknowns).toEqual([
      { source: 'sbom', reason: 'fixtures/sbom/license-cyclonedx.json: components[0] "pom.xml": has no purl, so its ecosystem and identity are unknown' },
    ]);
    const npm = read('npm-cyclonedx.json.golden');
    expect(npm.packages.length).toBeGreaterThan(5);
    expect(npm.packages.every((p) => p.type === 'npm' && p.version !== '')).toBe(true);
  });

  it('purl types drydock does not handle (julia, conda, k8s, oci) are unknowns that name the type', () => {
    const julia = read('julia-spdx.json.golden');
    expect(julia.packages).toEqual([]);
    expect(julia.unknowns.filter((u) => u.reason.includes('purl type "julia"'))).toHaveLength(3);
    const kbom = read('fixtures/sbom/minikube-kbom.json');
    expect(kbom.os).toMatchObject({ family: 'ubuntu', version: '22.04.2' });
    expect(kbom.unknowns.some((u) => u.reason.includes('purl type "k8s"'))).toBe(true);
    expect(kbom.unknowns.some((u) => u.reason.includes('a second operating system'))).toBe(true);
    expect(kbom.packages.map((p) => p.purl)).toEqual(['pkg:golang/docker@24.0.4']);
  });
});
