import { describe, expect, it } from 'vitest';
import { readLayer } from '../../../src/inventory/layer-reader.js';
import { ImageMerge } from '../../../src/inventory/merge/image-merge.js';
import type { Analyzer } from '../../../src/inventory/analyzer.js';
import { samePackage } from '../../../src/inventory/analyzer.js';
import type { LayerResult } from '../../../src/inventory/layer-result.js';
import type { PackageRecord } from '../../../src/core/package.js';
import { makeTar, type TarSpecEntry } from '../../helpers/tar-maker.js';

/** Test analyzer: `db` files list one package per line as name=version. */
const lines: Analyzer = {
  id: 'lines',
  version: 1,
  maxFileSize: 1 << 20,
  required: (p) => p.endsWith('db') || p.endsWith('os-release'),
  analyzeLayer: (files) =>
    files.map((f) => ({
      path: f.path,
      packages: f.content
        .toString()
        .split('\n')
        .filter(Boolean)
        .map((l): PackageRecord => {
          const [name, version] = l.split('=') as [string, string];
          return { type: 'apk', name, version, licenses: [] };
        }),
    })),
};

async function layer(entries: TarSpecEntry[]): Promise<LayerResult> {
  async function* src(): AsyncGenerator<Buffer> {
    yield makeTar(entries);
  }
  return readLayer(src(), { what: 't', analyzers: [lines], maxLayerBytes: 1 << 30 });
}

function refs(n: number): Array<{ index: number; diffId: string }> {
  return Array.from({ length: n }, (_, i) => ({ index: i, diffId: `sha256:${String(i).repeat(64).slice(0, 64)}` }));
}

