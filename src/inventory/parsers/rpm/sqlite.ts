import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type Database from 'better-sqlite3';
import { createRequire } from 'node:module';
import { AppError, errorMessage } from '../../../core/errors.js';
import { ProblemList, type RawDatabase, type RawHeader } from './database.js';

/**
 * Reader for rpm >= 4.16's SQLite package database (`rpmdb.sqlite`, table
 * `Packages(hnum INTEGER PRIMARY KEY, blob BLOB)`). rpm runs it in WAL mode, so recent changes may
 * live only in `rpmdb.sqlite-wal`; SQLite applies them when both files sit side by side. The bytes
 * are therefore written to a private temporary directory, opened read-only and deleted again.
 */

const MAGIC = Buffer.from('SQLite format 3\0', 'latin1');

export function isSqlite(buf: Buffer): boolean {
  return buf.length >= MAGIC.length && buf.subarray(0, MAGIC.length).equals(MAGIC);
}

interface Row {
  hnum: unknown;
  blob: unknown;
}

/** Refuse schemas that would make a plain SELECT run someone else's SQL (views, generated columns). */
/** better-sqlite3 is a native module: load it only when an image actually has an rpmdb.sqlite. */
let sqlite: typeof Database | undefined;
function openSqlite(): typeof Database {
  sqlite ??= createRequire(import.meta.url)('better-sqlite3') as typeof Database;
  return sqlite;
}

function checkSchema(db: Database.Database): void {
  const table = db.prepare("SELECT type FROM sqlite_schema WHERE name = 'Packages'").get() as { type: string } | undefined;
  if (table === undefined) throw new AppError('INPUT', 'rpmdb.sqlite: no Packages table');
  if (table.type !== 'table') throw new AppError('INPUT', `rpmdb.sqlite: Packages is a ${table.type}, not a table`);
  const columns = db.prepare("SELECT name, hidden FROM pragma_table_xinfo('Packages')").all() as { name: string; hidden: number }[];
  for (const name of ['hnum', 'blob']) {
    const column = columns.find((c) => c.name === name);
    if (column === undefined) throw new AppError('INPUT', `rpmdb.sqlite: Packages has no ${name} column`);
    if (column.hidden !== 0) throw new AppError('INPUT', `rpmdb.sqlite: Packages.${name} is a generated or hidden column`);
  }
}

function readRows(db: Database.Database): RawDatabase {
  checkSchema(db);
  const headers: RawHeader[] = [];
  const problems = new ProblemList();
  const rows = db.prepare('SELECT hnum, blob FROM Packages ORDER BY hnum').iterate() as IterableIterator<Row>;
  for (const row of rows) {
    if (typeof row.hnum !== 'number' || !Number.isSafeInteger(row.hnum) || row.hnum < 0) {
      problems.add(`row with hnum ${String(row.hnum)}: not a header number`);
    } else if (!Buffer.isBuffer(row.blob)) {
      problems.add(`header #${row.hnum}: blob is ${row.blob === null ? 'NULL' : typeof row.blob}, not a BLOB`);
    } else {
      headers.push({ instance: row.hnum, blob: row.blob });
    }
  }
  return { headers, problems: problems.toArray() };
}

/**
 * Every header blob of an `rpmdb.sqlite` (with its `-wal` journal when given), in hnum order as
 * rpm lists them. Throws AppError('INPUT') when SQLite cannot read the file or the schema is wrong.
 */
export function readSqlitePackages(main: Buffer, wal?: Buffer, scratchRoot: string = tmpdir()): RawDatabase {
  if (!isSqlite(main)) throw new AppError('INPUT', 'rpmdb.sqlite: not an SQLite 3 database');
  // SQLite reads files, not buffers-with-journals: a private copy in scratch space, removed after.
  const dir = mkdtempSync(join(scratchRoot, 'drydock-rpmdb-'));
  try {
    const path = join(dir, 'rpmdb.sqlite');
    writeFileSync(path, main, { mode: 0o600 });
    if (wal !== undefined && wal.length > 0) writeFileSync(`${path}-wal`, wal, { mode: 0o600 });
    let db: Database.Database | undefined;
    try {
      db = new (openSqlite())(path, { readonly: true, fileMustExist: true });
      return readRows(db);
    } catch (err) {
      if (err instanceof AppError) throw err;
      throw new AppError('INPUT', `rpmdb.sqlite: ${errorMessage(err)}`, { cause: err });
    } finally {
      db?.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
