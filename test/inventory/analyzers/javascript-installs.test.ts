import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { MergedPackage } from '../../../src/inventory/analyzer.js';
import { javascriptAnalyzer } from '../../../src/inventory/analyzers/javascript.js';
import { runAnalyzer, type StubLayer } from '../support/stub-merge-view.js';

/**
 * The JavaScript analyzer on real installs (testdata/javascript/README.md says how each was made):
 * every package.json, lock file and install marker of the app, and its symlinks, as the walker
 * captures them. The truth is what `npm ls --all` says was installed.
 */

const installed = (name: string): Required<Pick<StubLayer, 'files' | 'symlinks'>> =>
  JSON.parse(readFileSync(new URL(`testdata/javascript/${name}.json`, import.meta.url), 'utf8')) as Required<Pick<StubLayer, 'files' | 'symlinks'>>;

const refs = (pkgs: MergedPackage[] | undefined, where: (p: MergedPackage) => boolean = () => true): string[] =>
  (pkgs ?? [])
    .filter(where)
    .map((p) => `${p.record.name}@${p.record.version}`)
    .sort();
const lockOnly = (p: MergedPackage): boolean => p.record.foundIn === 'lockfile';
const inTree = (p: MergedPackage): boolean => p.record.foundIn === 'installed';

/** `npm ls --all` of the npm ci install: esbuild's 22 other-platform packages are UNMET OPTIONAL. */
const NPM_CI = ['@esbuild/linux-x64@0.19.12', 'debug@2.6.9', 'esbuild@0.19.12', 'is-number@6.0.0', 'is-odd@3.0.1', 'left-pad@1.3.0', 'ms@2.0.0', 'ms@2.1.3'];
const ESBUILD_PLATFORMS = 22;

describe('javascript analyzer: node_modules installed from the lock beside it', () => {
  it('npm ci: the optional platform packages npm left out are not reported (npm ls: UNMET OPTIONAL)', async () => {
    const { output } = await runAnalyzer(javascriptAnalyzer, [installed('npm-ci')]);
    expect(refs(output.packages, inTree)).toEqual(NPM_CI);
    expect(refs(output.packages, lockOnly)).toEqual([]);
    // the root's dependencies are what is installed, not the lock's other platforms
    const root = output.packages?.find((p) => p.location === '/srv/npm-ci/package.json');
    expect(root?.record.dependsOn).toEqual(['debug@2.6.9', 'esbuild@0.19.12', 'is-odd@3.0.1', 'left-pad@1.3.0', 'wa@0.1.0']);
    expect(output.unknowns).toEqual([]);
  });

  it('npm ci --omit=dev: the dev packages the install left out are not reported', async () => {
    const { output } = await runAnalyzer(javascriptAnalyzer, [installed('npm-omit-dev')]);
    expect(refs(output.packages, inTree)).toEqual(NPM_CI.filter((r) => !r.startsWith('is-')));
    expect(refs(output.packages, lockOnly)).toEqual([]);
  });

  it('the lock alone (node_modules deleted, or never installed): every package it lists is reported from it', async () => {
    const { files, symlinks } = installed('npm-ci');
    const { output } = await runAnalyzer(javascriptAnalyzer, [{ files, symlinks }, { deletes: ['srv/npm-ci/node_modules'] }]);
    const locked = output.packages?.filter(lockOnly) ?? [];
    expect(locked.filter((p) => p.record.name.startsWith('@esbuild/'))).toHaveLength(ESBUILD_PLATFORMS + 1);
    expect(refs(locked, (p) => p.record.dev === true)).toEqual(['is-number@6.0.0', 'is-odd@3.0.1']);
  });

  it('without the install marker the tree may not come from this lock: what it lacks is still reported', async () => {
    const { files, symlinks } = installed('npm-ci');
    const { 'srv/npm-ci/node_modules/.package-lock.json': _marker, ...rest } = files;
    const { output } = await runAnalyzer(javascriptAnalyzer, [{ files: rest, symlinks }]);
    expect(output.packages?.filter(lockOnly)).toHaveLength(ESBUILD_PLATFORMS);
  });

  it('yarn v1 (.yarn-integrity): esbuild platform packages, optional dependencies in yarn.lock, are not reported', async () => {
    const { output } = await runAnalyzer(javascriptAnalyzer, [installed('yarn-v1')]);
    expect(refs(output.packages, lockOnly)).toEqual([]);
    expect(refs(output.packages, (p) => p.record.name.startsWith('@esbuild/'))).toEqual(['@esbuild/linux-x64@0.19.12']);
  });
});

