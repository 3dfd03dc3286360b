import { describe, expect, it } from 'vitest';
import { identifyArchive, manifestLicenseNames, type ArchiveFacts, type PomProperties } from '../../../../src/inventory/parsers/java/identity.js';
import { parseManifest } from '../../../../src/inventory/parsers/java/manifest.js';

const pom = (groupId: string, artifactId: string, version: string, licenses: string[] = []): PomProperties => ({
  entry: `META-INF/maven/${groupId}/${artifactId}/pom.properties`,
  groupId,
  artifactId,
  version,
  licenses,
});
const facts = (fileName: string, poms: PomProperties[], manifest?: string): ArchiveFacts => ({
  chain: `/opt/${fileName}`,
  fileName,
  poms,
  ...(manifest !== undefined ? { manifest: parseManifest(manifest) } : {}),
});
const ids = (f: ArchiveFacts): string[] => identifyArchive(f).packages.map((p) => `${p.name}@${p.version}`);

describe('identities of one archive', () => {
  it('reports every pom.properties, once each, with the licenses of the pom.xml beside it', () => {
    const got = identifyArchive(facts('app.jar', [pom('g', 'a', '1', ['MIT']), pom('g', 'b', '2'), pom('g', 'a', '1')]));
    expect(got.packages.map((p) => [p.name, p.version, p.licenses, p.purl, p.evidence])).toEqual([
      ['g:a', '1', ['MIT'], 'pkg:maven/g/a@1', ['pom.properties META-INF/maven/g/a/pom.properties']],
      ['g:b', '2', [], 'pkg:maven/g/b@2', ['pom.properties META-INF/maven/g/b/pom.properties']],
    ]);
    expect(got.packages[0]?.metadata).toEqual({ archive: '/opt/app.jar', artifactId: 'a', groupId: 'g' });
    expect(got.packages[0]?.foundIn).toBe('installed');
  });

  it('adds the manifest identity only when no pom.properties describes the archive itself', () => {
    const manifest = 'Implementation-Title: Shaded App\nImplementation-Version: 3.0\nImplementation-Vendor-Id: org.shade\n';
    // shaded jar without its own pom.properties: the manifest says what the jar is
    expect(ids(facts('shaded.jar', [pom('g', 'dep', '1')], manifest))).toEqual(['g:dep@1', 'org.shade:Shaded App@3.0']);
    // its own pom.properties by file name, manifest title, or matching version + group
    expect(ids(facts('app-3.0.jar', [pom('x', 'app', '3.0'), pom('g', 'dep', '1')], manifest))).toEqual(['x:app@3.0', 'g:dep@1']);
    expect(ids(facts('renamed.jar', [pom('x', 'Shaded App', '9')], manifest))).toEqual(['x:Shaded App@9']);
    expect(ids(facts('renamed.jar', [pom('org.shade', 'core', '3.0'), pom('g', 'dep', '1')], manifest))).toEqual(['org.shade:core@3.0', 'g:dep@1']);
    expect(ids(facts('renamed.jar', [pom('other', 'core', '3.0')], manifest))).toEqual(['other:core@3.0']);
  });

  it('builds the manifest identity from the best fields it has, and says which', () => {
    const bundle = identifyArchive(facts('x.jar', [], 'Bundle-SymbolicName: org.apache.commons.lang3;singleton:=true\nBundle-Version: 3.12.0\nBundle-Name: Apache Commons Lang\nSpecification-Version: 3.12\n'));
    expect(bundle.packages.map((p) => [p.name, p.version, p.evidence])).toEqual([
      ['org.apache.commons:Apache Commons Lang', '3.12.0', ['MANIFEST.MF Bundle-SymbolicName, Bundle-Name, Bundle-Version']],
    ]);
    // a file named artifact-version gives the artifact; the version still comes from the manifest
    const named = identifyArchive(facts('commons-lang3-3.12.0.jar', [], 'Implementation-Title: Apache Commons Lang\nImplementation-Version: 3.12.0\nImplementation-Vendor: The Apache Software Foundation\n'));
    expect(named.packages.map((p) => [p.name, p.version, p.purl, p.evidence])).toEqual([
      ['commons-lang3', '3.12.0', 'pkg:generic/commons-lang3@3.12.0', ['MANIFEST.MF Implementation-Version', 'file name commons-lang3-3.12.0.jar']],
    ]);
    const jenkins = identifyArchive(facts('git.hpi', [], 'Group-Id: org.jenkins-ci.plugins\nShort-Name: git\nLong-Name: Jenkins Git plugin\nPlugin-Version: 4.11.0\nPlugin-License-Name: MIT License\n'));
    expect(jenkins.packages.map((p) => [p.name, p.version, p.licenses])).toEqual([['org.jenkins-ci.plugins:git', '4.11.0', ['MIT License']]]);
  });

  it('falls back to the file name, taking a group from the manifest when it has one', () => {
    expect(ids(facts('lib-4.5.6.jar', [], 'Automatic-Module-Name: x\nImplementation-Vendor-Id: org.lib\n'))).toEqual(['org.lib:lib@4.5.6']);
    expect(ids(facts('lib-4.5.6.jar', []))).toEqual(['lib@4.5.6']);
  });

  it('turns unusable pom.properties and archives without any identity into problems', () => {
    const bad = identifyArchive(facts('x.jar', [{ entry: 'META-INF/maven/g/a/pom.properties', groupId: 'g', artifactId: 'a', version: '${project.version}', licenses: [] }, { entry: 'p/pom.properties', licenses: [] }]));
    expect(bad.problems).toEqual(['META-INF/maven/g/a/pom.properties: no usable version', 'p/pom.properties: no usable groupId, artifactId, version']);
    expect(bad.packages).toEqual([]);
    expect(identifyArchive(facts('x.jar', [], 'Created-By: 17\n')).problems).toEqual(['no Maven identity: no pom.properties, no version in MANIFEST.MF or in the file name']);
  });
});

describe('manifest license names', () => {
  it('reads Jenkins plugin license headers and OSGi Bundle-License names, not URLs', () => {
    const m = parseManifest('Plugin-License-Name: Apache License, Version 2.0\nPlugin-License-Url: https://x\nPlugin-License-Name-2: MIT License\n' +
      'Bundle-License: "Apache-2.0";link="https://www.apache.org/licenses/LICENSE-2.0",EPL-2.0;description="Eclipse, Public",http://opensource.org/licenses/MIT\n');
    expect(manifestLicenseNames(m)).toEqual(['Apache License, Version 2.0', 'MIT License', 'Apache-2.0', 'EPL-2.0']);
  });
});
