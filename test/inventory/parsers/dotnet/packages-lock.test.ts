import { describe, expect, it } from 'vitest';
import { parseDepsJson } from '../../../../src/inventory/parsers/dotnet/deps-json.js';
import { parseNugetLock } from '../../../../src/inventory/parsers/dotnet/packages-lock.js';

describe('NuGet lock and deps.json parsers', () => {
  it('reads a CentralTransitive package as indirect', () => {
    const got = parseNugetLock({ version: 2, dependencies: { net8: { A: { type: 'CentralTransitive', requested: '[1.0.0, )', resolved: '1.0.0' } } } });
    expect(got.packages).toEqual([{ name: 'A', version: '1.0.0', relationship: 'indirect', dependencies: [], frameworks: ['net8'] }]);
  });

  it('rejects a document without dependencies', () => {
    expect(parseNugetLock({ version: 1 }).problems).toEqual([expect.stringMatching(/^dependencies: Invalid input/)]);
  });

  it('uses the only target when runtimeTarget is absent, and keeps packages with native or resource assets', () => {
    const got = parseDepsJson({
      targets: {
        net8: {
          'App/1.0.0': { dependencies: { Native: '1.0.0', Res: '2.0.0', Meta: '3.0.0' } },
          'Native/1.0.0': { native: { 'runtimes/linux-x64/native/libx.so': {} } },
          'Res/2.0.0': { resources: { 'de/Res.resources.dll': { locale: 'de' } } },
          'Meta/3.0.0': { dependencies: { Native: '1.0.0' } },
        },
      },
      libraries: { 'App/1.0.0': { type: 'project' }, 'Native/1.0.0': { type: 'package' }, 'Res/2.0.0': { type: 'package' }, 'Meta/3.0.0': { type: 'package' } },
    });
    expect(got.packages.map((p) => [p.name, p.relationship])).toEqual([
      ['Native', 'direct'],
      ['Res', 'direct'],
    ]);
    expect(got.projects).toEqual(['App']);
  });
});
