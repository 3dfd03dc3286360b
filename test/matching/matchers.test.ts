/**
 * Every matcher against real packages from the fixture inventories: which namespace, name, version
 * and binary/source identity each package is looked up under.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Inventory, OsInfo } from '../../src/core/inventory.js';
import type { Package } from '../../src/core/package.js';
import type { Plan } from '../../src/matching/matcher.js';
import { MATCHERS, matcherFor } from '../../src/matching/matchers/index.js';
import { distroNamespace } from '../../src/matching/os-namespace.js';
import { inventoryOf, tempCache } from '../helpers/drydock.js';
import { fixture, type FixtureName } from '../helpers/fixtures.js';

const cache = tempCache();
const invs = new Map<string, Inventory>();
const NAMES: FixtureName[] = ['alpine-3.20', 'debian', 'distroless', 'rpm', 'node-app', 'python-app', 'go-apps', 'java-app', 'binaries', 'lang-misc'];

beforeAll(async () => {
  for (const n of NAMES) invs.set(n, await inventoryOf(`docker-archive:${fixture(n).dockerArchive}`, { cacheDir: cache.dir }));
});
afterAll(() => cache.cleanup());

function pkg(fix: FixtureName, pred: (p: Package) => boolean): { p: Package; inv: Inventory } {
  const inv = invs.get(fix);
  const p = inv?.packages.find(pred);
  if (!inv || !p) throw new Error(`no such package in ${fix}`);
  return { p, inv };
}

function planOf(fix: FixtureName, pred: (p: Package) => boolean): Plan {
  const { p, inv } = pkg(fix, pred);
  const m = matcherFor(p.type);
  if (!m) throw new Error(`no matcher for ${p.type}`);
  return m.plan(p, { os: inv.os });
}

const tested = new Set<string>();
function cands(fix: FixtureName, pred: (p: Package) => boolean): unknown {
  const { p } = pkg(fix, pred);
  const id = matcherFor(p.type)?.id;
  if (id) tested.add(id);
  const plan = planOf(fix, pred);
  return 'candidates' in plan ? plan.candidates.map((c) => [c.namespace, c.name, c.version, c.via, c.scheme]) : plan;
}

describe('matchers', () => {
  it('deb: source package with its source version, then the binary; distroless is Debian too', () => {
    expect(cands('debian', (p) => p.name === 'bsdutils')).toEqual([
      ['debian:12', 'util-linux', '2.38.1-5+deb12u3', 'source', 'deb'],
      ['debian:12', 'bsdutils', '1:2.38.1-5+deb12u3', 'binary', 'deb'],
    ]);
    expect(cands('debian', (p) => p.name === 'bash')).toEqual([['debian:12', 'bash', '5.2.15-2', 'source', 'deb']]);
    expect(cands('distroless', (p) => p.name === 'libc6')).toEqual([
      ['debian:12', 'glibc', '2.36-9+deb12u14', 'source', 'deb'],
      ['debian:12', 'libc6', '2.36-9+deb12u14', 'binary', 'deb'],
    ]);
  });

  it('apk: origin with the package own version, branch major.minor', () => {
    expect(cands('alpine-3.20', (p) => p.name === 'libssl3')).toEqual([['alpine:3.20', 'openssl', '3.3.2-r0', 'source', 'apk']]);
    expect(cands('alpine-3.20', (p) => p.name === 'zlib')).toEqual([['alpine:3.20', 'zlib', '1.3.1-r1', 'binary', 'apk']]);
  });

  it('rpm: binary name with epoch:version-release, then the source RPM; no os-release → an unknown, not an empty result', () => {
    expect(cands('rpm', (p) => p.type === 'rpm')).toEqual({ unknown: 'rpm packages not matched: the distribution release is not known (no readable os-release)' });
    // The rpm fixture's packages as a RHEL 9.4 image would have them (the fixture has no os-release).
    const { p } = pkg('rpm', (x) => x.name === 'libddsuite1');
    const rhel: OsInfo = { family: 'rhel', name: 'Red Hat Enterprise Linux', id: 'rhel', version: '9.4', evidence: [] };
    const plan = matcherFor('rpm')?.plan(p, { os: rhel });
    expect(plan && 'candidates' in plan ? plan.candidates.map((c) => [c.namespace, c.name, c.version, c.via]) : plan).toEqual([
      ['rhel:9', 'libddsuite1', '1:5.1-2.fc40', 'binary'],
      ['rhel:9', 'dd-suite', '1:5.1-2.fc40', 'source'],
    ]);
  });

  it('language ecosystems: own name (normalised) and version; lock files included', () => {
    expect(cands('node-app', (p) => p.name === '@babel/code-frame')).toEqual([['npm', '@babel/code-frame', '7.24.7', 'binary', 'npm']]);
    expect(cands('python-app', (p) => p.name === 'drydock-legacy')).toEqual([['pypi', 'drydock-legacy', '0.9.0', 'binary', 'pep440']]);
    expect(cands('python-app', (p) => p.name === 'requests' && p.foundIn === 'lockfile')).toEqual([['pypi', 'requests', expect.any(String), 'binary', 'pep440']]);
    expect(cands('java-app', (p) => p.name === 'com.google.guava:guava')).toEqual([['maven', 'com.google.guava:guava', '31.1-jre', 'binary', 'maven']]);
    expect(cands('go-apps', (p) => p.name === 'stdlib')).toEqual([['go', 'stdlib', expect.stringMatching(/^v1\./), 'binary', 'go']]);
    expect(cands('lang-misc', (p) => p.name === 'regex' && p.type === 'cargo')).toEqual([['cargo', 'regex', '1.7.3', 'binary', 'cargo']]);
    expect(cands('lang-misc', (p) => p.name === 'guzzlehttp/guzzle')).toEqual([['composer', 'guzzlehttp/guzzle', '6.5.8', 'binary', 'composer']]);
    expect(cands('lang-misc', (p) => p.name === 'Newtonsoft.Json' && p.version === '13.0.1')).toEqual([['nuget', 'newtonsoft.json', '13.0.1', 'binary', 'nuget']]);
    expect(cands('lang-misc', (p) => p.name === 'rack')).toEqual([['gem', 'rack', '2.2.22', 'binary', 'gem']]);
  });

  it('a Cargo path crate (purl pkg:generic) is not matched against crates.io advisories', () => {
    const plan = cands('lang-misc', (p) => p.type === 'cargo' && p.name === 'hello-greet');
    expect(plan).toMatchObject({ skip: expect.stringContaining('not a cargo registry package') });
  });

  it('binaries: node → nodejs/node, the go command → go/toolchain; others are not matched', () => {
    expect(cands('binaries', (p) => p.type === 'generic' && p.name === 'node')).toEqual([['nodejs', 'node', '18.20.4', 'binary', 'npm']]);
    expect(cands('binaries', (p) => p.type === 'generic' && p.name === 'go')).toEqual([['go', 'toolchain', '1.19.8', 'binary', 'go']]);
    expect(cands('binaries', (p) => p.type === 'generic' && p.name === 'openssl')).toMatchObject({ skip: expect.stringContaining('only NVD CPEs') });
  });

  it('every matcher in MATCHERS is exercised above, and each package type has at most one', () => {
    expect([...tested].sort()).toEqual(MATCHERS.map((m) => m.id).sort());
    const types = MATCHERS.flatMap((m) => m.types);
    expect(new Set(types).size).toBe(types.length);
  });
});

describe('distro namespaces', () => {
  const os = (o: Partial<OsInfo>): OsInfo => ({ family: 'debian', name: 'x', id: 'x', version: '', evidence: [], ...o });
  it('maps os-release facts to advisory namespaces', () => {
    expect(distroNamespace(os({ family: 'debian', version: '12', detailedVersion: '12.7' }))).toEqual({ namespace: 'debian:12' });
    expect(distroNamespace(os({ family: 'debian', version: '', codename: 'trixie' }))).toEqual({ namespace: 'debian:13' });
    expect(distroNamespace(os({ family: 'ubuntu', version: '22.04' }))).toEqual({ namespace: 'ubuntu:22.04' });
    expect(distroNamespace(os({ family: 'alpine', version: '3.20.3' }))).toEqual({ namespace: 'alpine:3.20' });
    expect(distroNamespace(os({ family: 'wolfi', version: '20230201' }))).toEqual({ namespace: 'wolfi:rolling' });
    expect(distroNamespace(os({ family: 'rhel', version: '9.4' }))).toEqual({ namespace: 'rhel:9' });
    expect(distroNamespace(os({ family: 'amazon', version: '2023' }))).toEqual({ namespace: 'amazon:2023' });
    expect(distroNamespace(os({ family: 'opensuse-leap', version: '15.6' }))).toEqual({ namespace: 'opensuse:15.6' });
    expect(distroNamespace(os({ family: 'debian', version: '', codename: 'sid' }))).toHaveProperty('error');
    expect(distroNamespace(undefined)).toHaveProperty('error');
  });
});
