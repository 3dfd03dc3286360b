import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import type { MergedPackage } from '../../../src/inventory/analyzer.js';
import { apkAnalyzer } from '../../../src/inventory/analyzers/apk.js';
import { ALPINE_TARBALLS, layerFromTarball, tarMember } from '../support/alpine-fixtures.js';
import { runAnalyzer } from '../support/stub-merge-view.js';

/** name|version|arch per package of a real installed database, read by awk. */
function awkPackages(tarball: string): string[] {
  const db = tarMember(tarball, 'lib/apk/db/installed');
  return execFileSync('awk', ['/^P:/{p=substr($0,3)} /^V:/{v=substr($0,3)} /^A:/{print p"|"v"|"substr($0,3)}'], { input: db, encoding: 'utf8' })
    .split('\n')
    .filter((l) => l !== '');
}

describe.each(ALPINE_TARBALLS)('apk analyzer on %s as a one-layer image', (tarball) => {
  it('finds every package of the installed database in layer 0', async () => {
    const { output } = await runAnalyzer(apkAnalyzer, [layerFromTarball(tarball)]);
    const pkgs = output.packages ?? [];
    expect(pkgs.map((p) => `${p.record.name}|${p.record.version}|${p.record.arch}`)).toEqual(awkPackages(tarball));
    for (const p of pkgs) {
      expect(p.location).toBe('/lib/apk/db/installed');
      expect(p.layer?.index).toBe(0);
    }
    expect(output.unknowns).toEqual([]);
  });
});

describe('apk analyzer across layers', () => {
  it('keeps packages unchanged by an upgrade in the lower layer and attributes the rest to the upgrade', async () => {
    const [older, newer] = [ALPINE_TARBALLS[1] ?? '', ALPINE_TARBALLS[2] ?? ''];
    const upgrade = { files: { 'lib/apk/db/installed': tarMember(newer, 'lib/apk/db/installed') } };
    const { output } = await runAnalyzer(apkAnalyzer, [layerFromTarball(older), upgrade]);
    const before = new Set(awkPackages(older));
    const got = (output.packages ?? []).map((p) => [`${p.record.name}|${p.record.version}|${p.record.arch}`, p.layer?.index]);
    expect(got).toEqual(awkPackages(newer).map((k) => [k, before.has(k) ? 0 : 1]));
    expect(got.some(([, layer]) => layer === 1)).toBe(true);
  });

  it('finds nothing once the database is deleted', async () => {
    const { output } = await runAnalyzer(apkAnalyzer, [layerFromTarball(ALPINE_TARBALLS[0] ?? ''), { deletes: ['lib/apk'] }]);
    expect(output.packages).toEqual([]);
  });
});

describe('apk analyzer on usrmerged images (Wolfi, Chainguard: usr/lib/apk/db/installed)', () => {
  const tarball = ALPINE_TARBALLS[0] ?? '';
  const db = (): Buffer => tarMember(tarball, 'lib/apk/db/installed');
  const keys = (pkgs: MergedPackage[] | undefined): string[] => (pkgs ?? []).map((p) => `${p.record.name}|${p.record.version}|${p.record.arch}`);

  it('reads the database under usr/lib when lib is a symlink to usr/lib, once', async () => {
    const { output } = await runAnalyzer(apkAnalyzer, [{ dirs: ['usr', 'usr/lib'], files: { 'usr/lib/apk/db/installed': db() }, symlinks: { lib: 'usr/lib' } }]);
    expect(keys(output.packages)).toEqual(awkPackages(tarball));
    for (const p of output.packages ?? []) expect(p.location).toBe('/usr/lib/apk/db/installed');
  });

  it('reads usr/lib/apk/db/installed without any lib directory', async () => {
    const { output } = await runAnalyzer(apkAnalyzer, [{ files: { 'usr/lib/apk/db/installed': db() } }]);
    expect(keys(output.packages)).toEqual(awkPackages(tarball));
  });

  it('counts a database reached through a file symlink or a usr/lib -> ../lib link once', async () => {
    const viaFileLink = await runAnalyzer(apkAnalyzer, [
      { files: { 'usr/lib/apk/db/installed': db() }, symlinks: { 'lib/apk/db/installed': '../../../usr/lib/apk/db/installed' } },
    ]);
    expect(keys(viaFileLink.output.packages)).toEqual(awkPackages(tarball));
    const usrToLib = await runAnalyzer(apkAnalyzer, [{ files: { 'lib/apk/db/installed': db() }, symlinks: { 'usr/lib': '../lib' } }]);
    expect(keys(usrToLib.output.packages)).toEqual(awkPackages(tarball));
    for (const p of usrToLib.output.packages ?? []) expect(p.location).toBe('/lib/apk/db/installed');
  });

  it('counts two separate files with the same content (a hard link, a copy) once, preferring lib/', async () => {
    const { output } = await runAnalyzer(apkAnalyzer, [{ files: { 'lib/apk/db/installed': db(), 'usr/lib/apk/db/installed': db() } }]);
    expect(keys(output.packages)).toEqual(awkPackages(tarball));
    for (const p of output.packages ?? []) expect(p.location).toBe('/lib/apk/db/installed');
  });

  it('reports a second, different database too', async () => {
    const other = 'P:extra\nV:1.0-r0\nA:x86_64\n\n';
    const { output } = await runAnalyzer(apkAnalyzer, [{ files: { 'lib/apk/db/installed': db(), 'usr/lib/apk/db/installed': other } }]);
    expect(keys(output.packages)).toEqual([...awkPackages(tarball), 'extra|1.0-r0|x86_64']);
    expect(output.packages?.at(-1)?.location).toBe('/usr/lib/apk/db/installed');
  });
});
