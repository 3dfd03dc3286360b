import { describe, expect, it } from 'vitest';
import { readLayer } from '../../src/inventory/layer-reader.js';
import { assemble } from '../../src/inventory/assemble.js';
import type { Analyzer } from '../../src/inventory/analyzer.js';
import type { Inventory } from '../../src/core/inventory.js';
import { dpkgAnalyzer } from '../../src/inventory/analyzers/dpkg.js';
import { createOsAnalyzer } from '../../src/inventory/analyzers/os.js';
import { makeTar, type TarSpecEntry } from '../helpers/tar-maker.js';

/** A stand-in language analyzer: a `METADATA` file names a PyPI package. */
function metadataAnalyzer(osOwned: 'fold' | 'keep' | 'drop'): Analyzer {
  return {
    id: `meta-${osOwned}`,
    version: 1,
    maxFileSize: 1 << 20,
    osOwned,
    required: (p) => p.endsWith('.dist-info/METADATA'),
    analyzeLayer: (files) =>
      files.map((f) => {
        if (f.content.toString().startsWith('garbage')) return { path: f.path, unknowns: ['unreadable METADATA'] };
        const [name, version] = f.content.toString().trim().split(' ') as [string, string];
        return { path: f.path, packages: [{ type: 'pypi' as const, name, version, licenses: [], purl: `pkg:pypi/${name}@${version}`, foundIn: 'installed' as const }] };
      }),
  };
}

const STATUS = `Package: python3-six
Status: install ok installed
Architecture: all
Version: 1.16.0-4
Maintainer: x <x@example.org>
Description: six
`;

async function inventory(entries: TarSpecEntry[], analyzer: Analyzer, ...later: TarSpecEntry[][]): Promise<Inventory> {
  const analyzers = [createOsAnalyzer(), dpkgAnalyzer, analyzer];
  const layers = [];
  for (const layerEntries of [entries, ...later]) {
    async function* src(): AsyncGenerator<Buffer> {
      yield makeTar(layerEntries);
    }
    layers.push(await readLayer(src(), { what: 't', analyzers, maxLayerBytes: 1 << 30 }));
  }
  const refs = layers.map((_, index) => ({ index }));
  return assemble({ kind: 'dir', reference: 't', layers: [] }, layers, refs, { analyzers, toolVersion: 't', now: new Date() });
}

const IMAGE: TarSpecEntry[] = [
  { name: 'etc/os-release', data: 'ID=debian\nVERSION_ID="12"\n' },
  { name: 'var/lib/dpkg/status', data: STATUS },
  // dpkg lists the path through the /lib symlink of a usrmerged system; the file lives in usr/lib
  { name: 'var/lib/dpkg/info/python3-six.list', data: '/lib/python3/dist-packages/six-1.16.0.dist-info/METADATA\n' },
  { name: 'lib', type: 'symlink', linkname: 'usr/lib' },
  { name: 'usr/lib/python3/dist-packages/six-1.16.0.dist-info/METADATA', data: 'six 1.16.0' },
  { name: 'opt/venv/lib/python3.11/site-packages/requests-2.31.0.dist-info/METADATA', data: 'requests 2.31.0' },
];

describe('packages in files an OS package owns', () => {
  it('fold: reported once, as the deb, with the PyPI identity as an extra purl', async () => {
    const inv = await inventory(IMAGE, metadataAnalyzer('fold'));
    expect(inv.packages.map((p) => p.purl).sort()).toEqual(['pkg:deb/debian/python3-six@1.16.0-4?arch=all&distro=debian-12', 'pkg:pypi/requests@2.31.0']);
    expect(inv.packages.find((p) => p.type === 'deb')?.extraPurls).toEqual(['pkg:pypi/six@1.16.0']);
  });

  it('keep: reported as a package of its own too; drop: not reported, no extra purl', async () => {
    const kept = await inventory(IMAGE, metadataAnalyzer('keep'));
    expect(kept.packages.map((p) => p.name).sort()).toEqual(['python3-six', 'requests', 'six']);
    const dropped = await inventory(IMAGE, metadataAnalyzer('drop'));
    expect(dropped.packages.map((p) => p.name).sort()).toEqual(['python3-six', 'requests']);
    expect(dropped.packages.find((p) => p.type === 'deb')?.extraPurls).toBeUndefined();
  });

  it('problems with files an OS package installed are not reported; elsewhere they are', async () => {
    const image: TarSpecEntry[] = [
      ...IMAGE.filter((e) => !e.name.endsWith('METADATA')),
      { name: 'usr/lib/python3/dist-packages/six-1.16.0.dist-info/METADATA', data: 'garbage' },
      { name: 'opt/venv/lib/python3.11/site-packages/requests-2.31.0.dist-info/METADATA', data: 'garbage too' },
    ];
    const inv = await inventory(image, metadataAnalyzer('fold'));
    expect(inv.unknowns.map((u) => u.path)).toEqual(['/opt/venv/lib/python3.11/site-packages/requests-2.31.0.dist-info/METADATA']);
  });

  it('a file a later layer wrote over is no longer the OS package: its contents are reported', async () => {
    const overwrite = [{ name: 'usr/lib/python3/dist-packages/six-1.16.0.dist-info/METADATA', data: 'six 1.17.0' }];
    const inv = await inventory(IMAGE, metadataAnalyzer('fold'), overwrite);
    expect(inv.packages.map((p) => p.purl).sort()).toEqual([
      'pkg:deb/debian/python3-six@1.16.0-4?arch=all&distro=debian-12',
      'pkg:pypi/requests@2.31.0',
      'pkg:pypi/six@1.17.0',
    ]);
    expect(inv.packages.find((p) => p.type === 'deb')?.extraPurls).toBeUndefined();
  });

  it('only the file\'s own identity folds: dependencies a shipped lock file lists are dropped', async () => {
    const lockish: Analyzer = {
      ...metadataAnalyzer('fold'),
      id: 'lockish',
      analyzeLayer: (files) =>
        files.map((f) => ({
          path: f.path,
          packages: [
            { type: 'pypi' as const, name: 'six', version: '1.16.0', licenses: [], purl: 'pkg:pypi/six@1.16.0', foundIn: 'installed' as const },
            { type: 'pypi' as const, name: 'dep', version: '2.0', licenses: [], purl: 'pkg:pypi/dep@2.0', foundIn: 'lockfile' as const },
          ],
        })),
    };
    const inv = await inventory(IMAGE.filter((e) => !e.name.startsWith('opt/')), lockish);
    expect(inv.packages.map((p) => p.purl)).toEqual(['pkg:deb/debian/python3-six@1.16.0-4?arch=all&distro=debian-12']);
    expect(inv.packages[0]?.extraPurls).toEqual(['pkg:pypi/six@1.16.0']);
  });
});
