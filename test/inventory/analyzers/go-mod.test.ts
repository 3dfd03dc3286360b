import { dirname } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Inventory } from '../../../src/core/inventory.js';
import { createOsAnalyzers } from '../../../src/inventory/analyzers/index.js';
import { goModAnalyzer, isGoModuleFile } from '../../../src/inventory/analyzers/go-mod.js';
import { inventoryOf } from '../../helpers/drydock.js';
import { ensureFixtures, fixture, readLangTruth } from '../../helpers/fixtures.js';
import { runAnalyzer } from '../support/stub-merge-view.js';

const now = new Date('2026-01-01T00:00:00Z');

describe('go-mod on the go-apps image, against go list -m all', () => {
  let inv: Inventory;

  beforeAll(async () => {
    await ensureFixtures(['go-apps']);
    inv = await inventoryOf(`oci:${fixture('go-apps').ociDir}`, { now, analyzers: [...createOsAnalyzers({ now }), goModAnalyzer] });
  });

  it('reports each source tree\'s build list: go.mod, and go.sum where go.mod predates Go 1.17', () => {
    const truth = readLangTruth('go-apps').filter((t) => t.path?.startsWith('/src/'));
    const key = (dir: string, name: string, version: string): string => `${dir} ${name}@${version}`;
    const want = truth.map((t) => key(dirname(t.path ?? ''), t.name, t.version)).sort();
    expect(want.length).toBe(9);
    const mine = inv.packages.filter((p) => p.foundBy === 'go-mod');
    expect(mine.map((p) => key(dirname(p.location), p.name, p.version)).sort()).toEqual(want);
    expect(inv.unknowns.filter((u) => u.source === 'go-mod')).toEqual([]);
  });

  it('labels where each package came from', () => {
    const mine = inv.packages.filter((p) => p.foundBy === 'go-mod');
    const sampler = mine.find((p) => p.location === '/src/legacy/go.sum');
    expect(sampler).toMatchObject({ name: 'example.org/sampler', version: 'v1.3.0', relationship: 'indirect', foundIn: 'manifest' });
    expect(sampler?.evidence?.[0]).toContain('predates Go 1.17');
    const fork = mine.find((p) => p.name === 'example.org/fork/quote');
    expect(fork).toMatchObject({ location: '/src/hello/go.mod', relationship: 'direct', metadata: { replaces: 'example.org/quote@v1.6.0' } });
    const root = mine.find((p) => p.location === '/src/hello/go.mod' && p.relationship === 'root');
    expect(root?.metadata).toEqual({ go: '1.19' });
    expect(root?.dependsOn?.length).toBe(2); // greet and quote; sampler is indirect
  });
});

