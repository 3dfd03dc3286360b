import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Inventory } from '../../../src/core/inventory.js';
import type { Package } from '../../../src/core/package.js';
import type { Analyzer, MergeOutput } from '../../../src/inventory/analyzer.js';
import { createOsAnalyzers } from '../../../src/inventory/analyzers/index.js';
import { pythonInstalledAnalyzer, pythonFileKind } from '../../../src/inventory/analyzers/python-installed.js';
import { eggRequiredNames } from '../../../src/inventory/parsers/python/core-metadata.js';
import { toCycloneDx } from '../../../src/sbom/cyclonedx.js';
import { assemble } from '../../../src/inventory/assemble.js';
import { readLayer } from '../../../src/inventory/layer-reader.js';
import { inventoryOf } from '../../helpers/drydock.js';
import { ensureFixtures, fixture, readLangTruth } from '../../helpers/fixtures.js';
import { makeTar, PYTHON, type TarSpecEntry } from '../../helpers/tar-maker.js';
import { runAnalyzer } from '../support/stub-merge-view.js';

const NOW = new Date('2025-01-01T00:00:00Z');
const ANALYZERS: Analyzer[] = [...createOsAnalyzers({ now: NOW }), pythonInstalledAnalyzer];

async function inventory(layers: TarSpecEntry[][]): Promise<Inventory> {
  const results = [];
  for (const entries of layers) {
    async function* src(): AsyncGenerator<Buffer> {
      yield makeTar(entries);
    }
    results.push(await readLayer(src(), { what: 't', analyzers: ANALYZERS, maxLayerBytes: 1 << 30 }));
  }
  const refs = layers.map((_, index) => ({ index }));
  return assemble({ kind: 'dir', reference: 't', layers: [] }, results, refs, { analyzers: ANALYZERS, toolVersion: 't', now: NOW });
}

const SITE = 'opt/venv/lib/python3.11/site-packages';
const DEB_SITE = 'usr/lib/python3/dist-packages';
const STATUS = 'Package: python3-six\nStatus: install ok installed\nArchitecture: all\nVersion: 1.16.0-4\nMaintainer: x <x@example.org>\nDescription: six\n';

const BASE: TarSpecEntry[] = [
  { name: 'etc/os-release', data: 'ID=debian\nVERSION_ID="12"\n' },
  { name: 'var/lib/dpkg/status', data: STATUS },
  { name: 'var/lib/dpkg/info/python3-six.list', data: `/${DEB_SITE}/six-1.16.0.egg-info/PKG-INFO\n/${DEB_SITE}/six.py\n` },
  { name: `${DEB_SITE}/six-1.16.0.egg-info/PKG-INFO`, data: 'Metadata-Version: 1.2\nName: six\nVersion: 1.16.0\nLicense: MIT\n' },
  {
    name: `${SITE}/Foo_Bar.baz-2.0.dist-info/METADATA`,
    data: 'Metadata-Version: 2.4\nName: Foo_Bar.baz\nVersion: 2.0rc1\nLicense-Expression: MIT OR Apache-2.0\nRequires-Dist: six>=1\nRequires-Dist: Requests[socks] (>=2) ; python_version >= "3"\nRequires-Dist: pytest ; extra == "test"\nRequires-Dist: missing-one\n\nDescription body\nLicense: GPL\n',
  },
  { name: `${SITE}/Foo_Bar.baz-2.0.dist-info/RECORD`, data: 'foo_bar/__init__.py,sha256=abc,10\n"foo_bar/we,ird.py",,\n../../../bin/foo,,\nFoo_Bar.baz-2.0.dist-info/RECORD,,\n' },
  { name: `${SITE}/requests-2.31.0.dist-info/METADATA`, data: 'Metadata-Version: 2.1\nName: requests\nVersion: 2.31.0\nClassifier: License :: OSI Approved :: Apache Software License\n' },
  { name: `${SITE}/six-1.17.0.dist-info/METADATA`, data: 'Name: six\nVersion: 1.17.0\n' },
  { name: `${SITE}/legacy-1.0-py3.11.egg-info/PKG-INFO`, data: 'Metadata-Version: 2.1\nName: legacy\nVersion: 1.0\nLicense: UNKNOWN\nClassifier: License :: OSI Approved :: BSD License\n' },
  { name: `${SITE}/legacy-1.0-py3.11.egg-info/installed-files.txt`, data: '../legacy.py\nPKG-INFO\n' },
  { name: `${SITE}/Plain-3.egg-info`, data: 'Metadata-Version: 1.0\nName: Plain\nVersion: 3\nLicense: Python license\n' },
  { name: `${SITE}/broken-1.dist-info/METADATA`, data: 'Metadata-Version: 2.1\nSummary: no name here\n' },
];

