import { copyFileSync, appendFileSync, mkdtempSync, rmSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PackageRecord } from '../../../../src/core/package.js';
import { walkArchive } from '../../../../src/inventory/parsers/java/archive-walk.js';
import { FileSlice } from '../../../../src/inventory/parsers/java/byte-source.js';
import { ensureFixtures, fixture } from '../../../helpers/fixtures.js';

/**
 * Debian's own jars (the java-app fixture's /usr/share/java, the files libguice-java,
 * libmaven3-core-java, libgeronimo-*-java, libatinject-jsr330-api-java and libcommons-io-java
 * install; byte-identical to a Debian 12 host's): what each says about itself, and nothing more.
 */

let java: string;
let scratch: string;
beforeAll(async () => {
  await ensureFixtures(['java-app']);
  java = join(fixture('java-app').rootfs, 'usr/share/java');
  scratch = mkdtempSync(join(tmpdir(), 'drydock-debian-jars-'));
});
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

async function packagesOf(path: string): Promise<{ packages: PackageRecord[]; problems: string[] }> {
  const handle = await open(path, 'r');
  try {
    const { size } = await handle.stat();
    return await walkArchive(new FileSlice(handle, 0, size), `/usr/share/java/${path.slice(path.lastIndexOf('/') + 1)}`, { scratchRoot: () => Promise.resolve(scratch) });
  } finally {
    await handle.close();
  }
}
const purls = async (jar: string): Promise<string[]> => (await packagesOf(join(java, jar))).packages.map((p) => p.purl ?? '').sort();

describe("Debian's jars: identities", () => {
  it('a renamed jar that shades another (2 pom.properties, a manifest without group): the pom with the manifest version is the jar, no package from the title', async () => {
    // Implementation-Title "Maven SLF4J Simple Provider", Implementation-Version 3.8.7, no group
    for (const jar of ['maven3-slf4j-provider.jar', 'maven3-slf4j-provider-3.8.7.jar']) {
      expect(await purls(jar), jar).toEqual(['pkg:maven/org.apache.maven/maven-slf4j-provider@3.8.7', 'pkg:maven/org.slf4j/slf4j-simple@1.7.32']);
    }
    const { packages } = await packagesOf(join(java, 'maven3-slf4j-provider.jar'));
    expect(packages[0]?.evidence).toEqual(['pom.properties META-INF/maven/org.apache.maven/maven-slf4j-provider/pom.properties']);
  });

  it('no group from a Bundle-SymbolicName that is not <group>.<artifact> (guice: com.google.inject; atinject: javax.inject)', async () => {
    for (const jar of ['guice-4.2.3.jar', 'guice.jar']) {
      expect(await purls(jar), jar).toEqual(['pkg:generic/guice@4.2.3', 'pkg:maven/cglib/cglib@3.2.12']);
    }
    const guice = (await packagesOf(join(java, 'guice.jar'))).packages.find((p) => p.name === 'guice');
    expect(guice?.metadata).toMatchObject({ groupIdUnknown: 'true', artifactId: 'guice' });
    expect(await purls('atinject-jsr330-api-1.0.jar')).toEqual(['pkg:generic/atinject-jsr330-api@1.0.0']);
    // Bundle-Name "Atinject Dependency Injection Annotations" is a display name: the symbolic name names it
    expect(await purls('atinject-jsr330-api.jar')).toEqual(['pkg:generic/javax.inject@1.0.0']);
  });

  it('spec jars: the pom.properties alone (Bundle-Version 1.3.0 is its version 1.3; the file name spells its artifact with dashes)', async () => {
    for (const jar of ['geronimo-annotation-1.3-spec.jar', 'geronimo-annotation-1.3-spec-1.3.jar']) {
      expect(await purls(jar), jar).toEqual(['pkg:maven/org.apache.geronimo.specs/geronimo-annotation_1.3_spec@1.3']);
    }
    for (const jar of ['geronimo-interceptor-3.0-spec.jar', 'geronimo-interceptor-3.0-spec-1.0.1.jar']) {
      expect(await purls(jar), jar).toEqual(['pkg:maven/org.apache.geronimo.specs/geronimo-interceptor_3.0_spec@1.0.1']);
    }
  });
});

describe("Debian's jars: the zip reader", () => {
  it('a jar with bytes after its end-of-central-directory record is still read (as OpenJDK reads it)', async () => {
    const padded = join(scratch, 'commons-io-2.11.0.jar');
    copyFileSync(join(java, 'commons-io-2.11.0.jar'), padded);
    appendFileSync(padded, Buffer.alloc(16));
    const { packages, problems } = await packagesOf(padded);
    expect(problems).toEqual([]);
    expect(packages.map((p) => p.purl)).toEqual(['pkg:maven/commons-io/commons-io@2.11.0']);
  });
});
