import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Inventory } from '../../../src/core/inventory.js';
import type { Package } from '../../../src/core/package.js';
import { createOsAnalyzers } from '../../../src/inventory/analyzers/index.js';
import { javascriptAnalyzer } from '../../../src/inventory/analyzers/javascript.js';
import { toCycloneDx } from '../../../src/sbom/cyclonedx.js';
import { toSpdx } from '../../../src/sbom/spdx.js';
import { inventoryOf, tempCache } from '../../helpers/drydock.js';
import { ensureFixtures, fixture, readLangTruth, type LangTruth } from '../../helpers/fixtures.js';
import { cycloneDxErrors, spdxErrors } from '../../sbom/schema-validators.js';

/**
 * The node-app image (scripts/fixtures/recipes/node-app.sh) through the real pipeline, OS
 * analyzers included, against the package managers' own view of the apps unpacked from it:
 * `npm ls --all --json --long` (and `--omit=dev`), `pnpm list --depth Infinity --json`, a yarn
 * install of the lock-only app, and `dpkg -L` for Debian's node modules.
 */

const now = new Date('2026-01-01T00:00:00Z');
const analyzers = [...createOsAnalyzers({ now }), javascriptAnalyzer];

interface LsNode {
  name?: string;
  /** pnpm list names dependencies here */
  from?: string;
  version?: string;
  path?: string;
  dependencies?: Record<string, LsNode>;
  devDependencies?: Record<string, LsNode>;
  optionalDependencies?: Record<string, LsNode>;
}

const truthFile = (name: string): LsNode => {
  const raw = JSON.parse(readFileSync(join(fixture('node-app').dir, 'truth', 'node', name), 'utf8')) as LsNode | LsNode[];
  return Array.isArray(raw) ? (raw[0] ?? {}) : raw;
};
const children = (n: LsNode): LsNode[] =>
  [n.dependencies, n.devDependencies, n.optionalDependencies].flatMap((m) => Object.values(m ?? {})).filter((c) => c.version !== undefined);

/**
 * Every node of a tree by its path inside the image (`app` is the root's), with the refs of what
 * it depends on. The tools ran over the unpacked image before it moved to .fixtures: the host
 * prefix is whatever precedes the root's path.
 */
function tree(root: LsNode, app: string): Map<string, { ref: string; deps: Set<string>; paths: Set<string> }> {
  const hostRoot = (root.path ?? '').slice(0, -app.length);
  const out = new Map<string, { ref: string; deps: Set<string>; paths: Set<string> }>();
  const stack = [root];
  while (stack.length > 0) {
    const n = stack.pop() as LsNode;
    const path = (n.path ?? '').slice(hostRoot.length);
    const entry = out.get(path) ?? { ref: `${n.name ?? n.from}@${n.version}`, deps: new Set<string>(), paths: new Set<string>() };
    for (const c of children(n)) {
      entry.deps.add(`${c.name ?? c.from}@${c.version}`);
      entry.paths.add((c.path ?? '').slice(hostRoot.length));
      stack.push(c);
    }
    out.set(path, entry);
  }
  return out;
}

const refOf = (p: Package): string => `${p.name}@${p.version}`;
const dirOf = (location: string): string => location.slice(0, location.lastIndexOf('/'));
const sorted = (xs: Iterable<string>): string[] => [...xs].sort();

