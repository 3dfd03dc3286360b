import { describe, expect, it } from 'vitest';
import type { MergedPackage } from '../../../src/inventory/analyzer.js';
import { javascriptAnalyzer } from '../../../src/inventory/analyzers/javascript.js';
import { runAnalyzer, type StubLayer } from '../support/stub-merge-view.js';

/**
 * The JavaScript analyzer on hand-made layers: what is installed where, joined with lock files.
 * Real images (npm ls as the truth) are in javascript-fixtures.test.ts.
 */

const pkg = (name: string, version: string, extra: Record<string, unknown> = {}): string => JSON.stringify({ name, version, ...extra });

interface Row {
  ref: string;
  at: string;
  foundIn?: string;
  relationship?: string;
  dev?: boolean;
  deps?: string[];
}

function rows(pkgs: MergedPackage[] | undefined): Row[] {
  return (pkgs ?? [])
    .map((p) => {
      const r: Row = { ref: p.record.version === '' ? p.record.name : `${p.record.name}@${p.record.version}`, at: p.location };
      if (p.record.foundIn !== undefined) r.foundIn = p.record.foundIn;
      if (p.record.relationship !== undefined) r.relationship = p.record.relationship;
      if (p.record.dev !== undefined) r.dev = p.record.dev;
      if (p.record.dependsOn !== undefined) r.deps = p.record.dependsOn;
      return r;
    })
    .sort((a, b) => (a.ref < b.ref ? -1 : a.ref > b.ref ? 1 : a.at < b.at ? -1 : 1));
}

/** An npm app: lodash and @s/util installed, the dev dependency (mocha) not (npm ci --omit=dev). */
const NPM_LOCK = JSON.stringify({
  name: 'app',
  version: '1.0.0',
  lockfileVersion: 3,
  packages: {
    '': { name: 'app', version: '1.0.0', dependencies: { lodash: '^4.17.0', '@s/util': '1.0.0' }, devDependencies: { mocha: '10.0.0' } },
    'node_modules/lodash': { version: '4.17.21', license: 'MIT' },
    'node_modules/@s/util': { version: '1.0.0', dependencies: { ms: '^2.0.0' } },
    'node_modules/@s/util/node_modules/ms': { version: '2.0.0' },
    'node_modules/ms': { version: '2.1.3', dev: true },
    'node_modules/mocha': { version: '10.0.0', dev: true, dependencies: { ms: '2.1.3' } },
  },
});

const NPM_APP: StubLayer = {
  files: {
    'app/package.json': pkg('app', '1.0.0', { dependencies: { lodash: '^4.17.0', '@s/util': '1.0.0' }, devDependencies: { mocha: '10.0.0' } }),
    'app/package-lock.json': NPM_LOCK,
    'app/node_modules/lodash/package.json': pkg('lodash', '4.17.21', { license: 'MIT' }),
    'app/node_modules/@s/util/package.json': pkg('@s/util', '1.0.0', { dependencies: { ms: '^2.0.0' } }),
    'app/node_modules/@s/util/node_modules/ms/package.json': pkg('ms', '2.0.0'),
    // not manifests of installed packages
    'app/node_modules/@s/util/dist/esm/package.json': JSON.stringify({ type: 'module' }),
    'app/node_modules/lodash/test/fixtures/package.json': pkg('fixture', '0.0.0'),
    'app/node_modules/lodash/test/fixtures/node_modules/x/package.json': pkg('x', '9.9.9'),
  },
};

describe('javascript analyzer: required()', () => {
  const req = (p: string): boolean => javascriptAnalyzer.required(p, { size: 10, mode: 0o644 });
  it('takes package manifests, app manifests and lock files, nothing else', () => {
    for (const p of [
      'app/node_modules/a/package.json',
      'node_modules/@s/a/package.json',
      'app/node_modules/.pnpm/a@1.0.0/node_modules/a/package.json',
      'app/package.json',
      'package.json',
      'usr/share/nodejs/ms/package.json',
      'app/package-lock.json',
      'app/yarn.lock',
      'pnpm-lock.yaml',
      'srv/bun.lock',
      'srv/bun.lockb',
      'app/npm-shrinkwrap.json',
    ]) {
      expect(req(p), p).toBe(true);
    }
    for (const p of [
      'app/node_modules/a/dist/package.json',
      'app/node_modules/@s/package.json',
      'app/node_modules/a/package-lock.json',
      'app/node_modules/a/yarn.lock',
      'app/mypackage.json',
      'app/node_modules/.package-lock.json',
      'app/node_modules/a/index.js',
      'app/lock.yaml',
    ]) {
      expect(req(p), p).toBe(false);
    }
  });
});

