import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Inventory } from '../../../src/core/inventory.js';
import { gemspecAnalyzer, isGemspecPath } from '../../../src/inventory/analyzers/gemspec.js';
import { createOsAnalyzers } from '../../../src/inventory/analyzers/index.js';
import { inventoryOf } from '../../helpers/drydock.js';
import { ensureFixtures, fixture, readLangTruth } from '../../helpers/fixtures.js';
import { sharedPath } from '../support/shared.js';
import { runAnalyzer } from '../support/stub-merge-view.js';

/** Trivy's gemspec parser table (pkg/dependency/parser/ruby/gemspec), run through the analyzer. */
interface TrivyCase {
  name: string;
  inputFile: string;
  want?: Array<{ Name: string; Version: string; Licenses?: string[] }>;
  wantErr?: string;
}
const DIR = sharedPath('conformance', 'trivy-parsers', 'ruby_gemspec');
const cases = (JSON.parse(readFileSync(`${DIR}/cases.json`, 'utf8')) as { tests: TrivyCase[] }).tests;

async function analyze(files: Record<string, string>) {
  const { output } = await runAnalyzer(gemspecAnalyzer, [{ files }]);
  return { packages: output.packages ?? [], unknowns: output.unknowns ?? [] };
}

describe('gemspec analyzer on Trivy conformance vectors', () => {
  it('has the vectors', () => expect(cases).toHaveLength(6));

  for (const tc of cases) {
    it(`matches Trivy: ${tc.name}`, async () => {
      const path = `usr/local/bundle/specifications/${tc.inputFile.slice(tc.inputFile.lastIndexOf('/') + 1)}`;
      const { packages, unknowns } = await analyze({ [path]: readFileSync(`${DIR}/${tc.inputFile}`, 'utf8') });
      if (tc.wantErr !== undefined) {
        // Trivy fails the file; drydock reports it as an unknown and no package.
        expect(packages).toEqual([]);
        expect(unknowns.length).toBeGreaterThan(0);
        expect(new Set(unknowns.map((u) => u.path))).toEqual(new Set([`/${path}`]));
        return;
      }
      const want = tc.want ?? [];
      expect(packages.map((p) => [p.record.name, p.record.version])).toEqual(want.map((w) => [w.Name, w.Version]));
      const got = packages[0]?.record;
      expect(got?.purl).toBe(`pkg:gem/${want[0]?.Name}@${want[0]?.Version}`);
      expect(got?.foundIn).toBe('installed');
      expect(packages[0]?.location).toBe(`/${path}`);
      if (tc.name === 'another variable name') {
        // Deliberate difference: `spec.licenses = "MIT"` — Trivy drops a string where it expects an
        // array, but RubyGems' `licenses=` wraps it (`Array(licenses)`), so MIT is the declared license.
        expect(got?.licenses).toEqual(['MIT']);
      } else {
        expect(got?.licenses).toEqual(want[0]?.Licenses ?? []);
      }
    });
  }

  it('names the missing field of a malformed gemspec', async () => {
    const { unknowns } = await analyze({ 'specifications/x.gemspec': readFileSync(`${DIR}/testdata/malformed01.gemspec`, 'utf8') });
    expect(unknowns.map((u) => u.reason)).toEqual(['gemspec: no literal `s.version = "..."`']);
  });

  it('keeps runtime dependencies only (development ones are not in the installed graph)', async () => {
    const { packages } = await analyze({ 'specifications/test-unit-3.3.7.gemspec': readFileSync(`${DIR}/testdata/multiple_licenses.gemspec`, 'utf8') });
    expect(packages[0]?.record.dependsOn).toEqual(['power_assert']);
  });
});

