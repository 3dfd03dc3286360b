/**
 * The advisory DB's SQLite schema (see docs/vulndb.md). One file per DB, written once by `db build` /
 * `db update` into a temporary file and renamed into place, then only read: no WAL, no migrations —
 * a DB of another schema version is rebuilt, never upgraded in place.
 *
 * Layout, for lookup by (namespace, package name):
 *   affected   one row per (advisory, namespace, name): the entries of that package, compact JSON
 *   advisory   one row per (source feed, id): the details, compact JSON text (a deflated BLOB when large)
 *   alias      alias → advisory key, for `findById` (`drydock explain`)
 *   cve / kev / epss   per-CVE enrichment, keyed by CVE id
 *   namespace / source interned strings; meta / feed: provenance, shown by `db status` and scans
 */

/** Bumped on any change of tables or encodings; readers refuse every other version. */
export const SCHEMA_VERSION = 2;

/** `PRAGMA application_id` of a drydock advisory DB: "DRYD" in ASCII. */
export const APPLICATION_ID = 0x44525944;

export const DDL = `
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE feed (
  seq INTEGER PRIMARY KEY,
  kind TEXT NOT NULL,
  location TEXT NOT NULL,
  importer_version INTEGER NOT NULL,
  snapshot TEXT,
  imported_at TEXT NOT NULL,
  advisories INTEGER NOT NULL,
  cves INTEGER NOT NULL,
  warnings INTEGER NOT NULL,
  warning_samples TEXT NOT NULL,
  documents TEXT
);
CREATE TABLE namespace (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE);
CREATE TABLE source (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE);
CREATE TABLE advisory (
  key INTEGER PRIMARY KEY,
  source INTEGER NOT NULL,
  id TEXT NOT NULL,
  body BLOB NOT NULL
);
CREATE TABLE affected (
  advisory INTEGER NOT NULL,
  namespace INTEGER NOT NULL,
  name TEXT NOT NULL,
  entries TEXT NOT NULL
);
CREATE TABLE alias (alias TEXT NOT NULL, advisory INTEGER NOT NULL, PRIMARY KEY (alias, advisory)) WITHOUT ROWID;
CREATE TABLE cve (id TEXT PRIMARY KEY, body BLOB NOT NULL) WITHOUT ROWID;
CREATE TABLE kev (cve TEXT PRIMARY KEY, body TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE epss (cve TEXT PRIMARY KEY, score REAL NOT NULL, percentile REAL NOT NULL, date TEXT) WITHOUT ROWID;
CREATE UNIQUE INDEX advisory_by_id ON advisory (id, source);
CREATE INDEX affected_by_package ON affected (namespace, name);
`;

/** Keys of the `meta` table. */
export const META = {
  schemaVersion: 'schema_version',
  builtAt: 'built_at',
  toolVersion: 'tool_version',
  /** The deflate dictionary the `advisory`/`cve` bodies were compressed with (latin1 text). */
  zdict: 'zdict',
} as const;
