import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deflateRawSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Inventory } from '../../../src/core/inventory.js';
import type { Package } from '../../../src/core/package.js';
import { createOsAnalyzers } from '../../../src/inventory/analyzers/index.js';
import { createJavaArchiveAnalyzer, javaArchiveAnalyzer } from '../../../src/inventory/analyzers/java-archive.js';
import { inventoryOf } from '../../helpers/drydock.js';
import { ensureFixtures, fixture, readImageTruth, readLangTruth, type LangTruth } from '../../helpers/fixtures.js';
import { makeZip, pomEntry, type MakeEntry } from '../parsers/java/zip-maker.js';

const now = new Date('2025-01-01T00:00:00Z');
const analyzers = [...createOsAnalyzers({ now }), javaArchiveAnalyzer];
const maven = (inv: Inventory): Package[] => inv.packages.filter((p) => p.foundBy === 'java-archive');
const javaUnknowns = (inv: Inventory): string[] => inv.unknowns.filter((u) => u.source === 'java-archive').map((u) => `${u.path}: ${u.reason}`);
const purlOf = (t: LangTruth): string => {
  const [group, artifact] = t.name.split(':');
  return `pkg:maven/${group}/${artifact}@${t.version}`;
};

describe('java-archive on the java-app image (truth: every pom.properties unzip finds, nested archives included)', () => {
  let inv: Inventory;
  let truth: LangTruth[];
  beforeAll(async () => {
    await ensureFixtures(['java-app']);
    truth = readLangTruth('java-app');
    inv = await inventoryOf(`oci:${fixture('java-app').ociDir}`, { analyzers, now });
  });

  it('reports every pom.properties identity of the app archives at its outermost archive, with the nested path', () => {
    const app = truth.filter((t) => t.path?.startsWith('/app/'));
    expect(app.length).toBeGreaterThan(30);
    const got = maven(inv).filter((p) => p.evidence?.some((e) => e.startsWith('pom.properties ')));
    const key = (name: string, version: string, location: string | undefined): string => `${location} ${name}@${version}`;
    expect(got.map((p) => key(p.name, p.version, p.location)).sort()).toEqual(app.map((t) => key(t.name, t.version, t.path)).sort());
    for (const t of app) {
      const p = got.find((x) => x.location === t.path && x.name === t.name && x.version === t.version);
      expect(p?.metadata?.['archive'], `${t.name} in ${t.path}`).toBe(t.source ? `${t.path}!/${t.source}` : t.path);
      expect(p?.purl).toBe(purlOf(t));
      expect(p?.type).toBe('maven');
    }
  });

  it('folds the jars Debian packages installed into those packages, their Maven identity as an extra purl', () => {
    const debianJars = truth.filter((t) => !t.path?.startsWith('/app/'));
    expect(debianJars.length).toBeGreaterThan(10);
    const extra = new Set(inv.packages.filter((p) => p.type === 'deb').flatMap((p) => p.extraPurls ?? []));
    for (const t of debianJars) expect(extra.has(purlOf(t)), `${t.name}@${t.version} (${t.path})`).toBe(true);
    expect(maven(inv).filter((p) => !p.location.startsWith('/app/'))).toEqual([]);
    const guava = inv.packages.find((p) => p.type === 'deb' && p.name === 'libguava-java');
    expect(guava?.extraPurls).toContain('pkg:maven/com.google.guava/guava@31.1-jre');
    // the same jar copied by the app (not a file dpkg installed) is the app's own package
    expect(maven(inv).find((p) => p.location === '/app/lib/guava-31.1-jre.jar')?.purl).toBe('pkg:maven/com.google.guava/guava@31.1-jre');
  });

  it('identifies an archive without pom.properties from its manifest, and says so', () => {
    const others = maven(inv).filter((p) => !p.evidence?.some((e) => e.startsWith('pom.properties ')));
    expect(others.map((p) => [p.location, p.name, p.version, p.evidence])).toEqual([
      ['/app/lib/legacy-lib.jar', 'org.example.legacy:legacy-lib', '3.4.1', ['MANIFEST.MF Implementation-Vendor-Id, Implementation-Title, Implementation-Version']],
    ]);
  });

  it('does not report an archive a later layer deleted, and attributes the app to the layer that made it', () => {
    expect(inv.packages.some((p) => p.location.includes('removed-lib'))).toBe(false);
    const history = readImageTruth('java-app').history.filter((h) => !h.emptyLayer);
    const makeApp = history.findIndex((h) => h.createdBy.includes('make-app.sh /app'));
    expect(makeApp).toBeGreaterThan(0);
    for (const p of maven(inv)) expect(p.layer?.index, p.location).toBe(makeApp);
  });

  it('has no problems with the app archives; Debian jars without any identity are unknowns', () => {
    const problems = javaUnknowns(inv);
    expect(problems.filter((u) => u.startsWith('/app/'))).toEqual([]);
    for (const u of problems) expect(u).toMatch(/^\/usr\/share\/.*: no Maven identity/);
  });

  it('reads the unpacked root filesystem (dir:) to the same result', async () => {
    const fromDir = await inventoryOf(`dir:${fixture('java-app').rootfs}`, { analyzers, now });
    const ids = (i: Inventory): string[] => maven(i).map((p) => `${p.location} ${p.purl} ${p.metadata?.['archive']}`).sort();
    expect(ids(fromDir)).toEqual(ids(inv));
  });
});

