import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { cargoLockAnalyzer } from '../../../src/inventory/analyzers/cargo-lock.js';
import { createOsAnalyzers } from '../../../src/inventory/analyzers/index.js';
import { inventoryOf } from '../../helpers/drydock.js';
import { ensureFixtures, fixture, readLangTruth } from '../../helpers/fixtures.js';
import { sharedPath } from '../support/shared.js';
import { runAnalyzer } from '../support/stub-merge-view.js';

/** Trivy's cargo parser table (pkg/dependency/parser/rust/cargo), run through the analyzer. */
interface TrivyCase {
  file: string;
  wantPkgs?: Array<{ ID: string; Name: string; Version: string }>;
  wantDeps?: Array<{ ID: string; DependsOn: string[] }>;
  wantErr: { $ref: string };
}
const DIR = sharedPath('conformance', 'trivy-parsers', 'rust_cargo');
const cases = (JSON.parse(readFileSync(`${DIR}/cases.json`, 'utf8')) as { tests: TrivyCase[] }).tests;

async function analyze(text: string, path = 'srv/app/Cargo.lock') {
  const { output } = await runAnalyzer(cargoLockAnalyzer, [{ files: { [path]: text } }]);
  return { packages: output.packages ?? [], unknowns: output.unknowns ?? [] };
}

describe('Cargo.lock analyzer on Trivy conformance vectors', () => {
  it('has the vectors', () => expect(cases.map((c) => c.file)).toEqual(['cargo_normal.lock', 'cargo_mixed.lock', 'cargo_v3.lock', 'cargo_invalid.lock'].map((f) => `testdata/${f}`)));

  for (const tc of cases) {
    it(`matches Trivy: ${tc.file}`, async () => {
      const { packages, unknowns } = await analyze(readFileSync(`${DIR}/${tc.file}`, 'utf8'));
      if (tc.wantErr.$ref === 'assert.Error') {
        // Trivy fails the file; drydock reports it as an unknown
        expect(packages).toEqual([]);
        expect(unknowns.map((u) => u.reason)).toEqual(['Cargo.lock: not valid TOML (line 10: invalid value)']);
        return;
      }
      expect(unknowns).toEqual([]);
      const got = new Map(packages.map((p) => [`${p.record.name}@${p.record.version}`, p.record]));
      const want = tc.wantPkgs ?? [];
      expect([...got.keys()].sort()).toEqual(want.map((w) => w.ID).sort());
      for (const w of want) {
        const r = got.get(w.ID);
        // Deliberate difference: Trivy gives local crates (no source: the workspace's own, path
        // dependencies) a crates.io purl; drydock gives them none (pkg:generic), so advisories
        // for an unrelated crates.io crate of the same name cannot match them.
        const local = r?.metadata?.['source'] === 'local';
        expect(r?.purl).toBe(`pkg:${local ? 'generic' : 'cargo'}/${w.Name}@${w.Version}`);
        expect(r?.foundIn).toBe('lockfile');
        const deps = tc.wantDeps?.find((d) => d.ID === w.ID)?.DependsOn ?? [];
        expect(r?.dependsOn ?? [], w.ID).toEqual([...deps].sort());
      }
    });
  }

  it('adds relationships Trivy leaves out: local crates nothing depends on are roots', async () => {
    const { packages } = await analyze(readFileSync(`${DIR}/testdata/cargo_v3.lock`, 'utf8'));
    const rel = Object.fromEntries(packages.map((p) => [`${p.record.name}@${p.record.version}`, p.record.relationship]));
    expect(rel).toEqual({
      'app@0.1.0': 'root',
      'regex@1.7.3': 'direct',
      'memchr@1.0.2': 'direct',
      'regex-syntax@0.5.6': 'direct',
      'aho-corasick@0.7.20': 'indirect',
      'libc@0.2.140': 'indirect',
      'memchr@2.5.0': 'indirect',
      'regex-syntax@0.6.29': 'indirect',
      'ucd-util@0.1.10': 'indirect',
    });
  });

  it('gives local crates (the workspace, path dependencies) no crates.io identity', async () => {
    const { packages } = await analyze(readFileSync(`${DIR}/testdata/cargo_v3.lock`, 'utf8'));
    const app = packages.find((p) => p.record.name === 'app')?.record;
    expect(app).toMatchObject({ type: 'cargo', purl: 'pkg:generic/app@0.1.0', relationship: 'root', metadata: { source: 'local' } });
    expect(packages.filter((p) => p.record.purl?.startsWith('pkg:generic/')).map((p) => p.record.name)).toEqual(['app']);
  });

  it('does not link a dependency on a git fork to the registry crate of the same name and version (v1 references with sources)', async () => {
    const fork = 'git+https://github.com/me/serde?branch=fix#abcdef';
    const text = [
      '[[package]]\nname = "app"\nversion = "0.1.0"',
      `dependencies = [\n "serde 1.0.100 (${fork})",\n "helper 0.1.0",\n]`,
      '',
      '[[package]]\nname = "helper"\nversion = "0.1.0"',
      'dependencies = ["serde 1.0.100 (registry+https://github.com/rust-lang/crates.io-index)"]',
      '',
      '[[package]]\nname = "serde"\nversion = "1.0.100"\nsource = "registry+https://github.com/rust-lang/crates.io-index"',
      '',
      `[[package]]\nname = "serde"\nversion = "1.0.100"\nsource = "${fork}"`,
      '',
    ].join('\n');
    const { packages, unknowns } = await analyze(text);
    expect(unknowns).toEqual([]);
    const rows = packages.map((p) => [p.record.name, p.record.purl, p.record.dependsOn, p.record.metadata?.['unlinkedDependencies']]);
    expect(rows).toEqual([
      // `serde@1.0.100` would resolve to the first serde of the file, the registry one: the edge
      // to the fork is named in metadata instead
      ['app', 'pkg:generic/app@0.1.0', ['helper@0.1.0'], `serde 1.0.100 (${fork})`],
      ['helper', 'pkg:generic/helper@0.1.0', ['serde@1.0.100'], undefined],
      ['serde', 'pkg:cargo/serde@1.0.100', undefined, undefined],
      ['serde', 'pkg:cargo/serde@1.0.100?vcs_url=git%2Bhttps%3A%2F%2Fgithub.com%2Fme%2Fserde%40abcdef', undefined, undefined],
    ]);
    // the fork is depended on (not a root) and reached from the root through the git edge
    expect(packages.map((p) => p.record.relationship)).toEqual(['root', 'direct', 'indirect', 'direct']);
  });

  it('reports a dependency the lock does not contain', async () => {
    const text = 'version = 3\n\n[[package]]\nname = "a"\nversion = "1.0.0"\ndependencies = ["b"]\n';
    const { packages, unknowns } = await analyze(text);
    expect(packages.map((p) => p.record.name)).toEqual(['a']);
    expect(unknowns.map((u) => u.reason)).toEqual(['Cargo.lock: a 1.0.0: dependency "b" is not in the lock file']);
  });

  it('skips lock files inside Cargo caches', () => {
    const req = (p: string): boolean => cargoLockAnalyzer.required(p, { size: 1, mode: 0o644 });
    expect(req('Cargo.lock')).toBe(true);
    expect(req('src/app/Cargo.lock')).toBe(true);
    expect(req('root/.cargo/registry/src/index.crates.io-6f17d22bba15001f/ripgrep-14.1.0/Cargo.lock')).toBe(false);
    expect(req('root/.cargo/git/checkouts/x-1234/abcd/Cargo.lock')).toBe(false);
    expect(req('src/app/Cargo.lock.orig')).toBe(false);
  });
});