describe('gemspec forms RubyGems has written over the years', () => {
  it('reads %q{} strings, Gem::Version.new, a platform, and add_dependency without the guard', async () => {
    const text = [
      'Gem::Specification.new do |s|',
      '  s.name = %q{nokogiri}',
      '  s.version = Gem::Version.new("1.15.4".freeze)',
      '  s.platform = "x86_64-linux".freeze',
      "  s.license = 'MIT'",
      '  s.add_dependency(%q<racc>.freeze, ["~> 1.4"])',
      '  s.add_development_dependency(%q<rake>.freeze, [">= 0"])',
      'end',
    ].join('\n');
    const { packages } = await analyze({ 'var/lib/gems/3.1.0/specifications/nokogiri-1.15.4-x86_64-linux.gemspec': text });
    const r = packages[0]?.record;
    expect([r?.name, r?.version, r?.licenses, r?.dependsOn]).toEqual(['nokogiri', '1.15.4', ['MIT'], ['racc']]);
    expect(r?.purl).toBe('pkg:gem/nokogiri@1.15.4?platform=x86_64-linux');
    expect(r?.metadata).toEqual({ platform: 'x86_64-linux' });
  });

  it('does not evaluate interpolation or other expressions', async () => {
    const text = 'Gem::Specification.new do |s|\n  s.name = "x#{1}"\n  s.version = VERSION\nend\n';
    const { packages, unknowns } = await analyze({ 'specifications/x.gemspec': text });
    expect(packages).toEqual([]);
    expect(unknowns.map((u) => u.reason)).toEqual(['gemspec: no literal `s.name = "..."`', 'gemspec: no literal `s.version = "..."`']);
  });

  it('asks only for specifications/*.gemspec and specifications/default/*.gemspec', () => {
    expect(isGemspecPath('usr/local/bundle/specifications/rack-3.0.8.gemspec')).toBe(true);
    expect(isGemspecPath('usr/lib/ruby/gems/3.1.0/specifications/default/json-2.6.1.gemspec')).toBe(true);
    expect(isGemspecPath('specifications/a.gemspec')).toBe(true);
    expect(isGemspecPath('srv/app/myapp.gemspec')).toBe(false);
    expect(isGemspecPath('usr/local/bundle/gems/rack-3.0.8/rack.gemspec')).toBe(false);
    expect(isGemspecPath('usr/local/bundle/specifications/rack-3.0.8.gemspec.bak')).toBe(false);
  });
});

describe('gemspec analyzer on a real image (lang-misc)', () => {
  let inv: Inventory;
  beforeAll(async () => {
    await ensureFixtures(['lang-misc']);
    inv = await inventoryOf(`oci:${fixture('lang-misc').ociDir}:latest`, { analyzers: [...createOsAnalyzers({ now: new Date() }), gemspecAnalyzer] });
  });

  it('finds every gem RubyGems lists, once: as a gem, or folded into the deb that owns its gemspec', () => {
    const truth = readLangTruth('lang-misc').filter((t) => t.source === 'rubygems Gem::Specification');
    expect(truth.length).toBeGreaterThan(80);
    const gems = inv.packages.filter((p) => p.foundBy === 'gemspec');
    for (const t of truth) {
      const purl = `pkg:gem/${t.name}@${t.version}`;
      const own = gems.filter((p) => p.location === t.path);
      const owners = inv.packages.filter((p) => p.type === 'deb' && (p.files ?? []).includes(t.path ?? ''));
      if (owners.length > 0) {
        expect(own, `${t.path} is dpkg-owned: folded`).toEqual([]);
        expect(owners.some((o) => o.extraPurls?.includes(purl)), `${purl} on ${owners.map((o) => o.name).join()}`).toBe(true);
      } else {
        expect(own.map((p) => [p.name, p.version, p.purl]), t.path).toEqual([[t.name, t.version, purl]]);
      }
    }
    // nothing reported that RubyGems does not list
    expect(gems.every((g) => truth.some((t) => t.path === g.location))).toBe(true);
  });

  it('reports the gem installed with `gem install` as a gem with its runtime dependency, Debian gems as extra identities', () => {
    const greeting = inv.packages.find((p) => p.name === 'drydock-greeting');
    expect(greeting?.location).toBe('/var/lib/gems/3.1.0/specifications/drydock-greeting-0.4.2.gemspec');
    expect(greeting?.licenses).toEqual(['MIT']);
    expect(greeting?.layer?.createdBy).toContain('gem install');
    const rack = inv.packages.find((p) => p.type === 'deb' && p.name === 'ruby-rack');
    expect(rack?.extraPurls).toContain('pkg:gem/rack@2.2.22');
    const libruby = inv.packages.find((p) => p.type === 'deb' && p.name === 'libruby3.1');
    expect(libruby?.extraPurls).toEqual(expect.arrayContaining(['pkg:gem/json@2.6.1', 'pkg:gem/rake@13.0.6']));
    expect(inv.unknowns.filter((u) => u.source === 'gemspec')).toEqual([]);
  });
});
