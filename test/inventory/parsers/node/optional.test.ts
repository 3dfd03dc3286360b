import { describe, expect, it } from 'vitest';
import type { LockGraph } from '../../../../src/inventory/parsers/node/graph.js';
import { parseBunLock } from '../../../../src/inventory/parsers/node/bun-lock.js';
import { parseNpmLock } from '../../../../src/inventory/parsers/node/npm-lock.js';
import { parsePnpmLock } from '../../../../src/inventory/parsers/node/pnpm-lock.js';
import { parseYarnLock } from '../../../../src/inventory/parsers/node/yarn-lock.js';

/**
 * What each lock format says an install may leave out (optional dependencies, other platforms'
 * packages): the merge drops those from the lock-only packages when node_modules was installed
 * from that lock. esbuild 0.19.12 with one of its platform packages, as each package manager writes it.
 */
const optional = (g: LockGraph): string[] => g.packages.filter((p) => p.optional === true).map((p) => `${p.name}@${p.version}`).sort();

describe('lock entries an install may leave out', () => {
  it('npm: optional, devOptional, peer, or restricted to an os/cpu/libc', () => {
    const lock = {
      lockfileVersion: 3,
      packages: {
        '': { dependencies: { esbuild: '0.19.12' }, devDependencies: { mocha: '1.0.0' } },
        'node_modules/esbuild': { version: '0.19.12', optionalDependencies: { '@esbuild/darwin-arm64': '0.19.12' } },
        'node_modules/@esbuild/darwin-arm64': { version: '0.19.12', cpu: ['arm64'], optional: true, os: ['darwin'] },
        'node_modules/fsevents': { version: '2.3.3', dev: true, optional: true, os: ['darwin'] },
        'node_modules/mocha': { version: '1.0.0', dev: true },
        'node_modules/p': { version: '1.0.0', peer: true },
      },
    };
    expect(optional(parseNpmLock(JSON.stringify(lock)))).toEqual(['@esbuild/darwin-arm64@0.19.12', 'fsevents@2.3.3', 'p@1.0.0']);
  });

  it('pnpm v9: os/cpu in `packages`, optional in `snapshots`', () => {
    const lock = `lockfileVersion: '9.0'
importers:
  .:
    dependencies:
      esbuild:
        specifier: 0.19.12
        version: 0.19.12
packages:
  '@esbuild/darwin-arm64@0.19.12':
    resolution: {integrity: sha512-x}
    cpu: [arm64]
    os: [darwin]
  esbuild@0.19.12:
    resolution: {integrity: sha512-y}
  fsevents@2.3.3:
    resolution: {integrity: sha512-z}
snapshots:
  '@esbuild/darwin-arm64@0.19.12':
    optional: true
  esbuild@0.19.12:
    optionalDependencies:
      '@esbuild/darwin-arm64': 0.19.12
      fsevents: 2.3.3
  fsevents@2.3.3:
    optional: true
`;
    expect(optional(parsePnpmLock(lock))).toEqual(['@esbuild/darwin-arm64@0.19.12', 'fsevents@2.3.3']);
  });

  it('yarn v1: a package only ever depended on as an optional dependency', () => {
    const lock = `"@esbuild/darwin-arm64@0.19.12":
  version "0.19.12"

esbuild@0.19.12:
  version "0.19.12"
  optionalDependencies:
    "@esbuild/darwin-arm64" "0.19.12"
    ms "2.1.3"

ms@2.1.3:
  version "2.1.3"

debug@4.3.4:
  version "4.3.4"
  dependencies:
    ms "2.1.3"
`;
    expect(optional(parseYarnLock(lock))).toEqual(['@esbuild/darwin-arm64@0.19.12']);
  });

  it('yarn berry: `conditions` on the entry, or dependenciesMeta optional on every parent', () => {
    const lock = `__metadata:
  version: 8

"@esbuild/darwin-arm64@npm:0.19.12":
  version: 0.19.12
  resolution: "@esbuild/darwin-arm64@npm:0.19.12"
  conditions: os=darwin & cpu=arm64
  languageName: node
  linkType: hard

"esbuild@npm:0.19.12":
  version: 0.19.12
  resolution: "esbuild@npm:0.19.12"
  dependencies:
    "@esbuild/darwin-arm64": "npm:0.19.12"
    fsevents: "npm:2.3.3"
  dependenciesMeta:
    "@esbuild/darwin-arm64":
      optional: true
    fsevents:
      optional: true
  languageName: node
  linkType: hard

"fsevents@npm:2.3.3":
  version: 2.3.3
  resolution: "fsevents@npm:2.3.3"
  languageName: node
  linkType: hard
`;
    expect(optional(parseYarnLock(lock))).toEqual(['@esbuild/darwin-arm64@0.19.12', 'fsevents@2.3.3']);
  });

  it('bun: os/cpu in the entry', () => {
    const lock = {
      lockfileVersion: 1,
      workspaces: { '': { name: 'app', dependencies: { esbuild: '0.19.12' } } },
      packages: {
        esbuild: ['esbuild@0.19.12', '', { optionalDependencies: { '@esbuild/darwin-arm64': '0.19.12' } }, 'sha512-y'],
        '@esbuild/darwin-arm64': ['@esbuild/darwin-arm64@0.19.12', '', { os: 'darwin', cpu: 'arm64' }, 'sha512-x'],
      },
    };
    expect(optional(parseBunLock(JSON.stringify(lock)))).toEqual(['@esbuild/darwin-arm64@0.19.12']);
  });
});
