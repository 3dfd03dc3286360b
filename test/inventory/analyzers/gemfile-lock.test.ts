import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { gemfileLockAnalyzer } from '../../../src/inventory/analyzers/gemfile-lock.js';
import { createOsAnalyzers } from '../../../src/inventory/analyzers/index.js';
import { inventoryOf } from '../../helpers/drydock.js';
import { ensureFixtures, fixture, readLangTruth } from '../../helpers/fixtures.js';
import { sharedPath } from '../support/shared.js';
import { runAnalyzer } from '../support/stub-merge-view.js';

/** Trivy's bundler parser table (pkg/dependency/parser/ruby/bundler), run through the analyzer. */
interface TrivyCase {
  name: string;
  file: string;
  wantPkgs: Array<{ ID: string; Name: string; Version: string; Relationship?: { $ref: string } }>;
  wantDeps?: Array<{ ID: string; DependsOn: string[] }>;
}
const DIR = sharedPath('conformance', 'trivy-parsers', 'ruby_bundler');
const cases = (JSON.parse(readFileSync(`${DIR}/cases.json`, 'utf8')) as { tests: TrivyCase[] }).tests;
const RELATIONSHIP: Record<string, string> = { 'ftypes.RelationshipDirect': 'direct', 'ftypes.RelationshipIndirect': 'indirect' };

async function analyze(text: string, path = 'srv/app/Gemfile.lock') {
  const { output } = await runAnalyzer(gemfileLockAnalyzer, [{ files: { [path]: text } }]);
  return { packages: output.packages ?? [], unknowns: output.unknowns ?? [] };
}

describe('Gemfile.lock analyzer on Trivy conformance vectors', () => {
  it('has the vectors', () => expect(cases.map((c) => c.name)).toEqual(['normal', 'bundler2', 'malformed']));

  for (const tc of cases) {
    it(`matches Trivy: ${tc.name}`, async () => {
      const { packages, unknowns } = await analyze(readFileSync(`${DIR}/${tc.file}`, 'utf8'));
      const got = new Map(packages.map((p) => [`${p.record.name}@${p.record.version}`, p.record]));
      expect([...got.keys()].sort()).toEqual(tc.wantPkgs.map((w) => w.ID).sort());
      for (const w of tc.wantPkgs) {
        const r = got.get(w.ID);
        expect(r?.relationship, w.ID).toBe(RELATIONSHIP[w.Relationship?.$ref ?? '']);
        expect(r?.foundIn).toBe('lockfile');
        expect(r?.purl).toBe(`pkg:gem/${w.Name}@${w.Version}`);
        const deps = tc.wantDeps?.find((d) => d.ID === w.ID)?.DependsOn ?? [];
        expect([...(r?.dependsOn ?? [])].sort(), w.ID).toEqual([...deps].sort());
      }
      // Deliberate difference: Trivy returns nothing for the malformed file without a word; drydock
      // says the file is not a Gemfile.lock.
      expect(unknowns.length).toBe(tc.name === 'malformed' ? 1 : 0);
    });
  }
});

