import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Inventory } from '../../../src/core/inventory.js';
import type { Package } from '../../../src/core/package.js';
import { createOsAnalyzers } from '../../../src/inventory/analyzers/index.js';
import { goBinaryAnalyzer, isExecutableCandidate } from '../../../src/inventory/analyzers/go-binary.js';
import { toCycloneDx } from '../../../src/sbom/cyclonedx.js';
import { toSpdx } from '../../../src/sbom/spdx.js';
import { inventoryOf } from '../../helpers/drydock.js';
import { cycloneDxErrors, spdxErrors } from '../../sbom/schema-validators.js';
import { ensureFixtures, fixture, readImageTruth, readLangTruth } from '../../helpers/fixtures.js';

/**
 * The go-apps image (scripts/fixtures/recipes/go-apps.sh) through the real pipeline, against
 * `go version -m` run over its unpacked root filesystem: every Go binary it recognises, with every
 * module line, the toolchain as stdlib, and the main package of GOPATH builds (Debian's).
 */

const now = new Date('2026-01-01T00:00:00Z');
const analyzers = [...createOsAnalyzers({ now }), goBinaryAnalyzer];
const byLocation = (inv: Inventory): Map<string, Package[]> => {
  const m = new Map<string, Package[]>();
  for (const p of inv.packages) if (p.foundBy === 'go-binary') m.set(p.location, [...(m.get(p.location) ?? []), p]);
  return m;
};
const ids = (pkgs: readonly Package[] | undefined): string[] => (pkgs ?? []).map((p) => `${p.name}@${p.version}`).sort();

/** The non-empty layers' created_by lines, in layer order. */
const createdBy = (): string[] => readImageTruth('go-apps').history.filter((h) => !h.emptyLayer).map((h) => h.createdBy);

