import { copyFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PackageRecord } from '../../../src/core/package.js';
import { rpmAnalyzer } from '../../../src/inventory/analyzers/rpm.js';
import { databasePath, readTruth, rpmRoot, type TruthPackage } from '../parsers/rpm/fixtures.js';
import { runAnalyzer } from '../support/stub-merge-view.js';

/** The rpm analyzer over databases the real rpm wrote (scripts/fixtures/rpm-root.sh). */

let sqlite = '';
let ndb = '';
let bdb = '';
let work = '';
beforeAll(() => {
  sqlite = rpmRoot('sqlite');
  ndb = rpmRoot('ndb');
  bdb = rpmRoot('bdb');
  work = mkdtempSync(join(tmpdir(), 'drydock-rpm-analyzer-'));
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

const read = (path: string): Buffer => readFileSync(path);
const records = (run: Awaited<ReturnType<typeof runAnalyzer>>): PackageRecord[] => (run.output.packages ?? []).map((p) => p.record);

/** What the analyzer must make of one `rpm -qa` row. */
function expectedRecord(t: TruthPackage): Omit<PackageRecord, 'source'> {
  // An explicit Epoch: 0 equals no epoch for rpm; drydock writes it as none (rpm's %{EVR} keeps "0:").
  const version = t.epoch === 0 ? t.evr.replace(/^0:/, '') : t.evr;
  const record: Omit<PackageRecord, 'source'> = { type: 'rpm', name: t.name, version, licenses: t.license === undefined ? [] : [t.license] };
  if (t.epoch !== undefined && t.epoch !== 0) record.epoch = t.epoch;
  if (t.arch !== undefined) record.arch = t.arch;
  if (t.files.length > 0) record.files = t.files;
  const metadata: Record<string, string> = {};
  if (t.vendor !== undefined) metadata['vendor'] = t.vendor;
  if (t.modularityLabel !== undefined) metadata['modularityLabel'] = t.modularityLabel;
  if (t.size !== undefined) metadata['size'] = String(t.size);
  if (t.summary !== undefined) metadata['summary'] = t.summary;
  record.metadata = metadata;
  return record;
}

function expectMatchesTruth(got: PackageRecord[], truth: TruthPackage[]): void {
  const wanted = truth.filter((t) => t.name !== 'gpg-pubkey');
  expect(truth.length - wanted.length).toBe(1);
  expect(got.map((r) => r.name)).toEqual(wanted.map((t) => t.name));
  for (const [i, t] of wanted.entries()) {
    const { source, ...rest } = got[i] ?? { source: undefined };
    expect(rest, t.name).toEqual(expectedRecord(t));
    // The source version is the SOURCERPM's version-release with the binary's epoch.
    const epoch = t.epoch === undefined || t.epoch === 0 ? '' : `${t.epoch}:`;
    expect(source?.version.startsWith(epoch)).toBe(true);
    expect(`${source?.name}-${source?.version.slice(epoch.length)}.src.rpm`).toBe(t.sourceRpm);
  }
}

describe('rpm analyzer', () => {
  it('asks for the rpm databases and their journal only', () => {
    for (const dir of ['var/lib/rpm', 'usr/lib/sysimage/rpm']) {
      for (const name of ['Packages', 'Packages.db', 'rpmdb.sqlite', 'rpmdb.sqlite-wal']) expect(rpmAnalyzer.required(`${dir}/${name}`, { size: 4096, mode: 0o644 })).toBe(true);
      for (const name of ['Name', 'Index.db', 'rpmdb.sqlite-shm', '.rpm.lock']) expect(rpmAnalyzer.required(`${dir}/${name}`, { size: 4096, mode: 0o644 })).toBe(false);
    }
    expect(rpmAnalyzer.required('/var/lib/rpm/Packages', { size: 4096, mode: 0o644 })).toBe(false);
    expect(rpmAnalyzer.required('usr/share/rpm/Packages', { size: 4096, mode: 0o644 })).toBe(false);
    expect(rpmAnalyzer.maxFileSize).toBeGreaterThanOrEqual(512 * 1024 * 1024);
  });

  it('lists the sqlite database of a real rpm root, gpg-pubkey skipped', async () => {
    const dir = join(sqlite, 'rootfs/var/lib/rpm');
    const run = await runAnalyzer(rpmAnalyzer, [
      { files: { 'var/lib/rpm/rpmdb.sqlite': read(join(dir, 'rpmdb.sqlite')), 'var/lib/rpm/rpmdb.sqlite-wal': read(join(dir, 'rpmdb.sqlite-wal')) } },
    ]);
    expect(run.output.unknowns).toEqual([]);
    expectMatchesTruth(records(run), readTruth(sqlite));
    expect(run.output.packages?.every((p) => p.location === '/var/lib/rpm/rpmdb.sqlite' && p.layer?.index === 0)).toBe(true);
    const byName = new Map(records(run).map((r) => [r.name, r]));
    expect(byName.get('libddsuite1')?.source).toEqual({ name: 'dd-suite', version: '1:5.1-2.fc40' });
    expect(byName.get('dd-base')?.source).toEqual({ name: 'dd-base', version: '1.4.2-3.dd1' });
  });

  it('reads the NDB database under /usr/lib/sysimage/rpm', async () => {
    const run = await runAnalyzer(rpmAnalyzer, [
      { files: { 'usr/lib/sysimage/rpm/Packages.db': read(databasePath(ndb, 'ndb')) }, symlinks: { 'var/lib/rpm': '../../usr/lib/sysimage/rpm' } },
    ]);
    expectMatchesTruth(records(run), readTruth(ndb));
    expect(run.output.packages?.[0]?.location).toBe('/usr/lib/sysimage/rpm/Packages.db');
  });

  it('honours the WAL journal of the same layer and attributes packages to their layers', async () => {
    const wal = join(sqlite, 'wal');
    const run = await runAnalyzer(rpmAnalyzer, [
      { files: { 'var/lib/rpm/rpmdb.sqlite': read(databasePath(sqlite, 'sqlite')) } },
      { files: { 'var/lib/rpm/rpmdb.sqlite': read(join(wal, 'rpmdb.sqlite')), 'var/lib/rpm/rpmdb.sqlite-wal': read(join(wal, 'rpmdb.sqlite-wal')) } },
    ]);
    expectMatchesTruth(records(run), readTruth(wal));
    const layers = new Map(run.output.packages?.map((p) => [p.record.name, p.layer?.index]));
    expect(layers.get('dd-late')).toBe(1);
    expect(layers.get('dd-base')).toBe(0);
  });

  it('reports a journal that changed without its database', async () => {
    const wal = join(sqlite, 'wal');
    const run = await runAnalyzer(rpmAnalyzer, [
      { files: { 'var/lib/rpm/rpmdb.sqlite': read(join(wal, 'rpmdb.sqlite')) } },
      { files: { 'var/lib/rpm/rpmdb.sqlite-wal': read(join(wal, 'rpmdb.sqlite-wal')) } },
    ]);
    expect(records(run).map((r) => r.name)).not.toContain('dd-late');
    expect(run.output.unknowns).toEqual([
      expect.objectContaining({ path: '/var/lib/rpm/rpmdb.sqlite-wal', source: 'rpm', reason: expect.stringMatching(/journal changed in a layer where rpmdb.sqlite did not/) }),
    ]);
  });

  it('prefers the newest format when one directory holds several databases', async () => {
    const run = await runAnalyzer(rpmAnalyzer, [
      { files: { 'var/lib/rpm/Packages': read(databasePath(bdb, 'bdb')) } },
      { files: { 'var/lib/rpm/rpmdb.sqlite': read(databasePath(sqlite, 'sqlite')) } },
    ]);
    expectMatchesTruth(records(run), readTruth(sqlite));
    expect(run.output.unknowns).toEqual([
      expect.objectContaining({ path: '/var/lib/rpm/Packages', reason: 'ignored: 6 packages in an older database format beside /var/lib/rpm/rpmdb.sqlite' }),
    ]);
  });

  it('turns an unreadable database into an unknown', async () => {
    const run = await runAnalyzer(rpmAnalyzer, [{ files: { 'var/lib/rpm/Packages': Buffer.from('definitely not berkeley db') } }]);
    expect(run.output.packages).toEqual([]);
    expect(run.output.unknowns).toEqual([
      { path: '/var/lib/rpm/Packages', layer: { index: 0 }, source: 'rpm', reason: expect.stringMatching(/^unreadable rpm database: not an rpm database/) },
    ]);
  });

  it('keeps the other packages when one header lacks a required tag', async () => {
    const copy = join(work, 'rpmdb.sqlite');
    copyFileSync(databasePath(sqlite, 'sqlite'), copy);
    const db = new Database(copy);
    const { blob } = db.prepare('SELECT blob FROM Packages WHERE hnum = 2').get() as { blob: Buffer };
    for (let i = 0; i < blob.readUInt32BE(0); i++) if (blob.readInt32BE(8 + i * 16) === 1002) blob.writeInt32BE(999_999, 8 + i * 16);
    db.prepare('UPDATE Packages SET blob = ? WHERE hnum = 2').run(blob);
    db.close();
    const run = await runAnalyzer(rpmAnalyzer, [{ files: { 'var/lib/rpm/rpmdb.sqlite': readFileSync(copy) } }]);
    expect(run.results[0]?.[0]?.unknowns).toEqual(['header #2: header has no RELEASE tag']);
    const truth = readTruth(sqlite);
    expect(records(run).map((r) => r.name)).toEqual(truth.filter((t) => t.instance !== 2 && t.name !== 'gpg-pubkey').map((t) => t.name));
  });
});