const byName = (inv: Inventory, name: string): Package[] => inv.packages.filter((p) => p.name === name);

describe('python-installed analyzer: synthetic images through the real pipeline', () => {
  let inv: Inventory;
  beforeAll(async () => {
    inv = await inventory([BASE]);
  });

  it('reports every distribution with its PEP 503 name, its purl (the purl spec: lower case, `_` → `-`, dots kept), licenses and evidence', () => {
    const pypi = inv.packages.filter((p) => p.type === 'pypi');
    expect(pypi.map((p) => `${p.purl} ${p.location}`).sort()).toEqual([
      `pkg:pypi/foo-bar.baz@2.0rc1 /${SITE}/Foo_Bar.baz-2.0.dist-info/METADATA`,
      `pkg:pypi/legacy@1.0 /${SITE}/legacy-1.0-py3.11.egg-info/PKG-INFO`,
      `pkg:pypi/plain@3 /${SITE}/Plain-3.egg-info`,
      `pkg:pypi/requests@2.31.0 /${SITE}/requests-2.31.0.dist-info/METADATA`,
      `pkg:pypi/six@1.17.0 /${SITE}/six-1.17.0.dist-info/METADATA`,
    ]);
    const foo = byName(inv, 'foo-bar-baz')[0];
    expect(foo).toMatchObject({ version: '2.0rc1', licenses: ['MIT OR Apache-2.0'], foundIn: 'installed', foundBy: 'python-installed' });
    expect(foo?.metadata).toEqual({ displayName: 'Foo_Bar.baz' });
    expect(foo?.evidence).toEqual(['Foo_Bar.baz-2.0.dist-info/METADATA']);
    // the body after the headers is description text, not fields
    expect(byName(inv, 'requests')[0]?.licenses).toEqual(['Apache Software License']);
    expect(byName(inv, 'legacy')[0]).toMatchObject({ licenses: ['BSD License'] });
    expect(byName(inv, 'plain')[0]).toMatchObject({ licenses: ['Python license'], metadata: { displayName: 'Plain' } });
  });

  it('lists installed files from RECORD and installed-files.txt as absolute paths', () => {
    expect(byName(inv, 'foo-bar-baz')[0]?.files).toEqual([
      `/${SITE}/foo_bar/__init__.py`,
      `/${SITE}/foo_bar/we,ird.py`,
      '/opt/venv/bin/foo',
      `/${SITE}/Foo_Bar.baz-2.0.dist-info/RECORD`,
    ]);
    expect(byName(inv, 'legacy')[0]?.files).toEqual([`/${SITE}/legacy.py`, `/${SITE}/legacy-1.0-py3.11.egg-info/PKG-INFO`]);
  });

  it('links unconditional Requires-Dist to what is installed in the same environment', () => {
    const foo = byName(inv, 'foo-bar-baz')[0];
    const ids = (name: string): string | undefined => inv.packages.find((p) => p.type === 'pypi' && p.name === name)?.id;
    // six and requests of the venv; not pytest (an extra), not missing-one (not installed), not Debian's six
    expect(foo?.dependsOn?.sort()).toEqual([ids('requests'), ids('six')].sort());
  });

  it('folds Debian-owned metadata into the deb as an extra purl', () => {
    const deb = inv.packages.find((p) => p.type === 'deb' && p.name === 'python3-six');
    expect(deb?.extraPurls).toEqual(['pkg:pypi/six@1.16.0']);
    expect(inv.packages.filter((p) => p.purl === 'pkg:pypi/six@1.16.0')).toEqual([]);
  });

  it('reports every problem of metadata without name and version as unknowns, never as a package', () => {
    expect(inv.unknowns.filter((u) => u.source === 'python-installed').map((u) => [u.path, u.reason])).toEqual([
      [`/${SITE}/broken-1.dist-info/METADATA`, 'core metadata without a Name field'],
      [`/${SITE}/broken-1.dist-info/METADATA`, 'core metadata without a Version field'],
    ]);
    expect(inv.packages.filter((p) => p.location.includes('broken'))).toEqual([]);
  });

  it('follows deletions in later layers and attributes packages to their layer', async () => {
    const two = await inventory([
      BASE,
      [
        { name: `${SITE}/.wh.requests-2.31.0.dist-info`, data: '' },
        { name: `${SITE}/urllib3-2.0.dist-info/METADATA`, data: 'Name: urllib3\nVersion: 2.0\n' },
      ],
    ]);
    expect(byName(two, 'requests')).toEqual([]);
    expect(byName(two, 'urllib3')[0]?.layer?.index).toBe(1);
    expect(byName(two, 'six').find((p) => p.type === 'pypi')?.layer?.index).toBe(0);
  });
});

