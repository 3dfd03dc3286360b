import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { gradleLockAnalyzer } from '../../../src/inventory/analyzers/gradle-lock.js';
import { parseGradleLockfile } from '../../../src/inventory/parsers/java/gradle-lockfile.js';
import { inventoryOf } from '../../helpers/drydock.js';
import { sharedPath } from '../support/shared.js';
import { runAnalyzer } from '../support/stub-merge-view.js';

interface TrivyGradleCase {
  name: string;
  inputFile: string;
  want: Array<{ ID: string; Name: string; Version: string; Dev: boolean; Locations: Array<{ StartLine: number; EndLine: number }> }> | null;
}
const DIR = sharedPath('conformance', 'trivy-parsers', 'gradle_lockfile');
const cases = (JSON.parse(readFileSync(join(DIR, 'cases.json'), 'utf8')) as { tests: TrivyGradleCase[] }).tests;

describe('Trivy gradle lockfile parser cases', () => {
  it.each(cases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const parsed = parseGradleLockfile(readFileSync(join(DIR, c.inputFile), 'utf8'));
    expect(parsed.problems).toEqual([]);
    // drydock has no line-range field: the line is in the evidence ("gradle.lockfile line 4")
    const got = parsed.packages.map((p) => {
      const line = Number(/line (\d+)$/.exec(p.evidence?.[0] ?? '')?.[1]);
      return { ID: `${p.name}:${p.version}`, Name: p.name, Version: p.version, Dev: p.dev === true, Locations: [{ StartLine: line, EndLine: line }] };
    });
    expect(got).toEqual(c.want ?? []);
  });
});

describe('gradle-lock analyzer', () => {
  it('reports lock-file-only Maven packages with purls and bad lines as unknowns', async () => {
    const root = mkdtempSync(join(tmpdir(), 'drydock-gradle-'));
    try {
      mkdirSync(join(root, 'src/app/gradle/dependency-locks'), { recursive: true });
      writeFileSync(join(root, 'src/app/gradle.lockfile'), readFileSync(join(DIR, 'testdata/happy.lockfile')));
      writeFileSync(join(root, 'src/app/gradle/dependency-locks/compileClasspath.lockfile'), 'io.netty:netty-all:4.1.100.Final\nbroken line\n');
      const inv = await inventoryOf(`dir:${root}`, { analyzers: [gradleLockAnalyzer] });
      const rows = inv.packages.map((p) => [p.location, p.purl, p.foundIn, p.dev ?? false]);
      expect(rows).toContainEqual(['/src/app/gradle.lockfile', 'pkg:maven/junit/junit@4.13.2', 'lockfile', true]);
      expect(rows).toContainEqual(['/src/app/gradle.lockfile', 'pkg:maven/cglib/cglib-nodep@2.1.2', 'lockfile', false]);
      expect(rows).toContainEqual(['/src/app/gradle/dependency-locks/compileClasspath.lockfile', 'pkg:maven/io.netty/netty-all@4.1.100.Final', 'lockfile', false]);
      expect(inv.packages).toHaveLength(5);
      expect(inv.unknowns.map((u) => `${u.path}: ${u.reason}`)).toEqual([
        '/src/app/gradle/dependency-locks/compileClasspath.lockfile: line 2: not a group:artifact:version=configurations line',
      ]);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });

  it('a line no purl can be made of (a blank artifact) is an unknown of its file; the other lock files of the layer are read', async () => {
    const { output } = await runAnalyzer(gradleLockAnalyzer, [
      { files: { 'a/gradle.lockfile': 'org.apache.logging.log4j:log4j-core:2.14.1=runtimeClasspath\n', 'b/gradle.lockfile': 'x: :1.0=runtimeClasspath\ny:z:2=runtimeClasspath\n' } },
    ]);
    expect(output.packages?.map((p) => `${p.location} ${p.record.purl}`)).toEqual(['/a/gradle.lockfile pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1', '/b/gradle.lockfile pkg:maven/y/z@2']);
    expect(output.unknowns?.map((u) => `${u.path}: ${u.reason}`)).toEqual(['/b/gradle.lockfile: line 1: not a group:artifact:version=configurations line']);
  });

  it('only asks for Gradle lock files', () => {
    const info = { size: 10, mode: 0o644 };
    expect(gradleLockAnalyzer.required('app/gradle.lockfile', info)).toBe(true);
    expect(gradleLockAnalyzer.required('app/buildscript-gradle.lockfile', info)).toBe(true);
    expect(gradleLockAnalyzer.required('app/gradle/dependency-locks/x.lockfile', info)).toBe(true);
    expect(gradleLockAnalyzer.required('app/other.lockfile', info)).toBe(false);
    expect(gradleLockAnalyzer.required('app/gradle.lockfile.bak', info)).toBe(false);
  });
});