describe('Gemfile.lock details', () => {
  const lock = [
    'GIT',
    '  remote: https://github.com/example/widget.git',
    '  revision: 0123456789abcdef',
    '  specs:',
    '    widget (0.1.0)',
    '      nokogiri (>= 1.10)',
    '',
    'PATH',
    '  remote: .',
    '  specs:',
    '    myapp (1.0.0)',
    '      widget',
    '',
    'GEM',
    '  remote: https://rubygems.org/',
    '  specs:',
    '    nokogiri (1.15.4-x86_64-linux)',
    '      racc (~> 1.4)',
    '    nokogiri (1.15.4-arm64-darwin)',
    '      racc (~> 1.4)',
    '    racc (1.7.1)',
    '',
    'PLATFORMS',
    '  arm64-darwin',
    '  x86_64-linux',
    '',
    'DEPENDENCIES',
    '  myapp!',
    '  widget!',
    '',
    'BUNDLED WITH',
    '   2.4.19',
    '',
  ].join('\r\n');

  it('reads GIT and PATH gems, splits platforms off versions and merges platform variants', async () => {
    const { packages, unknowns } = await analyze(lock);
    expect(unknowns).toEqual([]);
    const byName = new Map(packages.map((p) => [p.record.name, p.record]));
    expect([...byName.keys()].sort()).toEqual(['myapp', 'nokogiri', 'racc', 'widget']);
    expect(byName.get('nokogiri')).toMatchObject({ version: '1.15.4', relationship: 'indirect', dependsOn: ['racc@1.7.1'], metadata: { platforms: 'x86_64-linux,arm64-darwin' } });
    // two platforms: no single platform qualifier
    expect(byName.get('nokogiri')?.purl).toBe('pkg:gem/nokogiri@1.15.4');
    expect(byName.get('widget')).toMatchObject({ relationship: 'direct', metadata: { source: 'git' }, dependsOn: ['nokogiri@1.15.4'] });
    expect(byName.get('myapp')).toMatchObject({ relationship: 'direct', metadata: { source: 'path' }, dependsOn: ['widget@0.1.0'] });
  });

  it('gives a PATH gem (local code) no rubygems identity, so rubygems advisories cannot match it', async () => {
    const { packages } = await analyze(lock);
    const byName = new Map(packages.map((p) => [p.record.name, p.record]));
    expect(byName.get('myapp')).toMatchObject({ type: 'gem', purl: 'pkg:generic/myapp@1.0.0' });
    expect(byName.get('widget')?.purl).toBe('pkg:gem/widget@0.1.0');
    expect(byName.get('racc')?.purl).toBe('pkg:gem/racc@1.7.1');
  });

  it('asks for app lock files, not those inside installed gems', () => {
    const req = (p: string): boolean => gemfileLockAnalyzer.required(p, { size: 1, mode: 0o644 });
    expect(req('srv/app/Gemfile.lock')).toBe(true);
    expect(req('Gemfile.lock')).toBe(true);
    expect(req('app/gems.locked')).toBe(true);
    expect(req('usr/local/bundle/gems/rack-3.0.8/Gemfile.lock')).toBe(false);
    expect(req('srv/app/OldGemfile.lock')).toBe(false);
  });
});

describe('Gemfile.lock analyzer on a real image (lang-misc)', () => {
  it('finds what bundler itself reads from the app lock file, with the graph', async () => {
    await ensureFixtures(['lang-misc']);
    const inv = await inventoryOf(`oci:${fixture('lang-misc').ociDir}:latest`, {
      analyzers: [...createOsAnalyzers({ now: new Date() }), gemfileLockAnalyzer],
    });
    const truth = readLangTruth('lang-misc').filter((t) => t.source === 'bundler LockfileParser');
    expect(truth.length).toBe(3);
    const app = inv.packages.filter((p) => p.location === '/srv/ruby-app/Gemfile.lock');
    expect(app.map((p) => `${p.name}@${p.version}`).sort()).toEqual(truth.map((t) => `${t.name}@${t.version}`).sort());
    const byName = new Map(app.map((p) => [p.name, p]));
    expect(byName.get('drydock-greeting')?.relationship).toBe('direct');
    expect(byName.get('json')?.relationship).toBe('direct');
    expect(byName.get('rack')?.relationship).toBe('indirect');
    expect(byName.get('drydock-greeting')?.dependsOn).toEqual([byName.get('rack')?.id]);
    // the conformance lock file copied into the image is read too
    const conf = inv.packages.filter((p) => p.location === '/srv/conformance/ruby/Gemfile.lock');
    expect(conf.map((p) => p.name).sort()).toEqual(['coderay', 'concurrent-ruby', 'dotenv', 'faker', 'i18n', 'json', 'method_source', 'pry']);
    expect(inv.unknowns.filter((u) => u.source === 'gemfile-lock')).toEqual([]);
  });
});