describe('go-mod merge rules', () => {
  const MOD_117 = 'module example.com/a\n\ngo 1.17\n\nrequire x.org/q v1.0.0\n';
  // x.org/q v1.1.0 and x.org/t: go.mod hashes only (graph reads, no code): never packages
  const SUM = 'x.org/q v1.0.0 h1:a=\nx.org/q v1.0.0/go.mod h1:b=\nx.org/q v1.1.0/go.mod h1:b2=\nx.org/s v1.1.0/go.mod h1:c=\nx.org/s v1.2.0 h1:d=\nx.org/t v0.1.0/go.mod h1:e=\n';

  it('reads go.sum alone when there is no go.mod beside it', async () => {
    const { output } = await runAnalyzer(goModAnalyzer, [{ files: { 'src/a/go.sum': SUM } }]);
    expect(output.packages?.map((p) => `${p.record.name}@${p.record.version}`)).toEqual(['x.org/q@v1.0.0', 'x.org/s@v1.2.0']);
    expect(output.packages?.[0]?.record.evidence?.[0]).toContain('no go.mod beside it');
  });

  it('ignores go.sum beside a Go >= 1.17 go.mod, even one added in a later layer', async () => {
    const { output } = await runAnalyzer(goModAnalyzer, [{ files: { 'src/a/go.sum': SUM } }, { files: { 'src/a/go.mod': MOD_117 } }]);
    expect(output.packages?.map((p) => p.record.name)).toEqual(['example.com/a', 'x.org/q']);
    expect(output.packages?.map((p) => p.layer?.index)).toEqual([1, 1]);
  });

  it('adds go.sum modules go.mod does not name as indirect, for go.mod before Go 1.17 (and without a go line)', async () => {
    for (const mod of ['module example.com/a\n\ngo 1.16\n\nrequire x.org/q v1.0.0\n', 'module example.com/a\nrequire x.org/q v1.0.0\n']) {
      const { output } = await runAnalyzer(goModAnalyzer, [{ files: { 'src/a/go.mod': mod } }, { files: { 'src/a/go.sum': SUM } }]);
      const got = output.packages?.map((p) => `${p.record.name}@${p.record.version}:${p.record.relationship}:${p.location}:${p.layer?.index}`);
      expect(got).toEqual(['example.com/a@:root:/src/a/go.mod:0', 'x.org/q@v1.0.0:direct:/src/a/go.mod:0', 'x.org/s@v1.2.0:indirect:/src/a/go.sum:1']);
    }
  });

  it('does not add a replaced module back from go.sum', async () => {
    const mod = 'module example.com/a\ngo 1.16\nrequire x.org/q v1.0.0\nreplace x.org/q => x.org/fork v1.0.1\n';
    const sum = 'x.org/q v1.0.0/go.mod h1:a=\nx.org/fork v1.0.1 h1:b=\n';
    const { output } = await runAnalyzer(goModAnalyzer, [{ files: { 'src/a/go.mod': mod, 'src/a/go.sum': sum } }]);
    expect(output.packages?.map((p) => p.record.name)).toEqual(['example.com/a', 'x.org/fork']);
  });

  it('reports go.mod problems as unknowns and skips the Go distribution\'s own modules', async () => {
    const { output } = await runAnalyzer(goModAnalyzer, [
      { files: { 'usr/local/go/src/go.mod': 'module std\n\ngo 1.22\n\nrequire golang.org/x/crypto v0.16.0\n', 'app/go.mod': 'module m\nrequire broken\n' } },
    ]);
    expect(output.packages?.map((p) => p.record.name)).toEqual(['m']);
    expect(output.unknowns).toEqual([{ path: '/app/go.mod', layer: { index: 0 }, source: 'go-mod', reason: 'go.mod line 2: a require line needs a module path and a version' }]);
  });

  describe('the Go distribution (golang:* images)', () => {
    const STD_MOD = 'module std\n\ngo 1.19\n\nrequire (\n\tgolang.org/x/crypto v0.0.0-20220516162934-403b01795ae8\n\tgolang.org/x/net v0.0.0-20230214200805-d99f623d45a4\n)\n';
    const STD_SUM = [
      'golang.org/x/crypto v0.0.0-20220516162934-403b01795ae8 h1:y+mHpWoQJNAHt26Nhh6JP7hvM71IRZureyvZhoVALIs=',
      'golang.org/x/net v0.0.0-20230214200805-d99f623d45a4 h1:iaVaPFITmD6a3T5kPUYNWiaNrPvSEl6s+xvx6B9yfR0=',
      'golang.org/x/sys v0.0.0-20220614162138-6c1b26c55098 h1:PgOr27OhUx2IRqGJ2RxAWI4dJQ7bi9cSrB82uzFzfUA=',
      '',
    ].join('\n');
    const CMD_MOD = 'module cmd\n\ngo 1.19\n\nrequire golang.org/x/arch v0.0.0-20220412001346-fc48f9fe4c15\n';
    const CMD_SUM = 'golang.org/x/arch v0.0.0-20220412001346-fc48f9fe4c15 h1:GVfVkciLYxn5mY5EncwAe0SXUn9Rm81rRkZ0TTmn/cU=\n';
    const goroot = (root: string): Record<string, string> => ({
      [`${root}VERSION`]: 'go1.19.8\ntime 2023-04-04T17:25:12Z\n',
      [`${root}src/go.mod`]: STD_MOD,
      [`${root}src/go.sum`]: STD_SUM,
      [`${root}src/cmd/go.mod`]: CMD_MOD,
      [`${root}src/cmd/go.sum`]: CMD_SUM,
      [`${root}src/crypto/internal/edwards25519/field/_asm/go.mod`]: 'module asm\n\ngo 1.16\n\nrequire github.com/mmcloughlin/avo v0.2.0\n',
      [`${root}src/crypto/internal/edwards25519/field/_asm/go.sum`]: 'github.com/mmcloughlin/avo v0.2.0 h1:6vhoSaKtxb6f4RiH+LK2qL6GSMpFzhEwJYTTSZNy09w=\n',
      [`${root}misc/go.mod`]: 'module misc\n\ngo 1.18\n',
      [`${root}test/bench/go1/go.mod`]: 'module test/bench/go1\n\ngo 1.12\n',
    });

    it('reports nothing for a GOROOT: no golang.org/x modules from the go.sum files of std and cmd, no misc/test modules', async () => {
      const { output, results } = await runAnalyzer(goModAnalyzer, [
        { files: goroot('usr/local/go/') },
        { files: { 'src/app/go.mod': MOD_117 } },
      ]);
      expect(output.packages?.map((p) => `${p.location} ${p.record.name}`)).toEqual(['/src/app/go.mod example.com/a', '/src/app/go.mod x.org/q']);
      expect(output.unknowns).toEqual([]);
      // the _asm module is not even asked for (the go command ignores `_` directories)
      expect(results[0]?.map((r) => r.path).some((p) => p.includes('_asm'))).toBe(false);
    });

    it('without the VERSION file (not a whole GOROOT), std and cmd still own the go.sum beside them', async () => {
      const files = goroot('opt/go/');
      delete files['opt/go/VERSION'];
      const { output } = await runAnalyzer(goModAnalyzer, [{ files }]);
      // only the misc and test modules (no requirements) remain: no module from any go.sum
      expect(output.packages?.map((p) => `${p.record.name}@${p.record.version}`)).toEqual(['misc@', 'test/bench/go1@']);
    });

    it('a std go.mod in a later layer hides the go.sum of an earlier one', async () => {
      const { output } = await runAnalyzer(goModAnalyzer, [{ files: { 'usr/local/go/src/go.sum': STD_SUM } }, { files: { 'usr/local/go/src/go.mod': STD_MOD } }]);
      expect(output.packages).toEqual([]);
    });
  });

  it('asks for go.mod and go.sum outside module caches, vendor trees and test data', () => {
    const info = { size: 100, mode: 0o644 };
    expect(isGoModuleFile('go.mod')).toBe(true);
    expect(isGoModuleFile('src/app/go.sum')).toBe(true);
    expect(goModAnalyzer.required('src/app/go.mod', info)).toBe(true);
    for (const p of [
      'root/go/pkg/mod/x.org/q@v1.0.0/go.mod',
      'src/app/vendor/x.org/q/go.mod',
      'usr/local/go/src/cmd/go/testdata/mod/go.mod',
      'src/app/go.mod.bak',
      'src/app/xgo.mod',
      // directories the go command ignores
      'usr/local/go/src/crypto/internal/edwards25519/field/_asm/go.mod',
      'usr/local/go/src/crypto/internal/edwards25519/field/_asm/go.sum',
      '_tools/go.mod',
      'src/app/.github/tools/go.sum',
    ]) {
      expect(isGoModuleFile(p), p).toBe(false);
    }
  });
});
