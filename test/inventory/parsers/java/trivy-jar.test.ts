import { existsSync, readFileSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { walkArchive, type WalkResult } from '../../../../src/inventory/parsers/java/archive-walk.js';
import { FileSlice } from '../../../../src/inventory/parsers/java/byte-source.js';
import { sharedPath } from '../../support/shared.js';

/** Trivy's jar parser test table (pkg/dependency/parser/java/jar), run against drydock's archive walk. */
interface TrivyJarPackage {
  Name: string;
  Version: string;
  FilePath: string;
  Licenses?: string[];
}
interface TrivyJarCase {
  name: string;
  file: string;
  offline?: boolean;
  want: TrivyJarPackage[];
  _inputCopied: boolean;
}

const DIR = sharedPath('conformance', 'trivy-parsers', 'java_jar');
const cases = (JSON.parse(readFileSync(join(DIR, 'cases.json'), 'utf8')) as { tests: TrivyJarCase[] }).tests;

/** Inputs over the snapshot's size limit were not copied (see the conformance README). */
const ABSENT = ['maven', 'gradle', 'duplicate libraries'];

/**
 * Where drydock deliberately differs. Trivy, online, looks archives up in a Maven index (by SHA-1,
 * then by artifactId) to find coordinates the archive does not carry; drydock has no index and
 * reports what the archive itself says, with the evidence. Offline, Trivy names test.jar by its
 * manifest title, "Spring Framework", and takes org.springframework from its Bundle-SymbolicName
 * org.springframework.core as the group; drydock uses no title with spaces as an artifactId and
 * no symbolic name as a group unless it is `<group>.<artifact>`: it reports the symbolic name,
 * group unknown.
 */
const SPRING_OFFLINE = [{ Name: 'org.springframework.core', Version: '2.5.6.SEC03', FilePath: 'testdata/test.jar' }];
const DIFFERENCES: Readonly<Record<string, { why: string; drydock: Array<Pick<TrivyJarPackage, 'Name' | 'Version' | 'FilePath'>> }>> = {
  // The SHA-1 of test.jar is in Trivy's index as spring-core 5.3.3 (a mocked answer)
  'sha1 search': { why: 'no Maven index', drydock: SPRING_OFFLINE },
  offline: { why: 'no display name as artifactId, no guessed group', drydock: SPRING_OFFLINE },
  // The group comes from an index search by artifactId; drydock reports the artifact without a
  // group (metadata groupIdUnknown, a pkg:generic purl) from the file name.
  'artifactId search': { why: 'no Maven index', drydock: [{ Name: 'heuristic', Version: '1.0.0-SNAPSHOT', FilePath: 'testdata/heuristic-1.0.0-SNAPSHOT.jar' }] },
};

async function walk(file: string): Promise<WalkResult> {
  const handle = await open(join(DIR, file), 'r');
  try {
    const { size } = await handle.stat();
    return await walkArchive(new FileSlice(handle, 0, size), file, { scratchRoot: () => Promise.resolve(tmpdir()) });
  } finally {
    await handle.close();
  }
}

const sortPkgs = <T extends { Name: string; Version: string }>(xs: T[]): T[] => [...xs].sort((a, b) => `${a.Name}@${a.Version}`.localeCompare(`${b.Name}@${b.Version}`));

describe('Trivy java/jar parser cases', () => {
  it('has every input except the ones known to be absent from the snapshot', () => {
    expect(cases.filter((c) => !existsSync(join(DIR, c.file))).map((c) => c.name)).toEqual(ABSENT);
  });

  it.each(cases.filter((c) => existsSync(join(DIR, c.file))).map((c) => [c.name, c] as const))('%s', async (_name, c) => {
    const result = await walk(c.file);
    // Trivy writes a nested archive's path as outer.jar/inner.jar; drydock as outer.jar!/inner.jar
    const got = result.packages.map((p) => {
      const row: TrivyJarPackage = { Name: p.name, Version: p.version, FilePath: (p.metadata?.['archive'] ?? '').replaceAll('!/', '/') };
      if (p.licenses.length > 0) row.Licenses = p.licenses;
      return row;
    });
    const diff = DIFFERENCES[c.name];
    if (diff) {
      expect(got.map(({ Name, Version, FilePath }) => ({ Name, Version, FilePath }))).toEqual(diff.drydock);
      expect(sortPkgs(c.want)).not.toEqual(sortPkgs(got));
      return;
    }
    expect(sortPkgs(got)).toEqual(sortPkgs(c.want.map((w) => (w.Licenses ? w : { Name: w.Name, Version: w.Version, FilePath: w.FilePath }))));
    expect(result.problems).toEqual([]);
  });

  it('says which evidence identified each package', async () => {
    const offline = await walk('testdata/test.jar');
    expect(offline.packages[0]).toMatchObject({
      purl: 'pkg:generic/org.springframework.core@2.5.6.SEC03',
      evidence: ['MANIFEST.MF Bundle-SymbolicName, Implementation-Version'],
      metadata: { groupIdUnknown: 'true' },
    });
    const heuristic = await walk('testdata/heuristic-1.0.0-SNAPSHOT.jar');
    expect(heuristic.packages[0]).toMatchObject({ purl: 'pkg:generic/heuristic@1.0.0-SNAPSHOT', evidence: ['file name heuristic-1.0.0-SNAPSHOT.jar'], metadata: { groupIdUnknown: 'true' } });
    const shaded = await walk('testdata/hadoop-shaded-guava-1.1.0-SNAPSHOT.jar');
    expect(shaded.packages.map((p) => p.evidence?.[0])).toContain('pom.properties META-INF/maven/com.google.guava/guava/pom.properties');
  });
});
