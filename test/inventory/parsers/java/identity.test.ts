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
    const manifest = 'Implementation-Title: shaded-app\nImplementation-Version: 3.0\nImplementation-Vendor-Id: org.shade\n';
    // shaded jar without its own pom.properties: the manifest says what the jar is
    expect(ids(facts('shaded.jar', [pom('g', 'dep', '1')], manifest))).toEqual(['g:dep@1', 'org.shade:shaded-app@3.0']);
    // its own pom.properties by file name, manifest title, or matching version + group
    expect(ids(facts('app-3.0.jar', [pom('x', 'app', '3.0'), pom('g', 'dep', '1')], manifest))).toEqual(['x:app@3.0', 'g:dep@1']);
    expect(ids(facts('renamed.jar', [pom('x', 'shaded-app', '9')], manifest))).toEqual(['x:shaded-app@9']);
    expect(ids(facts('renamed.jar', [pom('org.shade', 'core', '3.0'), pom('g', 'dep', '1')], manifest))).toEqual(['org.shade:core@3.0', 'g:dep@1']);
    expect(ids(facts('renamed.jar', [pom('other', 'core', '3.0')], manifest))).toEqual(['other:core@3.0']);
  });

  it('builds the manifest identity from the best fields it has, and says which', () => {
    const bundle = identifyArchive(facts('x.jar', [], 'Bundle-SymbolicName: com.fasterxml.jackson.core.jackson-databind;singleton:=true\nBundle-Version: 2.15.2\nBundle-Name: jackson-databind\nSpecification-Version: 2.15\n'));
    expect(bundle.packages.map((p) => [p.name, p.version, p.purl, p.evidence])).toEqual([
      ['com.fasterxml.jackson.core:jackson-databind', '2.15.2', 'pkg:maven/com.fasterxml.jackson.core/jackson-databind@2.15.2', ['MANIFEST.MF Bundle-SymbolicName, Bundle-Name, Bundle-Version']],
    ]);
    // a display name is no artifactId: the symbolic name names the archive, and no group is guessed from it
    const lang = identifyArchive(facts('x.jar', [], 'Bundle-SymbolicName: org.apache.commons.lang3;singleton:=true\nBundle-Version: 3.12.0\nBundle-Name: Apache Commons Lang\n'));
    expect(lang.packages.map((p) => [p.name, p.version, p.purl, p.evidence])).toEqual([
      ['org.apache.commons.lang3', '3.12.0', 'pkg:generic/org.apache.commons.lang3@3.12.0', ['MANIFEST.MF Bundle-SymbolicName, Bundle-Version']],
    ]);
    // a file named artifact-version gives the artifact; the version still comes from the manifest
    const named = identifyArchive(facts('commons-lang3-3.12.0.jar', [], 'Implementation-Title: Apache Commons Lang\nImplementation-Version: 3.12.0\nImplementation-Vendor: The Apache Software Foundation\n'));
    expect(named.packages.map((p) => [p.name, p.version, p.purl, p.evidence])).toEqual([
      ['commons-lang3', '3.12.0', 'pkg:generic/commons-lang3@3.12.0', ['MANIFEST.MF Implementation-Version', 'file name commons-lang3-3.12.0.jar']],
    ]);
    const jenkins = identifyArchive(facts('git.hpi', [], 'Group-Id: org.jenkins-ci.plugins\nShort-Name: git\nLong-Name: Jenkins Git plugin\nPlugin-Version: 4.11.0\nPlugin-License-Name: MIT License\n'));
    expect(jenkins.packages.map((p) => [p.name, p.version, p.licenses])).toEqual([['org.jenkins-ci.plugins:git', '4.11.0', ['MIT License']]]);
  });

  it('a timestamped snapshot jar its pom.properties identifies gets no second package from its file name', () => {
    expect(ids(facts('foo-core-1.0-20230101.123456-1.jar', [pom('com.acme', 'foo-core', '1.0-SNAPSHOT')]))).toEqual(['com.acme:foo-core@1.0-SNAPSHOT']);
    expect(ids(facts('foo-core-1.0-20230101.123456-1.jar', []))).toEqual(['foo-core@1.0-20230101.123456-1']);
    expect(ids(facts('commons-vfs2-2.0-alpha-1.jar', []))).toEqual(['commons-vfs2@2.0-alpha-1']);
  });

  it('Specification-Version (the spec the archive implements) only when the file name has no version', () => {
    const spec = 'Specification-Title: My API\nSpecification-Version: 2.5\n';
    expect(ids(facts('mylib-2.5.1.jar', [], spec))).toEqual(['mylib@2.5.1']);
    expect(identifyArchive(facts('mylib-2.5.1.jar', [], spec)).packages[0]?.evidence).toEqual(['file name mylib-2.5.1.jar']);
    expect(ids(facts('mylib.jar', [], 'Specification-Title: my-api\nSpecification-Version: 2.5\n'))).toEqual(['my-api@2.5']);
    // the archive's own version fields still beat the file name's
    expect(ids(facts('mylib-2.5.1.jar', [], 'Implementation-Version: 2.5.1-patched\nSpecification-Version: 2.5\n'))).toEqual(['mylib@2.5.1-patched']);
  });

  it('a title with spaces or other characters is never an artifactId; a pom with the manifest version is the jar', () => {
    const m = 'Implementation-Title: My Service\nImplementation-Version: 1.0\n';
    expect(ids(facts('app.jar', [pom('com.example', 'my-service', '1.0'), pom('org.apache.logging.log4j', 'log4j-api', '2.14.1')], m))).toEqual([
      'com.example:my-service@1.0',
      'org.apache.logging.log4j:log4j-api@2.14.1',
    ]);
    expect(ids(facts('app.jar', [], m))).toEqual([]);
    expect(ids(facts('app.jar', [], 'Implementation-Title: app/core\nImplementation-Version: 1.0\n'))).toEqual([]);
    // two poms with the manifest's version: neither is known to be the jar
    expect(ids(facts('shaded.jar', [pom('g', 'a', '1.0'), pom('g', 'b', '1.0')], 'Implementation-Title: shaded\nImplementation-Version: 1.0\n'))).toEqual(['g:a@1.0', 'g:b@1.0', 'shaded@1.0']);
  });

  it('a group from Bundle-SymbolicName only when it is <group>.<artifact>', () => {
    const bsn = (name: string, file: string): string[] => identifyArchive(facts(file, [], `Bundle-SymbolicName: ${name}\nBundle-Version: 4.2.3\n`)).packages.map((p) => p.purl ?? '');
    expect(bsn('com.google.inject', 'guice-4.2.3.jar')).toEqual(['pkg:generic/guice@4.2.3']);
    expect(bsn('com.google.inject.extensions.guice-servlet', 'guice-servlet-4.2.3.jar')).toEqual(['pkg:maven/com.google.inject.extensions/guice-servlet@4.2.3']);
    expect(bsn('com.squareup.okhttp3', 'okhttp-4.2.3.jar')).toEqual(['pkg:generic/okhttp@4.2.3']);
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