describe('javascript analyzer: an npm app', () => {
  it('reports installed packages once each (by path), with the lock graph, and the dev dependency that is only in the lock', async () => {
    const { output } = await runAnalyzer(javascriptAnalyzer, [NPM_APP]);
    expect(rows(output.packages)).toEqual([
      { ref: '@s/util@1.0.0', at: '/app/node_modules/@s/util/package.json', foundIn: 'installed', relationship: 'direct', dev: false, deps: ['ms@2.0.0'] },
      { ref: 'app@1.0.0', at: '/app/package.json', foundIn: 'manifest', relationship: 'root', dev: false, deps: ['@s/util@1.0.0', 'lodash@4.17.21', 'mocha@10.0.0'] },
      { ref: 'lodash@4.17.21', at: '/app/node_modules/lodash/package.json', foundIn: 'installed', relationship: 'direct', dev: false },
      { ref: 'mocha@10.0.0', at: '/app/package-lock.json', foundIn: 'lockfile', relationship: 'direct', dev: true, deps: ['ms@2.1.3'] },
      { ref: 'ms@2.0.0', at: '/app/node_modules/@s/util/node_modules/ms/package.json', foundIn: 'installed', relationship: 'indirect', dev: false },
      { ref: 'ms@2.1.3', at: '/app/package-lock.json', foundIn: 'lockfile', relationship: 'indirect', dev: true },
    ]);
    expect(output.unknowns).toEqual([]);
    const lodash = output.packages?.find((p) => p.record.name === 'lodash');
    expect(lodash?.record).toMatchObject({ purl: 'pkg:npm/lodash@4.17.21', licenses: ['MIT'], evidence: ['package.json', 'package-lock.json'] });
    expect(output.packages?.find((p) => p.record.name === '@s/util')?.record.purl).toBe('pkg:npm/%40s/util@1.0.0');
  });

  it('without the lock, the graph comes from package.json files and Node.js resolution', async () => {
    const { 'app/package-lock.json': _lock, ...files } = NPM_APP.files ?? {};
    const { output } = await runAnalyzer(javascriptAnalyzer, [{ files }]);
    expect(rows(output.packages).map((r) => [r.ref, r.relationship, r.dev, r.deps])).toEqual([
      ['@s/util@1.0.0', 'direct', false, ['ms@2.0.0']],
      ['app@1.0.0', 'root', false, ['@s/util@1.0.0', 'lodash@4.17.21']],
      ['lodash@4.17.21', 'direct', false, undefined],
      ['ms@2.0.0', 'indirect', false, undefined],
    ]);
  });

  it('attributes packages to the layer that installed them; deleting node_modules leaves the lock', async () => {
    const { 'app/package.json': manifest, 'app/package-lock.json': lock, ...modules } = NPM_APP.files ?? {};
    const base: StubLayer = { files: { 'app/package.json': manifest ?? '', 'app/package-lock.json': lock ?? '' } };
    const installed = await runAnalyzer(javascriptAnalyzer, [base, { files: modules }]);
    const layers = new Map((installed.output.packages ?? []).map((p) => [`${p.record.name}@${p.record.version}`, p.layer?.index]));
    expect(layers.get('lodash@4.17.21')).toBe(1);
    expect(layers.get('mocha@10.0.0')).toBe(0);
    expect(layers.get('app@1.0.0')).toBe(0);
    const deleted = await runAnalyzer(javascriptAnalyzer, [base, { files: modules }, { deletes: ['app/node_modules'] }]);
    expect(rows(deleted.output.packages).filter((r) => r.foundIn === 'lockfile').map((r) => r.ref)).toEqual([
      '@s/util@1.0.0',
      'lodash@4.17.21',
      'mocha@10.0.0',
      'ms@2.0.0',
      'ms@2.1.3',
    ]);
  });
});

