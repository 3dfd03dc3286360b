import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { condaMetaAnalyzer } from '../../../src/inventory/analyzers/conda-meta.js';
import { createOsAnalyzers } from '../../../src/inventory/analyzers/index.js';
import { inventoryOf } from '../../helpers/drydock.js';
import { ensureFixtures, fixture } from '../../helpers/fixtures.js';
import { sharedPath } from '../support/shared.js';
import { runAnalyzer } from '../support/stub-merge-view.js';

/** Trivy's conda-meta parser table (pkg/dependency/parser/conda/meta), run through the analyzer. */
interface TrivyCase {
  name: string;
  input: string;
  want?: Array<{ Name: string; Version: string; Licenses?: string[] }>;
  wantErr?: string;
}
const DIR = sharedPath('conformance', 'trivy-parsers', 'conda_meta');
const cases = (JSON.parse(readFileSync(`${DIR}/cases.json`, 'utf8')) as { tests: TrivyCase[] }).tests;

async function analyze(files: Record<string, string>) {
  const { output } = await runAnalyzer(condaMetaAnalyzer, [{ files }]);
  return { packages: output.packages ?? [], unknowns: output.unknowns ?? [] };
}

describe('conda-meta analyzer on Trivy conformance vectors', () => {
  it('has the vectors', () => expect(cases.map((c) => c.name)).toEqual(['_libgcc_mutex', 'libgomp', 'invalid_json', 'invalid_package']));

  for (const tc of cases) {
    it(`matches Trivy: ${tc.name}`, async () => {
      const path = `opt/conda/conda-meta/${tc.input.slice(tc.input.lastIndexOf('/') + 1)}`;
      const { packages, unknowns } = await analyze({ [path]: readFileSync(`${DIR}/${tc.input}`, 'utf8') });
      if (tc.wantErr !== undefined) {
        expect(packages).toEqual([]);
        expect(unknowns.length).toBeGreaterThan(0);
        return;
      }
      expect(unknowns).toEqual([]);
      expect(packages.map((p) => [p.record.name, p.record.version, p.record.licenses])).toEqual((tc.want ?? []).map((w) => [w.Name, w.Version, w.Licenses ?? []]));
    });
  }

  it('makes purls with the conda qualifiers, files absolute under the prefix, and dependencies by name', async () => {
    const { packages } = await analyze({ 'opt/conda/envs/app/conda-meta/libgomp-11.2.0-h1234567_1.json': readFileSync(`${DIR}/testdata/libgomp-11.2.0-h1234567_1.json`, 'utf8') });
    const r = packages[0]?.record;
    expect(r?.purl).toBe('pkg:conda/libgomp@11.2.0?build=h1234567_1&channel=main&subdir=linux-64&type=conda');
    expect(r?.files).toEqual(['/opt/conda/envs/app/lib/libgomp.so', '/opt/conda/envs/app/lib/libgomp.so.1.0.0', '/opt/conda/envs/app/share/licenses/gcc-libs/RUNTIME.LIBRARY.EXCEPTION.gomp_copy']);
    expect(r?.dependsOn).toEqual(['_libgcc_mutex']);
    expect(r?.metadata).toEqual({ build: 'h1234567_1', channel: 'https://repo.anaconda.com/pkgs/main/linux-64' });
  });

  it('reports the missing fields of an invalid record', async () => {
    const { unknowns } = await analyze({ 'conda-meta/x.json': '{"name": "x"}', 'conda-meta/history': 'not json' });
    expect(unknowns.map((u) => [u.path, u.reason])).toEqual([['/conda-meta/x.json', expect.stringMatching(/^conda-meta: version: Invalid input/)]]);
  });

  it('asks only for conda-meta/*.json', () => {
    const req = (p: string): boolean => condaMetaAnalyzer.required(p, { size: 1, mode: 0o644 });
    expect(req('opt/conda/conda-meta/python-3.12.0-h1_0.json')).toBe(true);
    expect(req('conda-meta/x.json')).toBe(true);
    expect(req('opt/conda/conda-meta/history')).toBe(false);
    expect(req('opt/conda/pkgs/x/info/index.json')).toBe(false);
  });
});

describe('conda-meta analyzer on a real image (lang-misc)', () => {
  it('reads the records where the image has them', async () => {
    await ensureFixtures(['lang-misc']);
    const inv = await inventoryOf(`oci:${fixture('lang-misc').ociDir}:latest`, { analyzers: [...createOsAnalyzers({ now: new Date() }), condaMetaAnalyzer] });
    // conda cannot run here: the truth is Trivy's expectation for these conformance inputs
    const got = inv.packages.filter((p) => p.foundBy === 'conda-meta');
    expect(got.map((p) => [p.name, p.version, p.location]).sort()).toEqual([
      ['_libgcc_mutex', '0.1', '/opt/conda/conda-meta/_libgcc_mutex-0.1-main.json'],
      ['libgomp', '11.2.0', '/opt/conda/conda-meta/libgomp-11.2.0-h1234567_1.json'],
    ]);
    const gomp = got.find((p) => p.name === 'libgomp');
    expect(gomp?.dependsOn).toEqual([got.find((p) => p.name === '_libgcc_mutex')?.id]);
    expect(gomp?.licenses).toEqual(['GPL-3.0-only WITH GCC-exception-3.1']);
  });
});
