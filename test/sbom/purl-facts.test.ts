import { describe, expect, it } from 'vitest';
import { purlFacts } from '../../src/sbom/purl-facts.js';

describe('purlFacts', () => {
  it('maps purls to drydock types and names', () => {
    expect(purlFacts('pkg:npm/%40babel/core@7.24.0')).toEqual({ type: 'npm', name: '@babel/core', version: '7.24.0' });
    expect(purlFacts('pkg:maven/org.ow2.asm/asm@9.5')).toMatchObject({ type: 'maven', name: 'org.ow2.asm:asm' });
    expect(purlFacts('pkg:golang/github.com/foo/bar@v1.2.3')).toMatchObject({ type: 'golang', name: 'github.com/foo/bar' });
    expect(purlFacts('pkg:pypi/requests@2.31.0')).toMatchObject({ type: 'pypi', name: 'requests' });
    expect(purlFacts('pkg:deb/debian/libc6@2.36-9?arch=arm64&distro=debian-12')).toEqual({ type: 'deb', name: 'libc6', version: '2.36-9', arch: 'arm64' });
  });

  it('reads the epoch and upstream qualifiers', () => {
    expect(purlFacts('pkg:rpm/redhat/openssl@3.0.7-27.el9?arch=x86_64&epoch=1')).toMatchObject({ epoch: 1, arch: 'x86_64' });
    expect(purlFacts('pkg:rpm/redhat/openssl@3.0.7?epoch=x')).not.toHaveProperty('epoch');
    expect(purlFacts('pkg:deb/debian/libc6@2.36-9?upstream=glibc')).toMatchObject({ upstream: { name: 'glibc', version: '' } });
    expect(purlFacts('pkg:deb/debian/login@1:4.13?upstream=shadow%401%3A4.13')).toMatchObject({ upstream: { name: 'shadow', version: '1:4.13' } });
    expect(purlFacts('pkg:rpm/centos/bash@4.2.46-34.el7?upstream=bash-4.2.46-34.el7.src.rpm')).toMatchObject({
      upstream: { name: 'bash', version: '4.2.46-34.el7' },
    });
  });

  it('explains purls it cannot use', () => {
    expect(purlFacts('pkg:julia/A@1.0')).toMatch(/purl type "julia" is not one drydock handles/);
    expect(purlFacts('not a purl')).toMatch(/^purl "not a purl" is invalid/);
  });
});