describe('go-binary on the go-apps image', () => {
  let oci: Inventory;
  let rootfs: Inventory;

  beforeAll(async () => {
    await ensureFixtures(['go-apps']);
    const f = fixture('go-apps');
    oci = await inventoryOf(`oci:${f.ociDir}`, { now, analyzers });
    rootfs = await inventoryOf(`dir:${f.rootfs}`, { now, analyzers });
  });

  it('finds every Go binary go version -m finds, with exactly its modules and toolchain', () => {
    const truth = readLangTruth('go-apps').filter((t) => !t.path?.startsWith('/src/'));
    const want = new Map<string, string[]>();
    for (const t of truth) want.set(t.path ?? '', [...(want.get(t.path ?? '') ?? []), `${t.name}@${t.version}`]);
    expect(want.size).toBeGreaterThanOrEqual(19);
    for (const inv of [oci, rootfs]) {
      const got = byLocation(inv);
      expect([...got.keys()].sort()).toEqual([...want.keys()].sort());
      for (const [path, pkgs] of want) expect(ids(got.get(path)), path).toEqual(pkgs.sort());
    }
  });

  it('reports the module graph of a module-mode build: root, replacements, VCS stamp, purls', () => {
    const hello = byLocation(oci).get('/usr/local/bin/hello') ?? [];
    const root = hello.find((p) => p.relationship === 'root');
    expect(root?.name).toBe('example.com/drydock/hello');
    expect(root?.version).toBe('(devel)');
    expect(root?.metadata?.['vcs.revision']).toMatch(/^[0-9a-f]{40}$/);
    expect(root?.metadata).toMatchObject({ vcs: 'git', 'vcs.time': '2024-01-02T03:04:05Z', 'vcs.modified': 'false', goToolchain: 'go1.19.8', '-trimpath': 'true' });
    // every other package of the binary is a dependency of the root (the linker took them all in),
    // the packages of this binary, not of its copies elsewhere in the image
    const got = byLocation(oci);
    for (const path of ['/usr/local/bin/hello', '/usr/local/bin/hello-pie', '/usr/local/bin/hello-link', '/opt/cross/hello-linux-386']) {
      const pkgs = got.get(path) ?? [];
      const r = pkgs.find((p) => p.relationship === 'root');
      expect([...(r?.dependsOn ?? [])].sort(), path).toEqual(pkgs.filter((p) => p !== r).map((p) => p.id).sort());
    }
    const fork = hello.find((p) => p.name === 'example.org/fork/quote');
    expect(fork?.purl).toBe('pkg:golang/example.org/fork/quote@v1.6.1');
    expect(fork?.metadata?.['replaces']).toBe('example.org/quote@v1.6.0');
    expect(fork?.evidence).toEqual(['Go build info: replacement of example.org/quote@v1.6.0']);
    const greet = hello.find((p) => p.name === 'example.com/greet');
    expect(greet?.metadata).toMatchObject({ replacedByDirectory: '../greet', required: 'v1.2.3' });
    const stdlib = hello.find((p) => p.name === 'stdlib');
    expect(stdlib?.purl).toBe('pkg:golang/stdlib@v1.19.8');
    expect(hello.every((p) => p.type === 'golang' && p.foundIn === 'binary')).toBe(true);
  });

  it('keeps the quoted build settings it is told to and never -ldflags', () => {
    const pie = byLocation(oci).get('/usr/local/bin/hello-pie')?.find((p) => p.relationship === 'root');
    expect(pie?.metadata).toMatchObject({ '-tags': 'netgo,osusergo', '-compiler': 'gc' });
    expect(Object.keys(pie?.metadata ?? {})).not.toContain('-ldflags');
  });

  it('Debian-built (GOPATH mode) binaries: the main package and stdlib, no invented modules; kept beside the deb', () => {
    const got = byLocation(oci);
    for (const path of ['/usr/bin/fzf', '/usr/local/bin/skopeo', '/usr/local/bin/docker-registry', '/usr/local/bin/buildah', '/usr/local/bin/umoci']) {
      const pkgs = got.get(path) ?? [];
      expect(pkgs.length, path).toBe(2);
      const root = pkgs.find((p) => p.relationship === 'root');
      expect(root?.version, path).toBe('');
      expect(root?.evidence?.[0]).toContain('without module information');
      expect(pkgs.find((p) => p.name === 'stdlib')?.version).toBe('v1.19.8');
    }
    // dpkg owns /usr/bin/fzf; go-binary's packages are kept (osOwned: keep), the deb is there too
    expect(oci.packages.some((p) => p.type === 'deb' && p.name === 'fzf')).toBe(true);
    expect(oci.packages.find((p) => p.type === 'deb' && p.name === 'fzf')?.extraPurls).toBeUndefined();
    expect(got.get('/usr/bin/fzf')?.find((p) => p.relationship === 'root')?.purl).toBe('pkg:golang/github.com/junegunn/fzf');
  });

  it('attributes binaries to the layer that wrote the visible file: replaced, deleted and hard-linked ones', () => {
    const layers = createdBy();
    const got = byLocation(oci);
    const esbuild = got.get('/usr/local/bin/esbuild') ?? [];
    expect(ids(esbuild)).toContain('stdlib@v1.23.5'); // the 0.25.0 copy of the last RUN, not the 0.14.54 one
    const runStep = layers.findIndex((c) => c.includes('rm /usr/local/bin/hello-doomed'));
    const firstCopy = layers.findIndex((c) => c.includes('COPY') && c.includes('in /usr/local/bin/esbuild'));
    expect(runStep).toBeGreaterThan(firstCopy);
    expect(firstCopy).toBeGreaterThan(0);
    // the toolchain changed with the replacement; esbuild (devel) and its x/sys version did not, so
    // those have been in the image since the first copy (the same identity at the same path)
    for (const p of esbuild) expect(p.layer?.index, p.name).toBe(p.name === 'stdlib' ? runStep : firstCopy);
    expect(got.has('/usr/local/bin/hello-doomed')).toBe(false);
    expect(ids(got.get('/usr/local/bin/hello-link'))).toEqual(ids(got.get('/usr/local/bin/hello-copy')));
    const fzfStep = layers.findIndex((c) => c.includes('apt-get install'));
    for (const p of got.get('/usr/bin/fzf') ?? []) expect(p.layer?.index).toBe(fzfStep);
  });

  it('says so when a Go binary carries no build info (esbuild 0.27 strips it), and reports nothing for it', () => {
    const path = '/opt/esbuild/linux-x64-0.27.0/bin/esbuild';
    expect(byLocation(oci).has(path)).toBe(false);
    const u = oci.unknowns.filter((x) => x.path === path);
    expect(u.map((x) => x.source)).toEqual(['go-binary']);
    expect(u[0]?.reason).toContain('without Go build info');
    // no other unknowns from go-binary: everything else parsed cleanly
    expect(oci.unknowns.filter((x) => x.source === 'go-binary').length).toBe(1);
  });

  it('writes valid CycloneDX and SPDX with golang purls and each binary\'s dependency graph', async () => {
    const cdx = toCycloneDx(oci);
    expect(await cycloneDxErrors(cdx)).toBeNull();
    expect(spdxErrors(toSpdx(oci))).toBeNull();
    const bom = JSON.parse(cdx) as { components: Array<{ 'bom-ref': string; purl?: string }>; dependencies: Array<{ ref: string; dependsOn?: string[] }> };
    const purls = bom.components.map((c) => c.purl);
    expect(purls).toContain('pkg:golang/github.com/containers/skopeo/cmd/skopeo');
    expect(purls).toContain('pkg:golang/golang.org/x/sys@v0.0.0-20200501145240-bc7a7d42d5c3');
    const hello = oci.packages.find((p) => p.location === '/usr/local/bin/hello' && p.relationship === 'root');
    const deps = bom.dependencies.find((d) => d.ref === bom.components.find((c) => c['bom-ref'] === hello?.id)?.['bom-ref']);
    expect(deps?.dependsOn?.length).toBe(4);
  });

  it('go version -m agrees that the stripped esbuild has no build info', () => {
    const f = fixture('go-apps');
    const bin = join(f.rootfs, 'opt/esbuild/linux-x64-0.27.0/bin/esbuild');
    const r = spawnSync('go', ['version', '-m', bin], { encoding: 'utf8' });
    expect(r.error).toBeUndefined();
    expect(`${r.stdout}${r.stderr}`).toContain('not a Go executable');
  });
});