describe('python-installed: zipped eggs', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'drydock-egg-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  /** A zip made by Python's zipfile (independent of drydock's reader). */
  function zip(members: Record<string, string>, compression: 'ZIP_DEFLATED' | 'ZIP_STORED'): Buffer {
    const out = join(dir, `${compression}.egg`);
    const script = `import json,sys,zipfile\nz=zipfile.ZipFile(sys.argv[1],'w',zipfile.${compression})\nfor k,v in json.load(sys.stdin).items(): z.writestr(k,v)\nz.close()`;
    execFileSync(PYTHON, ['-c', script, out], { input: JSON.stringify(members) });
    return readFileSync(out);
  }

  it('reads EGG-INFO/PKG-INFO from deflated and stored eggs; bad eggs become unknowns', async () => {
    const pkgInfo = 'Metadata-Version: 1.1\nName: Zipped_Egg\nVersion: 3.1\nLicense: Apache-2.0\n';
    const inv = await inventory([
      [
        { name: `${SITE}/Zipped_Egg-3.1-py3.11.egg`, bytes: zip({ 'zipped.py': 'x = 1\n', 'EGG-INFO/PKG-INFO': pkgInfo }, 'ZIP_DEFLATED') },
        { name: `${SITE}/Stored-1.0-py3.11.egg`, bytes: zip({ 'EGG-INFO/PKG-INFO': 'Name: Stored\nVersion: 1.0\n' }, 'ZIP_STORED') },
        { name: `${SITE}/Empty-1.0-py3.11.egg`, bytes: zip({ 'empty.py': '' }, 'ZIP_STORED') },
        { name: `${SITE}/Junk-1.0-py3.11.egg`, data: 'not a zip at all' },
      ],
    ]);
    expect(inv.packages.map((p) => `${p.purl} ${p.licenses.join()} ${p.evidence?.join()} ${p.files?.join()}`).sort()).toEqual([
      `pkg:pypi/stored@1.0  Stored-1.0-py3.11.egg!/EGG-INFO/PKG-INFO /${SITE}/Stored-1.0-py3.11.egg`,
      `pkg:pypi/zipped-egg@3.1 Apache-2.0 Zipped_Egg-3.1-py3.11.egg!/EGG-INFO/PKG-INFO /${SITE}/Zipped_Egg-3.1-py3.11.egg`,
    ]);
    expect(inv.unknowns.map((u) => u.reason).sort()).toEqual([
      'egg archive without EGG-INFO/PKG-INFO',
      'egg archive: not a zip archive (no end of central directory)',
    ]);
  });
});

describe('pythonFileKind', () => {
  it('selects metadata files by name only', () => {
    expect(pythonFileKind('a/x-1.dist-info/METADATA')).toBe('metadata');
    expect(pythonFileKind('a/x-1.dist-info/RECORD')).toBe('record');
    expect(pythonFileKind('a/x-1.egg-info/PKG-INFO')).toBe('pkg-info');
    expect(pythonFileKind('a/x-1.egg/EGG-INFO/PKG-INFO')).toBe('egg-pkg-info');
    expect(pythonFileKind('a/x-1.egg-info/installed-files.txt')).toBe('installed-files');
    expect(pythonFileKind('a/x-1.egg-info/requires.txt')).toBe('requires');
    expect(pythonFileKind('a/x-1.egg/EGG-INFO/requires.txt')).toBe('requires');
    expect(pythonFileKind('a/x-1.egg-info')).toBe('egg-info-file');
    expect(pythonFileKind('usr/lib/python3/dist-packages/x-1.egg')).toBe('egg-zip');
    for (const p of ['METADATA', 'a/METADATA', 'a/PKG-INFO', 'a/RECORD', 'srv/x.egg', 'a/installed-files.txt', 'a/x.dist-info/WHEEL', 'app/requires.txt', 'a/x.dist-info/requires.txt']) {
      expect(pythonFileKind(p), p).toBeUndefined();
    }
  });
});

