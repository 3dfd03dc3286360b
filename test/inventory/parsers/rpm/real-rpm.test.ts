import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { formatEvr, listRpmPackages, type RpmPackage } from '../../../../src/inventory/parsers/rpm/index.js';
import { databasePath, readTruth, rpmRoot, type Backend, type TruthPackage } from './fixtures.js';

/**
 * Databases written by the real rpm 4.18 (scripts/fixtures/rpm-root.sh) against what `rpm -qa`
 * reports for them: every package, in rpm's order, with every field and file.
 */

const BACKENDS: Backend[] = ['sqlite', 'bdb', 'ndb'];
const roots = new Map<Backend, string>();

beforeAll(() => {
  for (const backend of BACKENDS) roots.set(backend, rpmRoot(backend));
});

function root(backend: Backend): string {
  const out = roots.get(backend);
  if (out === undefined) throw new Error(`fixture ${backend} was not built`);
  return out;
}

function expectMatchesTruth(packages: RpmPackage[], truth: TruthPackage[]): void {
  expect(packages.map((p) => p.name)).toEqual(truth.map((t) => t.name));
  for (const [i, want] of truth.entries()) {
    const got = packages[i];
    const { evr, ...fields } = want;
    expect(got, want.name).toEqual(fields);
    if (got !== undefined) expect(formatEvr(got.epoch, got.version, got.release)).toBe(evr);
  }
}

describe.each(BACKENDS)('rpm database written for backend %s', (backend) => {
  it('lists exactly what rpm -qa lists, in the same order', () => {
    const listing = listRpmPackages(readFileSync(databasePath(root(backend), backend)));
    expect(listing.format).toBe(backend);
    expect(listing.problems).toEqual([]);
    expectMatchesTruth(listing.packages, readTruth(root(backend)));
  });

  it('covers the cases the fixture was built for', () => {
    const truth = readTruth(root(backend));
    const byName = new Map(truth.map((t) => [t.name, t]));
    // Guards against a fixture that silently lost its interesting packages.
    expect(byName.get('dd-epoch')?.epoch).toBe(7);
    expect(byName.get('dd-meta')?.epoch).toBe(0);
    expect(byName.get('dd-meta')?.files).toEqual([]);
    expect(byName.get('dd-noarch')?.modularityLabel).toBe('ddmod:1.0:20231114:c0ffee42');
    expect(byName.get('libddsuite1')?.sourceRpm).toBe('dd-suite-5.1-2.fc40.src.rpm');
    expect(byName.get('gpg-pubkey')).toBeDefined();
    expect(byName.get('dd-base')?.files.length).toBeGreaterThan(150);
    expect(byName.has('dd-late')).toBe(false); // installed, then erased
  });
});

describe('rpmdb.sqlite with a write-ahead log', () => {
  const walDir = (): string => join(root('sqlite'), 'wal');

  it('includes the transaction that lives only in the -wal journal', () => {
    const db = readFileSync(join(walDir(), 'rpmdb.sqlite'));
    const wal = readFileSync(join(walDir(), 'rpmdb.sqlite-wal'));
    expect(wal.length).toBeGreaterThan(0);
    const listing = listRpmPackages(db, { wal });
    expect(listing.problems).toEqual([]);
    const truth = readTruth(walDir());
    expect(truth.at(-1)?.name).toBe('dd-late');
    expectMatchesTruth(listing.packages, truth);
  });

  it('misses that transaction when the journal is not given', () => {
    const listing = listRpmPackages(readFileSync(join(walDir(), 'rpmdb.sqlite')));
    expectMatchesTruth(listing.packages, readTruth(walDir()).slice(0, -1));
  });

  it('ignores an empty journal', () => {
    const listing = listRpmPackages(readFileSync(join(walDir(), 'rpmdb.sqlite')), { wal: Buffer.alloc(0) });
    expect(listing.packages.map((p) => p.name)).not.toContain('dd-late');
  });
});
