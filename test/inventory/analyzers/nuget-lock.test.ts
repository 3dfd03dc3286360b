import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createOsAnalyzers } from '../../../src/inventory/analyzers/index.js';
import { nugetLockAnalyzer } from '../../../src/inventory/analyzers/nuget-lock.js';
import { inventoryOf } from '../../helpers/drydock.js';
import { ensureFixtures, fixture } from '../../helpers/fixtures.js';
import { sharedPath } from '../support/shared.js';
import { runAnalyzer } from '../support/stub-merge-view.js';

/** Trivy's packages.lock.json parser table (pkg/dependency/parser/nuget/lock), run through the analyzer. */
interface TrivyCase {
  file: string;
  want: Array<{ ID: string; Name: string; Version: string; Relationship: { $ref: string } }>;
  wantDeps: Array<{ ID: string; DependsOn: string[] }> | { $ref: string };
}
const DIR = sharedPath('conformance', 'trivy-parsers', 'nuget_lock');
const cases = (JSON.parse(readFileSync(`${DIR}/cases.json`, 'utf8')) as { tests: TrivyCase[] }).tests;
const REL: Record<string, string> = { 'ftypes.RelationshipDirect': 'direct', 'ftypes.RelationshipIndirect': 'indirect' };

async function analyze(text: string, path = 'src/app/packages.lock.json') {
  const { output } = await runAnalyzer(nugetLockAnalyzer, [{ files: { [path]: text } }]);
  return { packages: output.packages ?? [], unknowns: output.unknowns ?? [] };
}

describe('packages.lock.json analyzer on Trivy conformance vectors', () => {
  it('has the vectors', () => expect(cases).toHaveLength(4));

  for (const tc of cases) {
    it(`matches Trivy: ${tc.file}`, async () => {
      const { packages, unknowns } = await analyze(readFileSync(`${DIR}/${tc.file}`, 'utf8'));
      expect(unknowns).toEqual([]);
      const got = new Map(packages.map((p) => [`${p.record.name}@${p.record.version}`, p.record]));
      expect([...got.keys()].sort()).toEqual(tc.want.map((w) => w.ID).sort());
      for (const w of tc.want) {
        const r = got.get(w.ID);
        expect(r?.relationship, w.ID).toBe(REL[w.Relationship.$ref]);
        expect(r?.foundIn).toBe('lockfile');
        expect(r?.purl).toBe(`pkg:nuget/${w.Name}@${w.Version}`);
      }
      if (Array.isArray(tc.wantDeps)) {
        for (const w of tc.want) {
          const deps = tc.wantDeps.find((d) => d.ID === w.ID)?.DependsOn ?? [];
          expect(got.get(w.ID)?.dependsOn ?? [], w.ID).toEqual([...deps].sort());
        }
      } else {
        // the expected graph is a Go variable the conversion did not resolve; these two locks
        // have no package-to-package dependencies (only the project's own), so there is none
        expect(packages.every((p) => p.record.dependsOn === undefined)).toBe(true);
      }
    });
  }

  it('merges a package locked for several frameworks; direct in any makes it direct', async () => {
    const { packages } = await analyze(readFileSync(`${DIR}/testdata/packages_lock_multi.json`, 'utf8'));
    const json = packages.find((p) => p.record.name === 'Newtonsoft.Json')?.record;
    expect(json?.metadata?.['frameworks']?.split(',').length).toBeGreaterThan(1);
  });

  it('resolves dependency names case-insensitively and reports entries without a resolved version', async () => {
    const lock = {
      version: 1,
      dependencies: {
        net8: {
          A: { type: 'Direct', requested: '[1.0.0, )', resolved: '1.0.0', dependencies: { 'b.lib': '2.0.0' } },
          'B.Lib': { type: 'Transitive', resolved: '2.1.0' },
          C: { type: 'Transitive' },
          Proj: { type: 'Project', dependencies: { A: '[1.0.0, )' } },
        },
      },
    };
    const { packages, unknowns } = await analyze(JSON.stringify(lock));
    expect(packages.map((p) => [p.record.name, p.record.version, p.record.relationship, p.record.dependsOn])).toEqual([
      ['A', '1.0.0', 'direct', ['B.Lib@2.1.0']],
      ['B.Lib', '2.1.0', 'indirect', undefined],
    ]);
    expect(unknowns.map((u) => u.reason)).toEqual(['packages.lock.json: dependencies.net8.C.resolved: missing (expected string)']);
  });
});

describe('packages.lock.json analyzer on a real image (lang-misc)', () => {
  it('reads the lock file where the image has it', async () => {
    await ensureFixtures(['lang-misc']);
    const inv = await inventoryOf(`oci:${fixture('lang-misc').ociDir}:latest`, { analyzers: [...createOsAnalyzers({ now: new Date() }), nugetLockAnalyzer] });
    // no .NET SDK can run here: the truth is Trivy's expectation for this conformance input
    const want = cases.find((c) => c.file.endsWith('packages_lock_subdependencies.json'))?.want ?? [];
    const got = inv.packages.filter((p) => p.foundBy === 'nuget-lock');
    expect(got.map((p) => `${p.name}@${p.version}`).sort()).toEqual(want.map((w) => w.ID).sort());
    expect(new Set(got.map((p) => p.location))).toEqual(new Set(['/srv/dotnet-app/packages.lock.json']));
    const swagger = got.find((p) => p.name === 'Swashbuckle.AspNetCore.Swagger');
    expect(swagger?.dependsOn).toEqual([got.find((p) => p.name === 'Microsoft.OpenApi')?.id]);
  });
});