describe('javascript analyzer: layouts', () => {
  it("pnpm's virtual store: each package once, at its real path, linked through the symlinks", async () => {
    const store = 'app/node_modules/.pnpm';
    const { output } = await runAnalyzer(javascriptAnalyzer, [
      {
        files: {
          'app/package.json': pkg('app', '2.0.0', { dependencies: { a: '1.0.0' }, devDependencies: { d: '1.0.0' } }),
          [`${store}/a@1.0.0/node_modules/a/package.json`]: pkg('a', '1.0.0', { dependencies: { b: '^2.0.0' } }),
          [`${store}/b@2.0.0/node_modules/b/package.json`]: pkg('b', '2.0.0'),
          [`${store}/d@1.0.0/node_modules/d/package.json`]: pkg('d', '1.0.0', { dependencies: { b: '^2.0.0' } }),
        },
        symlinks: {
          'app/node_modules/a': '.pnpm/a@1.0.0/node_modules/a',
          'app/node_modules/d': '.pnpm/d@1.0.0/node_modules/d',
          [`${store}/a@1.0.0/node_modules/b`]: '../../b@2.0.0/node_modules/b',
          [`${store}/d@1.0.0/node_modules/b`]: '../../b@2.0.0/node_modules/b',
        },
      },
    ]);
    expect(rows(output.packages).map((r) => [r.ref, r.relationship, r.dev, r.deps])).toEqual([
      ['a@1.0.0', 'direct', false, ['b@2.0.0']],
      ['app@2.0.0', 'root', false, ['a@1.0.0', 'd@1.0.0']],
      ['b@2.0.0', 'indirect', false, undefined],
      ['d@1.0.0', 'direct', true, ['b@2.0.0']],
    ]);
  });

  it('workspaces: the packages are direct, their own node_modules belong to the app', async () => {
    const { output } = await runAnalyzer(javascriptAnalyzer, [
      {
        files: {
          'repo/package.json': JSON.stringify({ name: 'mono', private: true, workspaces: ['packages/*'] }),
          'repo/packages/web/package.json': pkg('@mono/web', '0.1.0', { dependencies: { react: '^18.0.0' }, devDependencies: { vite: '5.0.0' } }),
          'repo/packages/web/node_modules/vite/package.json': pkg('vite', '5.0.0'),
          'repo/node_modules/react/package.json': pkg('react', '18.2.0'),
          'repo/examples/package.json': pkg('examples', '0.0.0'),
        },
        symlinks: { 'repo/node_modules/@mono/web': '../../packages/web' },
      },
    ]);
    expect(rows(output.packages).map((r) => [r.ref, r.at, r.relationship, r.dev, r.deps])).toEqual([
      ['@mono/web@0.1.0', '/repo/packages/web/package.json', 'direct', false, ['react@18.2.0']],
      ['mono', '/repo/package.json', 'root', false, undefined],
      ['react@18.2.0', '/repo/node_modules/react/package.json', 'direct', false, undefined],
      ['vite@5.0.0', '/repo/packages/web/node_modules/vite/package.json', 'direct', true, undefined],
    ]);
  });

  it("Debian's module directories: installed packages, no app", async () => {
    const { output } = await runAnalyzer(javascriptAnalyzer, [
      {
        files: {
          'usr/share/nodejs/ms/package.json': pkg('ms', '2.1.3', { license: 'MIT' }),
          'usr/share/nodejs/@types/node/package.json': pkg('@types/node', '18.0.0'),
          'usr/share/nodejs/ms/test/package.json': pkg('not-a-package', '1.0.0'),
          'usr/lib/x86_64-linux-gnu/nodejs/bcrypt/package.json': pkg('bcrypt', '5.0.0'),
        },
      },
    ]);
    expect(rows(output.packages).map((r) => [r.ref, r.foundIn, r.relationship])).toEqual([
      ['@types/node@18.0.0', 'installed', undefined],
      ['bcrypt@5.0.0', 'installed', undefined],
      ['ms@2.1.3', 'installed', undefined],
    ]);
  });
});

