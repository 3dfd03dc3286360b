import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../../../src/core/errors.js';
import { listRpmPackages } from '../../../../src/inventory/parsers/rpm/index.js';
import { readSqlitePackages } from '../../../../src/inventory/parsers/rpm/sqlite.js';
import { CONFORMANCE } from './fixtures.js';

/** Hostile and odd SQLite files, made with the real SQLite (better-sqlite3). */

let work = '';
let realBlob: Buffer = Buffer.alloc(0);

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'drydock-rpm-sqlite-'));
  realBlob = readSqlitePackages(readFileSync(join(CONFORMANCE, 'cbl-mariner-2.0__rpmdb.sqlite'))).headers[0]?.blob ?? realBlob;
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

let n = 0;
/** A fresh SQLite database made by running `sql`, returned as bytes (rollback journal, no WAL). */
function sqliteWith(sql: string, rows: [unknown, unknown][] = []): Buffer {
  const path = join(work, `db${n++}.sqlite`);
  const db = new Database(path);
  db.exec(sql);
  for (const row of rows) db.prepare('INSERT INTO Packages (hnum, blob) VALUES (?, ?)').run(...row);
  db.close();
  return readFileSync(path);
}

const TABLE = 'CREATE TABLE Packages (hnum INTEGER PRIMARY KEY AUTOINCREMENT, blob BLOB NOT NULL);';

describe('rpmdb.sqlite', () => {
  it('reads rows in hnum order and reports rows that are not headers', () => {
    const db = sqliteWith('CREATE TABLE Packages (hnum, blob);', [
      [7, realBlob],
      [3, realBlob],
      [5, null],
      [6, 'text, not a blob'],
      ['x', realBlob],
    ]);
    const raw = readSqlitePackages(db);
    expect(raw.headers.map((h) => h.instance)).toEqual([3, 7]);
    expect(raw.problems).toEqual([
      'header #5: blob is NULL, not a BLOB',
      'header #6: blob is string, not a BLOB',
      'row with hnum x: not a header number',
    ]);
    expect(listRpmPackages(db).packages.map((p) => p.name)).toEqual(['mariner-release', 'mariner-release']);
  });

  it.each([
    ['no Packages table', 'CREATE TABLE Other (x);', /no Packages table/],
    ['a view', 'CREATE TABLE t (hnum, blob); CREATE VIEW Packages AS SELECT * FROM t;', /Packages is a view, not a table/],
    ['a generated blob column', 'CREATE TABLE Packages (hnum INTEGER, blob AS (zeroblob(1000000000)));', /generated or hidden column/],
    ['a missing column', 'CREATE TABLE Packages (hnum INTEGER, data BLOB);', /has no blob column/],
  ])('refuses %s', (_what, sql, message) => {
    expect(() => readSqlitePackages(sqliteWith(sql))).toThrow(message);
  });

  it('turns an unreadable file into an INPUT error', () => {
    const garbage = Buffer.concat([Buffer.from('SQLite format 3\0', 'latin1'), Buffer.alloc(8192, 0xa5)]);
    expect(() => readSqlitePackages(garbage)).toThrow(expect.objectContaining({ code: 'INPUT', message: expect.stringMatching(/^rpmdb.sqlite: /) }));
    expect(() => readSqlitePackages(Buffer.from('not sqlite'))).toThrow(/not an SQLite 3 database/);
  });

  it('survives truncation', () => {
    const full = readFileSync(join(CONFORMANCE, 'cbl-mariner-2.0__rpmdb.sqlite'));
    for (const fraction of [0.01, 0.25, 0.5, 0.9]) {
      try {
        const listing = listRpmPackages(full.subarray(0, Math.floor(full.length * fraction)));
        expect(listing.packages.length).toBeLessThan(129);
      } catch (err) {
        expect(err).toBeInstanceOf(AppError);
      }
    }
  });

  it('accepts a database written without a WAL', () => {
    expect(readSqlitePackages(sqliteWith(TABLE, [[1, realBlob]])).headers).toHaveLength(1);
  });
});