describe('Cargo.lock analyzer on a real image (lang-misc)', () => {
  it('matches the packages of `cargo metadata` for the crate whose Cargo.lock the image holds', async () => {
    await ensureFixtures(['lang-misc']);
    const inv = await inventoryOf(`oci:${fixture('lang-misc').ociDir}:latest`, {
      analyzers: [...createOsAnalyzers({ now: new Date() }), cargoLockAnalyzer],
    });
    const truth = readLangTruth('lang-misc').filter((t) => t.ecosystem === 'cargo' && t.path === '/srv/rust-app/Cargo.lock');
    expect(truth.length).toBe(3);
    const got = inv.packages.filter((p) => p.location === '/srv/rust-app/Cargo.lock');
    expect(got.map((p) => `${p.name}@${p.version}`).sort()).toEqual(truth.map((t) => `${t.name}@${t.version}`).sort());
    const byName = new Map(got.map((p) => [p.name, p]));
    expect(byName.get('drydock-hello')).toMatchObject({ relationship: 'root', dependsOn: [byName.get('hello-greet')?.id] });
    expect(byName.get('hello-greet')).toMatchObject({ relationship: 'direct', dependsOn: [byName.get('hello-util')?.id] });
    expect(byName.get('hello-util')?.relationship).toBe('indirect');
    expect(inv.packages.filter((p) => p.location === '/srv/conformance/rust/Cargo.lock')).toHaveLength(9);
    expect(inv.unknowns.filter((u) => u.source === 'cargo-lock')).toEqual([]);
  });
});