describe('javascript analyzer: lock files without node_modules', () => {
  const YARN_LOCK = `# yarn lockfile v1

debug@^4.3.0:
  version "4.3.4"
  resolved "https://registry.yarnpkg.com/debug/-/debug-4.3.4.tgz#abc"
  dependencies:
    ms "2.1.2"

ms@2.1.2:
  version "2.1.2"

jest@^29.0.0:
  version "29.7.0"
  dependencies:
    ms "2.1.2"

left-pad@git+https://user:secret@github.com/x/left-pad.git#abc123:
  version "1.3.0"
`;

  it('yarn.lock: relationship and dev from the app package.json, everything foundIn lockfile', async () => {
    const { output } = await runAnalyzer(javascriptAnalyzer, [
      {
        files: {
          'srv/package.json': pkg('srv', '1.0.0', { dependencies: { debug: '^4.3.0', 'left-pad': 'git+https://github.com/x/left-pad.git' }, devDependencies: { jest: '^29.0.0' } }),
          'srv/yarn.lock': YARN_LOCK,
        },
      },
    ]);
    expect(rows(output.packages).map((r) => [r.ref, r.foundIn, r.relationship, r.dev, r.deps])).toEqual([
      ['debug@4.3.4', 'lockfile', 'direct', false, ['ms@2.1.2']],
      ['jest@29.7.0', 'lockfile', 'direct', true, ['ms@2.1.2']],
      ['left-pad@1.3.0', 'lockfile', 'direct', false, undefined],
      ['ms@2.1.2', 'lockfile', 'indirect', false, undefined],
      ['srv@1.0.0', 'manifest', 'root', false, ['debug@4.3.4', 'jest@29.7.0', 'left-pad@1.3.0']],
    ]);
    // the git source is in the purl, without the credentials of the URL
    expect(output.packages?.find((p) => p.record.name === 'left-pad')?.record.purl).toBe(
      'pkg:npm/left-pad@1.3.0?vcs_url=git%2Bhttps%3A%2F%2Fgithub.com%2Fx%2Fleft-pad.git%23abc123',
    );
  });

  it('several locks in one directory: the one whose package manager installed node_modules', async () => {
    const layer: StubLayer = {
      files: {
        'srv/package.json': pkg('srv', '1.0.0', { dependencies: { debug: '^4.3.0' } }),
        'srv/yarn.lock': YARN_LOCK,
        'srv/package-lock.json': JSON.stringify({ lockfileVersion: 3, packages: { '': {}, 'node_modules/other': { version: '1.0.0' } } }),
        'srv/node_modules/.yarn-integrity': '{}',
      },
    };
    const { output } = await runAnalyzer(javascriptAnalyzer, [layer]);
    expect(output.packages?.map((p) => p.location)).toContain('/srv/yarn.lock');
    expect(output.packages?.map((p) => p.location)).not.toContain('/srv/package-lock.json');
  });
});

describe('javascript analyzer: problems become unknowns', () => {
  it('a broken installed manifest, a bad lock entry and bun.lockb are unknowns; a stray package.json is not', async () => {
    const { output } = await runAnalyzer(javascriptAnalyzer, [
      {
        files: {
          'app/package.json': pkg('app', '1.0.0'),
          'app/node_modules/broken/package.json': '{ "name": "broken", ',
          'app/node_modules/noversion/package.json': JSON.stringify({ name: 'noversion' }),
          'app/node_modules/weird/package.json': JSON.stringify({ name: 'weird', version: '1.0.0', dependencies: 5 }),
          'app/package-lock.json': JSON.stringify({ lockfileVersion: 3, packages: { '': {}, 'node_modules/x': { version: 7 } } }),
          'other/bun.lockb': Buffer.from([0x23, 0x21, 0x2f, 0x75]),
          'docs/examples/package.json': '{ not json',
          'srv/package.json': '{ "name": ',
          'srv/yarn.lock': 'a@1:\n  version "1.0.0"\n',
        },
      },
    ]);
    const reasons = (output.unknowns ?? []).map((u) => `${u.path}: ${u.reason}`).sort();
    expect(reasons).toEqual([
      '/app/node_modules/broken/package.json: package.json: not valid JSON',
      '/app/node_modules/noversion/package.json: package.json: no version',
      expect.stringMatching(/^\/app\/node_modules\/weird\/package.json: package.json: dependencies: /),
      expect.stringMatching(/^\/app\/package-lock.json: package-lock.json: packages\["node_modules\/x"\]: version: /),
      "/other/bun.lockb: bun.lockb is bun's binary lock format and is not read (bun.lock, its text format, is)",
      '/srv/package.json: package.json: not valid JSON',
    ]);
    // the package with a bad field is still reported, and the lock's packages without a manifest
    expect(output.packages?.map((p) => p.record.name).sort()).toEqual(['a', 'app', 'weird']);
  });
});