describe('python-installed on the python-app fixture (truth: the image’s own importlib.metadata)', () => {
  let inv: Inventory;
  beforeAll(async () => {
    await ensureFixtures(['python-app']);
    inv = await inventoryOf(`oci:${fixture('python-app').ociDir}`, { analyzers: ANALYZERS, now: NOW });
  });

  it('reports every venv distribution as a pypi package, and Debian’s as extra purls of their debs', () => {
    const truth = readLangTruth('python-app');
    expect(truth.length).toBeGreaterThan(10);
    const pypi = inv.packages.filter((p) => p.type === 'pypi');
    const folded = inv.packages.flatMap((p) => (p.type === 'deb' ? (p.extraPurls ?? []).map((purl) => ({ purl, deb: p.name })) : []));
    // the purl spec's pypi name: lower case, `_` → `-` (dots kept)
    const expected = truth.map((t) => `pkg:pypi/${t.name.toLowerCase().replaceAll('_', '-')}@${t.version}`);
    for (const [i, t] of truth.entries()) {
      const purl = expected[i] as string;
      if (t.path?.startsWith('/usr/lib/python3/dist-packages/')) {
        expect(folded.map((f) => f.purl), `${purl} folded into its deb`).toContain(purl);
      } else {
        const found = pypi.find((p) => p.purl === purl);
        expect(found, purl).toBeDefined();
        // the truth path is the metadata directory (or the egg's EGG-INFO); the location is the file in it
        expect(found?.location.startsWith((t.path ?? '').replace(/\/EGG-INFO\/$/, '')), `${purl} at ${t.path}`).toBe(true);
      }
    }
    // nothing beyond the truth: the uninstalled drydock-gone is gone, nothing else is invented
    expect(pypi.map((p) => p.purl).sort()).toEqual(expected.filter((_, i) => !truth[i]?.path?.startsWith('/usr/lib/python3/')).sort());
    expect(folded.map((f) => f.purl).sort()).toEqual(expected.filter((_, i) => truth[i]?.path?.startsWith('/usr/lib/python3/')).sort());
  });

  it('names the deb a Debian distribution belongs to, with files and dependencies for the venv', () => {
    const deb = (name: string): Package | undefined => inv.packages.find((p) => p.type === 'deb' && p.name === name);
    expect(deb('python3-requests')?.extraPurls).toEqual(['pkg:pypi/requests@2.28.1']);
    expect(deb('python3-yaml')?.extraPurls).toEqual(['pkg:pypi/pyyaml@6.0']);
    const demo = inv.packages.find((p) => p.name === 'drydock-demo');
    expect(demo).toMatchObject({ version: '1.2.3', licenses: ['Apache-2.0'], metadata: { displayName: 'Drydock_Demo' } });
    expect(demo?.files).toContain('/opt/venv/lib/python3.11/site-packages/drydock_demo/__init__.py');
    const deps = (demo?.dependsOn ?? []).map((id) => inv.packages.find((p) => p.id === id)?.purl).sort();
    expect(deps).toEqual(['pkg:pypi/drydock.legacy@0.9.0', 'pkg:pypi/pip@23.0.1']);
    const legacy = inv.packages.find((p) => p.name === 'drydock-legacy');
    expect(legacy?.files).toContain('/opt/venv/lib/python3.11/site-packages/drydock_legacy.py');
    expect(legacy?.licenses).toEqual(['MIT']);
    expect(inv.packages.find((p) => p.name === 'pip')?.files?.length).toBeGreaterThan(500);
    expect(inv.unknowns.filter((u) => u.source === 'python-installed')).toEqual([]);
  });

  it('CycloneDX carries the pypi purls, the location and the Debian identity as a property', () => {
    const bom = JSON.parse(toCycloneDx(inv)) as { components: Array<{ purl?: string; properties?: Array<{ name: string; value: string }> }> };
    const demo = bom.components.find((c) => c.purl === 'pkg:pypi/drydock-demo@1.2.3');
    expect(demo?.properties).toContainEqual({ name: 'drydock:package:foundIn', value: 'installed' });
    expect(JSON.stringify(demo)).toContain('/opt/venv/lib/python3.11/site-packages/Drydock_Demo-1.2.3.dist-info/METADATA');
    const deb = bom.components.find((c) => c.purl?.startsWith('pkg:deb/debian/python3-six@'));
    expect(deb?.properties?.filter((p) => p.value.startsWith('pkg:pypi/')).map((p) => p.value)).toEqual(['pkg:pypi/six@1.16.0']);
  });
});