describe('go-binary results', () => {
  it('reports a pre-1.18 build-info header whose strings could not be read as an unknown, not as nothing', async () => {
    const file = (streamed: unknown) => ({ path: 'usr/bin/app', mode: 0o755, size: 1 << 20, content: Buffer.alloc(0), streamed });
    const ctx = { scratchDir: async () => '/tmp' };
    const [r] = await goBinaryAnalyzer.analyzeLayer([file({ format: 'elf', goNote: false, unreadable: true })], ctx);
    expect(r).toMatchObject({ path: 'usr/bin/app', unknowns: [expect.stringContaining('Go build info found but not readable')] });
    expect(r?.packages).toBeUndefined();
  });
});

describe('go-binary required()', () => {
  it('asks only for executables big enough to be Go programs, outside documentation trees', () => {
    const exe = { size: 2 << 20, mode: 0o755 };
    expect(isExecutableCandidate('usr/local/bin/app', exe)).toBe(true);
    expect(isExecutableCandidate('app/node_modules/@esbuild/linux-x64/bin/esbuild', exe)).toBe(true);
    expect(isExecutableCandidate('opt/tool.exe', { size: 2 << 20, mode: 0o644 })).toBe(true);
    expect(isExecutableCandidate('usr/local/bin/app', { size: 2 << 20, mode: 0o644 })).toBe(false);
    expect(isExecutableCandidate('usr/local/bin/app', { size: 100 << 10, mode: 0o755 })).toBe(false);
    expect(isExecutableCandidate('usr/share/doc/x/run', exe)).toBe(false);
    expect(isExecutableCandidate('opt/app/start.sh', exe)).toBe(false);
  });
});