describe('javascript analyzer: virtual stores named .store', () => {
  it('npm --install-strategy=linked: node_modules/.store/<name>@<version>-<hash>/node_modules/<name>', async () => {
    const { output } = await runAnalyzer(javascriptAnalyzer, [installed('npm-linked')]);
    const rows = (output.packages ?? []).filter(inTree).map((p) => [`${p.record.name}@${p.record.version}`, p.record.relationship, p.record.dev, p.record.dependsOn]);
    expect(rows.sort()).toEqual([
      ['debug@2.6.9', 'direct', false, ['ms@2.0.0']],
      ['is-number@6.0.0', 'indirect', true, undefined],
      ['is-odd@3.0.1', 'direct', true, ['is-number@6.0.0']],
      ['ms@2.0.0', 'indirect', false, undefined],
    ]);
    expect(refs(output.packages, lockOnly)).toEqual([]);
  });

  it("yarn berry's pnpm linker: node_modules/.store/<entry>/package, named by its package.json", async () => {
    const { output } = await runAnalyzer(javascriptAnalyzer, [installed('yarn-berry-pnpm-linker')]);
    const got = output.packages?.filter(inTree) ?? [];
    expect(refs(got)).toEqual([
      '@babel/code-frame@7.24.7',
      '@babel/helper-validator-identifier@7.29.7',
      '@babel/highlight@7.25.9',
      'ansi-styles@3.2.1',
      'chalk@2.4.2',
      'color-convert@1.9.3',
      'color-name@1.1.3',
      'debug@2.6.9',
      'escape-string-regexp@1.0.5',
      'has-flag@3.0.0',
      'js-tokens@4.0.0',
      'ms@2.0.0',
      'picocolors@1.1.1',
      'supports-color@5.5.0',
    ]);
    expect(refs(output.packages, lockOnly)).toEqual([]);
    expect(got.find((p) => p.record.name === 'debug')?.record).toMatchObject({ relationship: 'direct', dependsOn: ['ms@2.0.0'] });
    expect(got.find((p) => p.record.name === 'chalk')?.record.relationship).toBe('indirect');
  });

  it('a .store package.json without a name is an unknown, not a package named "package"', async () => {
    const { output } = await runAnalyzer(javascriptAnalyzer, [{ files: { 'app/node_modules/.store/x-npm-1.0.0-abc/package/package.json': JSON.stringify({ version: '1.0.0' }) } }]);
    expect(output.packages).toEqual([]);
    expect(output.unknowns?.map((u) => u.reason)).toEqual(['package.json: no name']);
  });
});

describe('javascript analyzer: what is not a registry package', () => {
  it('yarn berry portal: dependencies (linkType soft, 0.0.0-use.local) are the app\'s directories, not packages', async () => {
    const { output } = await runAnalyzer(javascriptAnalyzer, [installed('yarn-berry-portal')]);
    expect(refs(output.packages, (p) => p.record.name === 'localpkg')).toEqual([]);
    expect(refs(output.packages, lockOnly)).toEqual([]);
  });

  it('a "private": true root or workspace manifest gets a pkg:generic purl, never the registry package of that name', async () => {
    const { output } = await runAnalyzer(javascriptAnalyzer, [installed('npm-ci')]);
    const root = output.packages?.find((p) => p.location === '/srv/npm-ci/package.json');
    expect(root?.record).toMatchObject({ name: 'myapp', version: '1.0.0', relationship: 'root', purl: 'pkg:generic/myapp@1.0.0', metadata: { private: 'true' } });
    // the workspace package wa is not private: it may be published, its purl stays npm's
    expect(output.packages?.find((p) => p.location === '/srv/npm-ci/packages/wa/package.json')?.record.purl).toBe('pkg:npm/wa@0.1.0');
    const scoped = await runAnalyzer(javascriptAnalyzer, [{ files: { 'app/package.json': JSON.stringify({ name: '@acme/web', version: '2.0.0', private: true }) } }]);
    expect(scoped.results[0]?.[0]?.packages?.[0]?.purl).toBe('pkg:generic/%40acme/web@2.0.0');
  });
});

