import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sbtLockAnalyzer } from '../../../src/inventory/analyzers/sbt-lock.js';
import { parseSbtLockfile } from '../../../src/inventory/parsers/java/sbt-lockfile.js';
import { inventoryOf } from '../../helpers/drydock.js';
import { sharedPath } from '../support/shared.js';
import { runAnalyzer } from '../support/stub-merge-view.js';

interface TrivySbtCase {
  name: string;
  inputFile: string;
  want: Array<{ ID: string; Name: string; Version: string }> | null;
}
const DIR = sharedPath('conformance', 'trivy-parsers', 'sbt_lockfile');
const cases = (JSON.parse(readFileSync(join(DIR, 'cases.json'), 'utf8')) as { tests: TrivySbtCase[] }).tests;

describe('Trivy sbt lockfile parser cases', () => {
  it.each(cases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const parsed = parseSbtLockfile(readFileSync(join(DIR, c.inputFile), 'utf8'));
    expect(parsed.problems).toEqual([]);
    // Deliberate differences: Trivy leaves out modules used only by the test configuration,
    // drydock reports them marked dev; drydock has no line ranges (Trivy's Locations).
    const prod = parsed.packages.filter((p) => p.dev !== true);
    const want = (c.want ?? []).map(({ ID, Name, Version }) => ({ ID, Name, Version }));
    expect(prod.map((p) => ({ ID: `${p.name}:${p.version}`, Name: p.name, Version: p.version }))).toEqual(want);
    expect(parsed.packages.filter((p) => p.dev === true).map((p) => `${p.name}@${p.version}`)).toEqual(
      c.name === 'v1 happy path' ? ['org.scalatest:scalatest-core_2.13@3.2.15'] : [],
    );
  });

  it('reports every bad field and keeps the good entries', () => {
    const parsed = parseSbtLockfile(JSON.stringify({ lockVersion: 1, dependencies: [{ org: 'a', name: 'b', version: '1' }, { org: '', name: 7 }] }));
    expect(parsed.packages.map((p) => p.purl)).toEqual(['pkg:maven/a/b@1']);
    expect(parsed.problems).toHaveLength(3);
    expect(parsed.problems[0]).toMatch(/^dependencies\.1\.org: /);
    expect(parseSbtLockfile('{').problems).toEqual(['not valid JSON']);
    expect(parseSbtLockfile('{"dependencies": 3}').problems[0]).toMatch(/^dependencies: /);
  });
});

describe('sbt-lock analyzer', () => {
  it('an entry no purl can be made of (a blank name) is an unknown of its file; its good entries and the other files are read', async () => {
    const lock = (deps: unknown[]): string => JSON.stringify({ lockVersion: 1, dependencies: deps });
    const bad = lock([{ org: 'org.x', name: ' ', version: '1' }, { org: 'org.x', name: 'y', version: '1', configurations: Array.from({ length: 150_000 }, () => 1) }, { org: 'org.x', name: 'z', version: '2' }]);
    const { output } = await runAnalyzer(sbtLockAnalyzer, [{ files: { 'a/build.sbt.lock': lock([{ org: 'org.a', name: 'a', version: '1' }]), 'b/build.sbt.lock': bad } }]);
    expect(output.packages?.map((p) => `${p.location} ${p.record.purl}`)).toEqual(['/a/build.sbt.lock pkg:maven/org.a/a@1', '/b/build.sbt.lock pkg:maven/org.x/z@2']);
    expect(output.unknowns?.map((u) => `${u.path}: ${u.reason}`)).toEqual([
      '/b/build.sbt.lock: dependencies.0.name: blank',
      '/b/build.sbt.lock: dependencies.1.configurations: expected a list of strings',
    ]);
  });

  it('reports lock-file-only Maven packages at the lock file', async () => {
    const root = mkdtempSync(join(tmpdir(), 'drydock-sbt-'));
    try {
      mkdirSync(join(root, 'srv/app'), { recursive: true });
      writeFileSync(join(root, 'srv/app/build.sbt.lock'), readFileSync(join(DIR, 'testdata/v1_happy.sbt.lock')));
      const inv = await inventoryOf(`dir:${root}`, { analyzers: [sbtLockAnalyzer] });
      expect(inv.packages.map((p) => [p.location, p.purl, p.foundIn, p.dev ?? false])).toEqual([
        ['/srv/app/build.sbt.lock', 'pkg:maven/org.apache.commons/commons-lang3@3.9', 'lockfile', false],
        ['/srv/app/build.sbt.lock', 'pkg:maven/org.scala-lang/scala-library@2.12.10', 'lockfile', false],
        ['/srv/app/build.sbt.lock', 'pkg:maven/org.scalatest/scalatest-core_2.13@3.2.15', 'lockfile', true],
        ['/srv/app/build.sbt.lock', 'pkg:maven/org.typelevel/cats-core_2.12@2.9.0', 'lockfile', false],
      ]);
      expect(inv.unknowns).toEqual([]);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