describe('javascript analyzer on the node-app image', () => {
  let inv: Inventory;
  let js: Package[];
  let byId: Map<string, Package>;
  let truth: LangTruth[];

  beforeAll(async () => {
    await ensureFixtures(['node-app']);
    inv = await inventoryOf(`oci:${fixture('node-app').ociDir}`, { now, analyzers });
    js = inv.packages.filter((p) => p.foundBy === 'javascript');
    byId = new Map(inv.packages.map((p) => [p.id, p]));
    truth = readLangTruth('node-app');
  });

  const installedAt = (prefix: string): Package[] => js.filter((p) => p.location.startsWith(prefix) && p.foundIn !== 'lockfile');
  const lockOnlyAt = (lock: string): string[] => sorted(js.filter((p) => p.location === lock).map(refOf));
  const depsOf = (p: Package): string[] => sorted((p.dependsOn ?? []).map((id) => refOf(byId.get(id) as Package)));

  it('npm ci app: every package npm ls lists, each at its own path, and no other', () => {
    const want = truth.filter((t) => t.source === 'npm ls').map((t) => `${t.path} ${t.name}@${t.version}`);
    const got = installedAt('/srv/npm-app/').map((p) => `${dirOf(p.location)} ${refOf(p)}`);
    expect(sorted(got)).toEqual(sorted(want));
    expect(want.length).toBeGreaterThan(150);
  });

  it('npm ci app: direct and dev as npm ls says, dependencies as its tree resolves them', () => {
    const full = tree(truthFile('npm-app.ls.json'), '/srv/npm-app');
    const prod = tree(truthFile('npm-app.prod.json'), '/srv/npm-app');
    const direct = full.get('/srv/npm-app')?.paths ?? new Set();
    for (const p of installedAt('/srv/npm-app/node_modules/')) {
      const t = full.get(dirOf(p.location));
      expect(t, p.location).toBeDefined();
      expect(depsOf(p), p.location).toEqual(sorted(t?.deps ?? []));
      expect(p.dev, p.location).toBe(!prod.has(dirOf(p.location)));
      expect(p.relationship, p.location).toBe(direct.has(dirOf(p.location)) ? 'direct' : 'indirect');
    }
    const root = js.find((p) => p.location === '/srv/npm-app/package.json');
    expect(root && [refOf(root), root.relationship, root.foundIn]).toEqual(['drydock-node-app@1.2.3', 'root', 'manifest']);
    // ... and not on the optional dependency npm left out (next test)
    expect(root && depsOf(root)).toEqual(sorted(full.get('/srv/npm-app')?.deps ?? []));
  });

  it('npm ci app: the optional dependency npm did not install (fsevents, macOS only) is not reported: node_modules was installed from that lock', () => {
    const missing = Object.entries(truthFile('npm-app.ls.json').dependencies ?? {}).filter(([, n]) => n.version === undefined);
    expect(missing.map(([name]) => name)).toEqual(['fsevents']);
    expect(lockOnlyAt('/srv/npm-app/package-lock.json')).toEqual([]);
  });

  it('npm ci --omit=dev app: the installed packages npm ls lists, and not the dev ones the install left out', () => {
    const want = truth.filter((t) => t.source === 'npm ls --omit=dev').map((t) => `${t.path} ${t.name}@${t.version}`);
    const got = installedAt('/srv/npm-prod/').map((p) => `${dirOf(p.location)} ${refOf(p)}`);
    expect(sorted(got)).toEqual(sorted(want));
    expect(want.length).toBeGreaterThan(50);
    expect(lockOnlyAt('/srv/npm-prod/package-lock.json')).toEqual([]);
    expect(js.filter((p) => p.location.startsWith('/srv/npm-prod/') && p.dev === true)).toEqual([]);
  });

  it('pnpm app: each package once, at its real path in the virtual store, linked as pnpm list says', () => {
    const list = tree(truthFile('pnpm-app.list.json'), '/srv/pnpm-app');
    const want = truth.filter((t) => t.source === 'pnpm list').map((t) => `${t.path} ${t.name}@${t.version}`);
    const pkgs = installedAt('/srv/pnpm-app/');
    expect(sorted(pkgs.map((p) => `${dirOf(p.location)} ${refOf(p)}`))).toEqual(sorted(want));
    for (const p of pkgs) expect(depsOf(p), p.location).toEqual(sorted(list.get(dirOf(p.location))?.deps ?? []));
    const flags = Object.fromEntries(pkgs.map((p) => [p.name, [p.relationship, p.dev]]));
    expect(flags).toMatchObject({ debug: ['direct', false], ms: ['indirect', false], typescript: ['direct', true], 'drydock-pnpm-app': ['root', false] });
  });

  it('yarn app shipped with its yarn.lock only: what a yarn install of it gets, from the lock file', () => {
    const want = truth.filter((t) => t.path === '/srv/yarn-app/yarn.lock').map((t) => `${t.name}@${t.version}`);
    expect(lockOnlyAt('/srv/yarn-app/yarn.lock')).toEqual(sorted(want));
    const yarnTree = tree(truthFile('yarn-app.ls.json'), '');
    const direct = [...yarnTree.values()].find((t) => t.ref === 'drydock-yarn-app@0.4.0')?.deps ?? new Set();
    const locked = js.filter((p) => p.location === '/srv/yarn-app/yarn.lock');
    expect(sorted(locked.filter((p) => p.relationship === 'direct').map(refOf))).toEqual(sorted(direct));
    expect(sorted(locked.filter((p) => p.dev === true).map((p) => p.name))).toEqual(['@types/node', 'typescript', 'undici-types']);
  });

  it('yarn 4 (berry) app shipped with its yarn.lock only: what a yarn 4 install of it gets, from the lock file', () => {
    const want = truth.filter((t) => t.path === '/srv/berry-app/yarn.lock').map((t) => `${t.name}@${t.version}`);
    expect(want.length).toBeGreaterThan(10);
    expect(lockOnlyAt('/srv/berry-app/yarn.lock')).toEqual(sorted(want));
    const locked = new Map(js.filter((p) => p.location === '/srv/berry-app/yarn.lock').map((p) => [p.name, [p.relationship, p.dev]]));
    // the npm: alias is reported as the package it installs
    expect(Object.fromEntries(locked)).toMatchObject({ chalk: ['direct', false], 'string-width': ['direct', false], prettier: ['direct', true], 'ansi-styles': ['indirect', false] });
  });

  it("Debian's node modules are folded into their debs, as extra purls", () => {
    expect(js.filter((p) => p.location.startsWith('/usr/share/nodejs/'))).toEqual([]);
    for (const deb of ['node-ms', 'node-debug']) {
      const want = truth.filter((t) => t.source === `dpkg -L ${deb}`).map((t) => `pkg:npm/${t.name.replace('@', '%40')}@${t.version}`);
      expect(want.length).toBe(2);
      expect(inv.packages.find((p) => p.type === 'deb' && p.name === deb)?.extraPurls).toEqual(sorted(want));
    }
  });

  it('attributes each app to the layer that copied it, and reports no problems', () => {
    const layerOf = (prefix: string): Set<string | undefined> => new Set(js.filter((p) => p.location.startsWith(prefix)).map((p) => p.layer?.createdBy));
    for (const app of ['npm-app', 'npm-prod', 'pnpm-app', 'yarn-app', 'berry-app']) {
      const layers = [...layerOf(`/srv/${app}/`)];
      expect(layers).toHaveLength(1);
      expect(layers[0]).toContain(`in /srv/${app}/`);
    }
    expect(inv.unknowns.filter((u) => u.source === 'javascript')).toEqual([]);
  });

  it('the SBOMs carry the packages with their purls, locations and dependency graph, and validate', async () => {
    const cdx = toCycloneDx(inv, { timestamp: now.toISOString() });
    expect(await cycloneDxErrors(cdx)).toBeNull();
    expect(spdxErrors(toSpdx(inv))).toBeNull();
    const doc = JSON.parse(cdx) as { components: Array<{ 'bom-ref': string; purl?: string }>; dependencies: Array<{ ref: string; dependsOn?: string[] }> };
    const purls = new Set(doc.components.map((c) => c.purl));
    // the app's own root package is `"private": true`: not a registry package
    for (const purl of ['pkg:npm/%40babel/code-frame@7.24.7', 'pkg:npm/express@4.21.2', 'pkg:generic/drydock-node-app@1.2.3']) {
      expect(purls.has(purl), purl).toBe(true);
    }
    expect(purls.has('pkg:npm/drydock-node-app@1.2.3')).toBe(false);
    const root = js.find((p) => p.location === '/srv/npm-app/package.json') as Package;
    const express = js.find((p) => p.location === '/srv/npm-app/node_modules/express/package.json') as Package;
    expect(doc.dependencies.find((d) => d.ref === root.id)?.dependsOn).toContain(express.id);
  });

  it('the same packages from a warm cache (everything JSON round-tripped)', async () => {
    const cache = tempCache();
    try {
      const key = (i: Inventory): string[] => sorted(i.packages.filter((p) => p.foundBy === 'javascript').map((p) => JSON.stringify(p)));
      const cold = await inventoryOf(`oci:${fixture('node-app').ociDir}`, { now, analyzers, cacheDir: cache.dir });
      const warm = await inventoryOf(`oci:${fixture('node-app').ociDir}`, { now, analyzers, cacheDir: cache.dir });
      expect(key(warm)).toEqual(key(cold));
      expect(key(cold)).toEqual(key(inv));
    } finally {
      cache.cleanup();
    }
  });

  it('a dir: root filesystem gives the same packages', async () => {
    const fromDir = await inventoryOf(`dir:${fixture('node-app').rootfs}`, { now, analyzers });
    const key = (p: Package): string => `${p.location} ${p.purl} ${p.relationship} ${p.dev}`;
    expect(sorted(fromDir.packages.filter((p) => p.foundBy === 'javascript').map(key))).toEqual(sorted(js.map(key)));
  });
});
