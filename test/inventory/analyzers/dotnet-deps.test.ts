import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { dotnetDepsAnalyzer } from '../../../src/inventory/analyzers/dotnet-deps.js';
import { createOsAnalyzers } from '../../../src/inventory/analyzers/index.js';
import { inventoryOf } from '../../helpers/drydock.js';
import { ensureFixtures, fixture } from '../../helpers/fixtures.js';
import { sharedPath } from '../support/shared.js';
import { runAnalyzer } from '../support/stub-merge-view.js';

/** Trivy's .deps.json parser table (pkg/dependency/parser/dotnet/core_deps), run through the analyzer. */
interface TrivyPkg {
  ID: string;
  Name: string;
  Version: string;
  Relationship?: { $ref: string };
}
interface TrivyCase {
  name: string;
  file: string;
  want: TrivyPkg[] | null;
  wantDeps?: Array<{ ID: string; DependsOn: string[] }> | null;
  wantErr?: string;
}
const DIR = sharedPath('conformance', 'trivy-parsers', 'dotnet_core_deps');
const cases = (JSON.parse(readFileSync(`${DIR}/cases.json`, 'utf8')) as { tests: TrivyCase[] }).tests;
const REL: Record<string, string> = { 'ftypes.RelationshipDirect': 'direct', 'ftypes.RelationshipIndirect': 'indirect' };
/** Trivy's ids are Name/Version; drydock's references are Name@Version. */
const ref = (id: string): string => id.replace('/', '@');

async function analyze(text: string, path = 'app/App.deps.json') {
  const { output } = await runAnalyzer(dotnetDepsAnalyzer, [{ files: { [path]: text } }]);
  return { packages: output.packages ?? [], unknowns: output.unknowns ?? [] };
}

describe('.deps.json analyzer on Trivy conformance vectors', () => {
  it('has the vectors', () => expect(cases).toHaveLength(8));

  for (const tc of cases) {
    it(`matches Trivy: ${tc.name}`, async () => {
      const { packages, unknowns } = await analyze(readFileSync(`${DIR}/${tc.file}`, 'utf8'));
      if (tc.wantErr !== undefined) {
        expect(packages).toEqual([]);
        expect(unknowns.map((u) => u.reason)).toEqual([expect.stringMatching(/^deps\.json is not valid JSON \(at byte \d+\)$/)]);
        return;
      }
      // Deliberate difference: Trivy also reports the app's own projects (relationship root or
      // workspace). They are first-party code, not NuGet packages: a purl pkg:nuget/Api@1.0.0 would
      // match advisories of an unrelated NuGet package named Api. drydock leaves them out.
      const isProject = (w: TrivyPkg): boolean => ['ftypes.RelationshipRoot', 'ftypes.RelationshipWorkspace'].includes(w.Relationship?.$ref ?? '');
      const ambiguous = tc.name === 'ambiguous root';
      const want = (tc.want ?? []).filter((w) => !isProject(w) && !(ambiguous && w.Name !== 'Newtonsoft.Json'));
      const got = new Map(packages.map((p) => [`${p.record.name}@${p.record.version}`, p.record]));
      expect([...got.keys()].sort()).toEqual(want.map((w) => ref(w.ID)).sort());
      for (const w of want) {
        const r = got.get(ref(w.ID));
        expect(r?.relationship, w.ID).toBe(REL[w.Relationship?.$ref ?? '']);
        expect(r?.purl).toBe(`pkg:nuget/${w.Name}@${w.Version}`);
        const deps = (tc.wantDeps ?? []).find((d) => d.ID === w.ID)?.DependsOn ?? [];
        expect(r?.dependsOn ?? [], w.ID).toEqual(deps.map(ref).sort());
      }
      expect(unknowns.map((u) => u.reason)).toEqual(
        tc.name === 'target libs not found' ? ['deps.json: no target ".NETCoreApp,Version=v5.0" in targets: dependencies unknown'] : [],
      );
    });
  }

  it('names the runtime packs of a self-contained app by their NuGet ids', async () => {
    const { packages } = await analyze(readFileSync(`${DIR}/testdata/self-contained.deps.json`, 'utf8'));
    const pack = packages.find((p) => p.record.name === 'Microsoft.NETCore.App.Runtime.linux-x64')?.record;
    expect(pack?.metadata).toEqual({ libraryType: 'runtimepack' });
    expect(pack?.purl).toBe('pkg:nuget/Microsoft.NETCore.App.Runtime.linux-x64@8.0.0');
  });

  it('reports a malformed document field by field', async () => {
    const { packages, unknowns } = await analyze(JSON.stringify({ targets: { t: { 'NoVersion': {} } }, libraries: { 'A/1.0': { type: 7 } } }));
    expect(packages).toEqual([]);
    expect(unknowns.map((u) => u.reason)).toEqual([
      'deps.json: targets.t.NoVersion: Invalid key in record',
      expect.stringMatching(/^deps\.json: libraries\.A\/1\.0\.type: Invalid input/),
    ]);
  });
});

describe('.deps.json analyzer on a real image (lang-misc)', () => {
  it('reads the app deps.json where the image has it', async () => {
    await ensureFixtures(['lang-misc']);
    const inv = await inventoryOf(`oci:${fixture('lang-misc').ociDir}:latest`, { analyzers: [...createOsAnalyzers({ now: new Date() }), dotnetDepsAnalyzer] });
    // no .NET SDK can run here: the truth is Trivy's expectation for this conformance input
    const got = inv.packages.filter((p) => p.foundBy === 'dotnet-deps');
    expect(got.map((p) => [p.name, p.version, p.location, p.relationship])).toEqual([['Newtonsoft.Json', '13.0.1', '/srv/dotnet-app/ExampleApp1.deps.json', 'direct']]);
    expect(got[0]?.layer?.createdBy).toContain('/srv/dotnet-app');
  });
});