describe('javascript analyzer: one bad file stays one unknown', () => {
  it('a lock whose dependency map has 300,000 bad values is an unknown of that lock; the other files of the layer are read', async () => {
    const deps = Object.fromEntries(Array.from({ length: 300_000 }, (_, i) => [`a${i}`, 1]));
    const hostile = JSON.stringify({ lockfileVersion: 3, packages: { '': { name: 'x' }, 'node_modules/a': { version: '1.0.0', dependencies: deps } } });
    const { files, symlinks } = installed('npm-ci');
    const { output } = await runAnalyzer(javascriptAnalyzer, [{ files: { ...files, 'other/package-lock.json': hostile }, symlinks }]);
    expect(refs(output.packages, inTree)).toEqual(NPM_CI);
    expect(output.unknowns?.map((u) => `${u.path}: ${u.reason}`)).toEqual(['/other/package-lock.json: package-lock.json: packages["node_modules/a"]: dependencies: expected an object of strings']);
  });

  it('every lock format and package.json: a huge map of bad values is one problem, read in linear time, never a stack overflow', async () => {
    const n = 150_000;
    const names = Array.from({ length: n }, (_, i) => `a${i}`);
    const bad = Object.fromEntries(names.map((k) => [k, 1]));
    const yamlMap = (indent: string): string => names.map((k) => `${indent}${k}: [1]\n`).join('');
    const inputs: Record<string, string> = {
      'a/package.json': JSON.stringify({ name: 'a', version: '1.0.0', dependencies: bad, workspaces: names.map(() => 1) }),
      'b/pnpm-lock.yaml': `lockfileVersion: '9.0'\nimporters:\n  .:\n    dependencies:\n${yamlMap('      ')}`,
      'c/bun.lock': JSON.stringify({ lockfileVersion: 1, workspaces: { '': { dependencies: bad } }, packages: { a: ['a@1.0.0', '', { dependencies: bad }, 'sha'] } }),
      'd/yarn.lock': `__metadata:\n  version: 8\n"a@npm:1":\n  version: 1.0.0\n  resolution: "a@npm:1.0.0"\n  dependencies:\n${yamlMap('    ')}`,
      'e/package-lock.json': JSON.stringify({ lockfileVersion: 1, dependencies: { a: { version: '1.0.0', requires: bad } } }),
    };
    const started = performance.now();
    const { results } = await runAnalyzer(javascriptAnalyzer, [{ files: inputs }]);
    expect(performance.now() - started).toBeLessThan(30_000);
    const reasons = Object.fromEntries((results[0] ?? []).map((r) => [r.path, r.unknowns]));
    expect(reasons).toEqual({
      'a/package.json': ['package.json: dependencies: Invalid input', 'package.json: workspaces: Invalid input'],
      'b/pnpm-lock.yaml': ['pnpm-lock.yaml: importers["."]: dependencies: expected an object of versions'],
      'c/bun.lock': ['bun.lock: workspaces[""]: dependencies: expected an object of strings', 'bun.lock: packages["a"]: dependencies: expected an object of strings'],
      'd/yarn.lock': ['yarn.lock: entry "a": dependencies: expected an object of strings'],
      'e/package-lock.json': ['package-lock.json: dependencies["a"]: requires: Invalid input'],
    });
  }, 60_000);
});
