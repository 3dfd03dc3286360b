import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listRpmPackages } from '../../../../src/inventory/parsers/rpm/index.js';
import { CONFORMANCE, databasePath, pythonRpmList, pythonRpmWorks, rpmRoot } from './fixtures.js';

/**
 * Differential test against rpm's own library (Debian python3-rpm, rpm 4.18): the same database
 * files read through `rpm.TransactionSet().dbMatch()` (sqlite and bdb_ro backends; this rpm has
 * no ndb backend). Every package, field, file and header number must agree, in rpm's order.
 */

interface Target {
  name: string;
  backend: 'sqlite' | 'bdb_ro';
  /** [source file, name rpm expects in the dbpath] */
  files: () => [string, string][];
}

let work = '';
let sqliteRoot = '';
let bdbRoot = '';
beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'drydock-rpm-diff-'));
  expect(pythonRpmWorks(), 'python3-rpm (Debian package python3-rpm) must be installed for this test').toBe(true);
  sqliteRoot = rpmRoot('sqlite');
  bdbRoot = rpmRoot('bdb');
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

const targets: Target[] = [
  { name: 'conformance BDB libuuid', backend: 'bdb_ro', files: () => [[join(CONFORMANCE, 'libuuid__Packages'), 'Packages']] },
  {
    name: 'conformance SQLite CBL-Mariner 2.0',
    backend: 'sqlite',
    files: () => [[join(CONFORMANCE, 'cbl-mariner-2.0__rpmdb.sqlite'), 'rpmdb.sqlite']],
  },
  { name: 'rpm-root.sh sqlite', backend: 'sqlite', files: () => [[databasePath(sqliteRoot, 'sqlite'), 'rpmdb.sqlite']] },
  { name: 'rpm-root.sh bdb', backend: 'bdb_ro', files: () => [[databasePath(bdbRoot, 'bdb'), 'Packages']] },
  {
    name: 'rpm-root.sh sqlite + WAL',
    backend: 'sqlite',
    files: () => [
      [join(sqliteRoot, 'wal/rpmdb.sqlite'), 'rpmdb.sqlite'],
      [join(sqliteRoot, 'wal/rpmdb.sqlite-wal'), 'rpmdb.sqlite-wal'],
    ],
  },
];

describe.each(targets.map((t) => [t.name, t] as const))('python3-rpm agrees on %s', (name, target) => {
  it('every package, field, file and header number', () => {
    const dbpath = join(work, name.replace(/\W+/g, '-'));
    const files = target.files();
    mkdirSync(dbpath, { recursive: true });
    for (const [src, dst] of files) copyFileSync(src, join(dbpath, dst));
    const reference = pythonRpmList(dbpath, target.backend);
    const [db, wal] = files.map(([src]) => readFileSync(src));
    const listing = listRpmPackages(db ?? Buffer.alloc(0), wal === undefined ? {} : { wal });
    expect(listing.problems).toEqual([]);
    expect(reference.length).toBeGreaterThan(0);
    expect(listing.packages).toEqual(reference);
  });
});
