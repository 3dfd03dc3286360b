import { AppError, errorMessage } from '../../../core/errors.js';
import { isBdbHash, readBdbPackages } from './bdb.js';
import { MAX_PROBLEMS, type RawDatabase } from './database.js';
import { parseHeaderBlob } from './header.js';
import { isNdb, readNdbPackages } from './ndb.js';
import { packageFromHeader, type RpmPackage } from './package.js';
import { isSqlite, readSqlitePackages } from './sqlite.js';

export type { RpmPackage } from './package.js';
export { formatEvr, parseSourceRpm } from './package.js';

export type RpmDbFormat = 'bdb' | 'ndb' | 'sqlite';

/** Which rpmdb backend wrote these bytes (by magic number), or undefined. */
export function sniffRpmDb(buf: Buffer): RpmDbFormat | undefined {
  if (isSqlite(buf)) return 'sqlite';
  if (isNdb(buf)) return 'ndb';
  if (isBdbHash(buf)) return 'bdb';
  return undefined;
}

export interface RpmDbListing {
  format: RpmDbFormat;
  /** Every package, `gpg-pubkey` entries included, in the order `rpm -qa` lists them. */
  packages: RpmPackage[];
  /** Records or headers that could not be read (at most about MAX_PROBLEMS). */
  problems: string[];
}

export interface ListOptions {
  /** Contents of `rpmdb.sqlite-wal`, read together with an SQLite database. */
  wal?: Buffer;
  /** Where an SQLite database is copied to be opened (default: the OS temp dir). */
  scratchDir?: string;
}

function readRaw(format: RpmDbFormat, db: Buffer, options: ListOptions): RawDatabase {
  switch (format) {
    case 'sqlite':
      return readSqlitePackages(db, options.wal, options.scratchDir);
    case 'ndb':
      return readNdbPackages(db);
    case 'bdb':
      return readBdbPackages(db);
  }
}

/**
 * List the packages of an rpm database in any of the three formats. Throws AppError when the file
 * is not an rpm database or is unreadable as a whole; damaged records and headers are skipped and
 * described in `problems`.
 */
export function listRpmPackages(db: Buffer, options: ListOptions = {}): RpmDbListing {
  const format = sniffRpmDb(db);
  if (format === undefined) {
    throw new AppError('INPUT', `not an rpm database: no SQLite, NDB or Berkeley DB hash magic in ${db.length} bytes`);
  }
  const raw = readRaw(format, db, options);
  const packages: RpmPackage[] = [];
  const problems = [...raw.problems];
  let dropped = 0;
  for (const { instance, blob } of raw.headers) {
    const what = `header #${instance}`;
    try {
      packages.push(packageFromHeader(parseHeaderBlob(blob, what), instance, what));
    } catch (err) {
      if (problems.length < MAX_PROBLEMS) problems.push(errorMessage(err));
      else dropped++;
    }
  }
  if (dropped > 0) problems.push(`... and ${dropped} more unreadable headers`);
  return { format, packages, problems };
}