describe('image merge', () => {
  it('applies whiteouts and opaque directories only to lower layers', async () => {
    const layers = [
      await layer([
        { name: 'etc/motd', data: 'hi' },
        { name: 'usr/share/a', data: 'a' },
        { name: 'usr/share/sub/b', data: 'b' },
        { name: 'opt/x', data: 'x' },
      ]),
      await layer([{ name: 'etc/.wh.motd' }, { name: 'usr/share/.wh..wh..opq' }, { name: 'usr/share/c', data: 'c' }, { name: 'opt/.wh.x' }]),
      await layer([{ name: 'etc/motd', data: 'back' }]),
    ];
    const m = new ImageMerge(layers, refs(3));
    const files = [...m.tree.walk()].filter(([, n]) => n.kind === 'f').map(([p, n]) => `${p}@${n.layer}`).sort();
    expect(files).toEqual(['etc/motd@2', 'usr/share/c@1']);
    expect(m.tree.lookup('opt')?.kind).toBe('d');
  });

  it('resolves symlinks inside the image, never above its root', async () => {
    const layers = [
      await layer([
        { name: 'usr/lib/os-release', data: 'ID=debian' },
        { name: 'etc/os-release', type: 'symlink', linkname: '../usr/lib/os-release' },
        { name: 'etc/abs', type: 'symlink', linkname: '/usr/lib/os-release' },
        { name: 'etc/escape', type: 'symlink', linkname: '../../../../../usr/lib/os-release' },
        { name: 'lib', type: 'symlink', linkname: 'usr/lib' },
        { name: 'loop1', type: 'symlink', linkname: 'loop2' },
        { name: 'loop2', type: 'symlink', linkname: 'loop1' },
      ]),
    ];
    const m = new ImageMerge(layers, refs(1));
    for (const p of ['etc/os-release', 'etc/abs', 'etc/escape', 'lib/os-release', 'usr/lib/../lib/os-release']) {
      expect(m.tree.resolve(p)?.path, p).toBe('usr/lib/os-release');
    }
    expect(m.tree.resolve('loop1')).toBeUndefined();
    expect(m.tree.resolve('etc/os-release/x')).toBeUndefined();
    const view = m.viewFor('lines', undefined);
    expect(view.resolve('etc/os-release')?.path).toBe('usr/lib/os-release');
    expect(view.at('etc/os-release')).toBeUndefined();
  });

  it('attributes each package to the start of its last unbroken run of database versions', async () => {
    const layers = [
      await layer([{ name: 'var/db', data: 'a=1\nb=1\n' }]), // 0
      await layer([{ name: 'etc/other', data: 'unrelated' }]), // 1: db untouched
      await layer([{ name: 'var/db', data: 'a=1\nb=1\nc=1\n' }]), // 2: c installed
      await layer([{ name: 'var/db', data: 'a=2\nc=1\n' }]), // 3: a upgraded, b removed
      await layer([{ name: 'var/.wh.db' }]), // 4: db deleted
      await layer([{ name: 'var/db', data: 'a=2\nc=1\nd=1\n' }]), // 5: db recreated
    ];
    const m = new ImageMerge(layers, refs(6));
    const view = m.viewFor('lines', undefined);
    expect(view.visible.map((v) => [v.path, v.layer.index])).toEqual([['var/db', 5]]);
    const origin = (p: PackageRecord): number => view.originOf('var/db', samePackage(p)).index;
    const pkgs = view.visible[0]?.result.packages ?? [];
    expect(pkgs.map((p) => `${p.name}@${origin(p)}`)).toEqual(['a@5', 'c@5', 'd@5']);

    const noDelete = new ImageMerge(layers.slice(0, 4), refs(4)).viewFor('lines', undefined);
    const pk = noDelete.visible[0]?.result.packages ?? [];
    expect(pk.map((p) => `${p.name}@${noDelete.originOf('var/db', samePackage(p)).index}`)).toEqual(['a@3', 'c@2']);
    expect(noDelete.originOf('var/db', samePackage(pk[1] as PackageRecord)).diffId).toBe(refs(4)[2]?.diffId);
  });

  it('hides results of files that a later layer removed or replaced', async () => {
    const layers = [
      await layer([{ name: 'var/db', data: 'a=1\n' }, { name: 'opt/db', data: 'z=1\n' }]),
      await layer([{ name: 'opt/.wh..wh..opq' }, { name: 'var/db', type: 'symlink', linkname: '/dev/null' }]),
    ];
    const view = new ImageMerge(layers, refs(2)).viewFor('lines', undefined);
    expect(view.visible).toEqual([]);
    expect(view.exists('opt')).toBe(true);
    expect(view.exists('opt/db')).toBe(false);
  });

  it('an opaque marker at the image root hides every lower layer (attribution included)', async () => {
    const layers = [
      await layer([{ name: 'var/db', data: 'a=1\n' }, { name: 'etc/x', data: 'x' }]),
      await layer([{ name: '.wh..wh..opq' }, { name: 'var/db', data: 'a=1\n' }]),
    ];
    const m = new ImageMerge(layers, refs(2));
    expect(m.tree.lookup('etc/x')).toBeUndefined();
    const view = m.viewFor('lines', undefined);
    const a = view.visible[0]?.result.packages?.[0] as PackageRecord;
    expect(view.originOf('var/db', samePackage(a)).index).toBe(1);
  });

  it('follows a symlinked parent directory the way containerd applies layers', async () => {
    const layers = [
      await layer([
        { name: 'usr/lib/db', data: 'a=1\n' },
        { name: 'usr/lib/keep', data: 'k' },
        { name: 'lib', type: 'symlink', linkname: 'usr/lib' },
      ]),
      await layer([{ name: 'lib/db', data: 'a=1\nb=1\n' }, { name: 'lib/.wh.keep' }]),
    ];
    const m = new ImageMerge(layers, refs(2));
    expect(m.tree.lookup('lib')?.kind).toBe('l');
    expect(m.tree.lookup('usr/lib/keep')).toBeUndefined();
    const view = m.viewFor('lines', undefined);
    expect(view.visible.map((v) => [v.path, v.layer.index])).toEqual([['usr/lib/db', 1]]);
    expect(view.resolve('lib/db')?.path).toBe('usr/lib/db');
    const pkgs = view.visible[0]?.result.packages ?? [];
    expect(pkgs.map((p) => `${p.name}@${view.originOf('usr/lib/db', samePackage(p)).index}`)).toEqual(['a@0', 'b@1']);
  });
});