describe('java-archive on hostile and odd archives (a dir: target)', () => {
  let root: string;
  let inv: Inventory;
  const write = (name: string, data: Buffer | string): void => writeFileSync(join(root, name), data);
  const jar = (group: string, artifact: string, version: string, more: MakeEntry[] = []): Buffer => makeZip([pomEntry(group, artifact, version), ...more]);

  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'drydock-java-'));
    write('not-a-zip.jar', 'just text, not an archive');
    write('empty.jar', '');
    // a "jar" of 64 MiB of zeros deflated into a war: caught by the ratio check before inflating
    write('bomb.war', makeZip([pomEntry('x', 'bomb', '1'), { name: 'WEB-INF/lib/zeros.jar', data: Buffer.alloc(64 * 2 ** 20) }]));
    // the same nested jar listed 50 times over one local header (an overlapping-entries bomb)
    const inner = jar('x', 'inner', '1');
    const overlap: MakeEntry[] = [pomEntry('x', 'overlap', '1'), { name: 'lib/a0.jar', data: inner, method: 'stored' }];
    for (let i = 1; i < 50; i++) overlap.push({ name: `lib/a${i}.jar`, data: '', shareLocalWith: 1, declaredSize: inner.length, declaredCompressedSize: inner.length, method: 'stored' });
    write('overlap.jar', makeZip(overlap));
    // 12 levels of jars in jars: read to the depth cap (8), the rest reported
    let deep = jar('x', 'level12', '12');
    for (let level = 11; level >= 0; level--) deep = jar('x', `level${level}`, String(level), [{ name: `lib/level${level + 1}.jar`, data: deep, method: level % 2 ? 'stored' : 'deflated' }]);
    write('deep.jar', deep);
    // a nested jar whose declared size is smaller than what it inflates to
    write('liar.jar', makeZip([pomEntry('x', 'liar', '1'), { name: 'lib/l.jar', data: jar('x', 'hidden', '1'), declaredSize: 100 }]));
    write('climb.jar', makeZip([pomEntry('x', 'climb', '1'), { name: '../../etc/evil.jar', data: jar('x', 'evil', '1'), method: 'stored' }]));
    write('truncated.jar', jar('x', 'truncated', '1').subarray(0, 60));
    write('bzip2.jar', makeZip([pomEntry('x', 'bz', '1'), { name: 'lib/b.jar', data: jar('x', 'b', '1'), methodCode: 12 }]));
    write('plain-1.2.3.jar', makeZip([{ name: 'META-INF/MANIFEST.MF', data: 'Manifest-Version: 1.0\r\n\r\n' }]));
    write('zip64-app.jar', makeZip([pomEntry('x', 'zip64', '1'), { name: 'lib/n.jar', data: jar('x', 'n64', '2'), method: 'stored' }], { zip64: true }));
    write('launcher.jar', Buffer.concat([Buffer.from('#!/bin/sh\nexec java -jar "$0"\n'), jar('x', 'launched', '1')]));
    write('raw-deflate-garbage.jar', makeZip([pomEntry('x', 'garbage', '1'), { name: 'lib/g.jar', data: Buffer.from(deflateRawSync(Buffer.alloc(10)).subarray(0, 2)), method: 'stored' }]));
    inv = await inventoryOf(`dir:${root}`, { analyzers: [javaArchiveAnalyzer], now });
  }, 120_000);
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  const names = (location: string): string[] => maven(inv).filter((p) => p.location === location).map((p) => `${p.name}@${p.version}`).sort();
  const problems = (location: string): string[] => inv.unknowns.filter((u) => u.path === location).map((u) => u.reason);

  it('reports what it can and turns every hostile structure into an unknown', () => {
    expect(problems('/not-a-zip.jar')).toEqual(['not a zip archive (no end-of-central-directory record)']);
    expect(problems('/empty.jar')).toEqual([]);
    expect(names('/bomb.war')).toEqual(['x:bomb@1']);
    expect(problems('/bomb.war')).toEqual(['WEB-INF/lib/zeros.jar: compression ratio over 100:1 (a zip bomb?) — not read']);
    expect(names('/overlap.jar')).toEqual(['x:overlap@1']);
    expect(problems('/overlap.jar')).toEqual(['entries claim more compressed data than the archive holds (overlapping entries): nested archives not read']);
    expect(names('/liar.jar')).toEqual(['x:liar@1']);
    expect(problems('/liar.jar')).toEqual(['lib/l.jar: entry inflates beyond the 100 bytes it declares']);
    expect(names('/climb.jar')).toEqual(['x:climb@1']);
    expect(problems('/climb.jar')).toEqual(['1 entries have absolute names or names that climb out of the archive ("..") — ignored']);
    expect(problems('/truncated.jar')).toEqual(['not a zip archive (no end-of-central-directory record)']);
    expect(problems('/bzip2.jar')).toEqual(['lib/b.jar: unsupported compression method 12']);
    expect(problems('/raw-deflate-garbage.jar')).toEqual(['lib/g.jar: too small to be a zip archive']);
  });

  it('reads nested archives down to the depth cap, stored and deflated alike', () => {
    expect(names('/deep.jar')).toEqual(Array.from({ length: 9 }, (_, i) => `x:level${i}@${i}`).sort());
    const deepest = maven(inv).find((p) => p.name === 'x:level8');
    expect(deepest?.metadata?.['archive']).toBe(`/deep.jar${Array.from({ length: 8 }, (_, i) => `!/lib/level${i + 1}.jar`).join('')}`);
    expect(problems('/deep.jar')).toEqual([`${Array.from({ length: 8 }, (_, i) => `lib/level${i + 1}.jar`).join('!/')}: 1 nested archives deeper than 8 levels — not read`]);
  });

  it('uses the file name as the last resort, reads ZIP64 archives and archives behind a launch script', () => {
    const plain = maven(inv).find((p) => p.location === '/plain-1.2.3.jar');
    expect([plain?.name, plain?.version, plain?.purl, plain?.evidence, plain?.metadata]).toEqual([
      'plain',
      '1.2.3',
      'pkg:generic/plain@1.2.3',
      ['file name plain-1.2.3.jar'],
      { archive: '/plain-1.2.3.jar', artifactId: 'plain', groupIdUnknown: 'true' },
    ]);
    expect(names('/zip64-app.jar')).toEqual(['x:n64@2', 'x:zip64@1']);
    expect(names('/launcher.jar')).toEqual(['x:launched@1']);
    expect(problems('/zip64-app.jar')).toEqual([]);
    expect(problems('/launcher.jar')).toEqual([]);
  });

  it('caps the number and bytes of nested archives per top-level archive', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'drydock-java-caps-'));
    try {
      const libs: MakeEntry[] = Array.from({ length: 5 }, (_, i) => ({ name: `lib/l${i}.jar`, data: jar('x', `l${i}`, '1'), method: 'stored' as const }));
      writeFileSync(join(dir, 'many.jar'), makeZip([pomEntry('x', 'many', '1'), ...libs]));
      const capped = createJavaArchiveAnalyzer({ maxDepth: 8, maxEntries: 1000, maxDirectoryBytes: 1 << 20, maxSelected: 1000, maxMetaBytes: 1 << 16, maxNestedArchives: 3, maxNestedBytes: 1 << 20, maxRatio: 100 });
      const got = await inventoryOf(`dir:${dir}`, { analyzers: [capped], now });
      expect(got.packages.map((p) => p.name).sort()).toEqual(['x:l0', 'x:l1', 'x:l2', 'x:many']);
      expect(got.unknowns.map((u) => u.reason)).toEqual(['more than 3 nested archives — the rest were not read']);
      const budget = createJavaArchiveAnalyzer({ maxDepth: 8, maxEntries: 1000, maxDirectoryBytes: 1 << 20, maxSelected: 1000, maxMetaBytes: 1 << 16, maxNestedArchives: 100, maxNestedBytes: 100, maxRatio: 100 });
      const tight = await inventoryOf(`dir:${dir}`, { analyzers: [budget], now });
      expect(tight.packages.map((p) => p.name)).toEqual(['x:many']);
      expect(tight.unknowns).toHaveLength(5);
      expect(tight.unknowns[0]?.reason).toMatch(/^lib\/l0\.jar: reading it would pass the 100-byte budget for nested archives/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