describe('python-installed: egg-info requires.txt (real Debian dist-packages)', () => {
  const dir = new URL('testdata/python/dist-packages/', import.meta.url);
  const files = (names: string[]): Record<string, Buffer> =>
    Object.fromEntries(names.map((n) => [`${DEB_SITE}/${n}`, readFileSync(new URL(n, dir))]));
  const REAL = [
    'PyGObject-3.42.2.egg-info/PKG-INFO',
    'PyGObject-3.42.2.egg-info/requires.txt',
    'pycairo-1.20.1.egg-info',
    'lazr.restfulclient-0.14.5.egg-info/PKG-INFO',
    'lazr.restfulclient-0.14.5.egg-info/requires.txt',
    'httplib2-0.20.4.dist-info/METADATA',
  ];
  const deps = (out: MergeOutput, name: string): string[] | undefined => out.packages?.find((p) => p.record.name === name)?.record.dependsOn;
  /** A zip made by Python's zipfile. */
  const zipOf = (members: Record<string, string>): Buffer => {
    const work = mkdtempSync(join(tmpdir(), 'drydock-egg-'));
    try {
      const script = `import json,sys,zipfile\nz=zipfile.ZipFile(sys.argv[1],'w',zipfile.ZIP_DEFLATED)\nfor k,v in json.load(sys.stdin).items(): z.writestr(k,v)\nz.close()`;
      execFileSync(PYTHON, ['-c', script, join(work, 'x.egg')], { input: JSON.stringify(members) });
      return readFileSync(join(work, 'x.egg'));
    } finally {
      rmSync(work, { recursive: true, force: true });
    }
  };

  it('links what requires.txt names before its first section (PyGObject → pycairo)', async () => {
    const { output } = await runAnalyzer(pythonInstalledAnalyzer, [{ files: files(REAL) }]);
    expect(deps(output, 'pygobject')).toEqual(['pycairo@1.20.1']);
    expect(output.unknowns).toEqual([]);
  });

  it('[:marker] sections count as Requires-Dist with a marker (kept, not evaluated); [extra] and [extra:marker] sections do not', async () => {
    const { output } = await runAnalyzer(pythonInstalledAnalyzer, [{ files: files(REAL) }]);
    // lazr.restfulclient: httplib2 under [:python_version < "3"]; fixtures, lazr.restful, … under [test]
    expect(deps(output, 'lazr-restfulclient')).toEqual(['httplib2@0.20.4']);
    expect(eggRequiredNames('six\n[:sys_platform == "win32"]\ncolorama>=0.4\n\n[test]\npytest\n[test:python_version < "3.8"]\nmock\n')).toEqual(['six', 'colorama']);
  });

  it('purls keep the dots of the project name (the purl spec), names stay PEP 503-normalised', async () => {
    const { output } = await runAnalyzer(pythonInstalledAnalyzer, [{ files: files(REAL) }]);
    const lazr = output.packages?.find((p) => p.record.name === 'lazr-restfulclient')?.record;
    expect(lazr).toMatchObject({ purl: 'pkg:pypi/lazr.restfulclient@0.14.5', metadata: { displayName: 'lazr.restfulclient' } });
    expect(output.packages?.find((p) => p.record.name === 'pygobject')?.record.purl).toBe('pkg:pypi/pygobject@3.42.2');
  });

  it('a zipped egg: EGG-INFO/requires.txt too', async () => {
    const egg = zipOf({ 'EGG-INFO/PKG-INFO': 'Metadata-Version: 1.1\nName: eggy\nVersion: 1.0\n', 'EGG-INFO/requires.txt': 'pycairo\n[extra]\nnope\n' });
    const { output } = await runAnalyzer(pythonInstalledAnalyzer, [{ files: { ...files(['pycairo-1.20.1.egg-info']), [`${DEB_SITE}/eggy-1.0-py3.11.egg`]: egg } }]);
    expect(deps(output, 'eggy')).toEqual(['pycairo@1.20.1']);
  });
});
