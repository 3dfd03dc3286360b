import Database from 'better-sqlite3';
import { AppError, errorMessage } from '../../core/errors.js';
import type { ImportSink } from '../importer.js';
import type { Advisory, AffectedPackage, CveRecord, EpssEntry, KevEntry } from '../model.js';
import { decodeBody, dictionaryBuffer, encodeBody, encodeEntry, isAffectedStatus, ZDICT, type CompactEntry } from './codec.js';
import { withoutCoveredVersions } from './listed-versions.js';
import { advisoryBody, cveBody, kevBody, mergeFields, readAdvisoryBody, type AdvisoryFields } from './records.js';
import { APPLICATION_ID, DDL, META, SCHEMA_VERSION } from './schema.js';

/** One feed import: which importer read which location. */
export interface FeedRowInput {
  kind: string;
  location: string;
  importerVersion: number;
}

export interface FeedStats {
  /** Advisory records received (a merged duplicate counts once per record). */
  advisories: number;
  /** Records whose (feed, id) was already stored and were merged into it. */
  merged: number;
  cves: number;
  kev: number;
  epss: number;
  warnings: number;
  /** The first `MAX_WARNING_SAMPLES` warnings, verbatim. */
  warningSamples: string[];
}

export const MAX_WARNING_SAMPLES = 20;

type Stmt = Database.Statement;

/** The statements the sinks use, prepared once per DB. */
interface Statements {
  insNamespace: Stmt;
  insSource: Stmt;
  insAdvisory: Stmt;
  getAdvisoryBody: Stmt;
  setAdvisoryBody: Stmt;
  insAffected: Stmt;
  delAffected: Stmt;
  insAlias: Stmt;
  putCve: Stmt;
  putKev: Stmt;
  putEpss: Stmt;
}

/**
 * Writes a new advisory DB file (never an existing one: the caller writes a temporary file and
 * renames it). Everything happens in one transaction with journaling off — a failed build is thrown
 * away, never rolled back. Records are unique per (feed, id): a later record with the same key is
 * merged into the stored one (see `mergeFields`; its affected packages replace those of the same
 * namespace and name), which is how feeds split per release (Alpine secdb) assemble one advisory.
 */
export class AdvisoryDbWriter {
  private readonly db: Database.Database;
  private readonly st: Statements;
  private readonly dict = dictionaryBuffer(ZDICT);
  private readonly namespaces = new Map<string, number>();
  private readonly sources = new Map<string, number>();
  private readonly keys = new Map<string, number>();
  private closed = false;

  private constructor(db: Database.Database) {
    this.db = db;
    const p = (sql: string): Stmt => db.prepare(sql);
    this.st = {
      insNamespace: p('INSERT INTO namespace (name) VALUES (?)'),
      insSource: p('INSERT INTO source (name) VALUES (?)'),
      insAdvisory: p('INSERT INTO advisory (source, id, body) VALUES (?, ?, ?)'),
      getAdvisoryBody: p('SELECT body FROM advisory WHERE key = ?').pluck(),
      setAdvisoryBody: p('UPDATE advisory SET body = ? WHERE key = ?'),
      insAffected: p('INSERT INTO affected (advisory, namespace, name, entries) VALUES (?, ?, ?, ?)'),
      delAffected: p('DELETE FROM affected WHERE namespace = ? AND name = ? AND advisory = ?'),
      insAlias: p('INSERT OR IGNORE INTO alias (alias, advisory) VALUES (?, ?)'),
      putCve: p('INSERT OR REPLACE INTO cve (id, body) VALUES (?, ?)'),
      putKev: p('INSERT OR REPLACE INTO kev (cve, body) VALUES (?, ?)'),
      putEpss: p('INSERT OR REPLACE INTO epss (cve, score, percentile, date) VALUES (?, ?, ?, ?)'),
    };
  }

  /** Create the schema in a new (empty or absent) file. */
  static create(path: string): AdvisoryDbWriter {
    let db: Database.Database | undefined;
    try {
      db = new Database(path);
      db.pragma('journal_mode = OFF');
      db.pragma('synchronous = OFF');
      db.pragma('locking_mode = EXCLUSIVE');
      db.pragma('cache_size = -65536');
      db.pragma('temp_store = MEMORY');
      db.exec(DDL);
      db.prepare('INSERT INTO meta (key, value) VALUES (?, ?)').run(META.zdict, ZDICT);
      db.exec('BEGIN');
      return new AdvisoryDbWriter(db);
    } catch (err) {
      db?.close();
      throw new AppError('INPUT', `cannot create advisory DB ${path}: ${errorMessage(err)}`, { cause: err });
    }
  }

  /** A sink for one feed import; call `endFeed` with it when the importer is done. */
  sink(feed: FeedRowInput, onProgress?: (stats: FeedStats) => void): FeedSink {
    return new FeedSink(this, feed, onProgress);
  }

  endFeed(sink: FeedSink, done: { importedAt: Date; snapshot?: string | undefined; documents?: unknown }): void {
    const s = sink.stats;
    this.db
      .prepare(
        `INSERT INTO feed (kind, location, importer_version, snapshot, imported_at, advisories, cves, warnings, warning_samples, documents)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        sink.feed.kind,
        sink.feed.location,
        sink.feed.importerVersion,
        done.snapshot ?? null,
        done.importedAt.toISOString(),
        s.advisories,
        s.cves + s.kev + s.epss,
        s.warnings,
        JSON.stringify(s.warningSamples),
        done.documents === undefined ? null : JSON.stringify(done.documents),
      );
  }

  /** Commit, stamp the schema version (a file without it is not a finished DB), compact and close. */
  finish(meta: { builtAt: Date; toolVersion: string }): void {
    const put = this.db.prepare('INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)');
    put.run(META.schemaVersion, String(SCHEMA_VERSION));
    put.run(META.builtAt, meta.builtAt.toISOString());
    put.run(META.toolVersion, meta.toolVersion);
    this.db.exec('COMMIT');
    const free = this.db.pragma('freelist_count', { simple: true }) as number;
    const pages = this.db.pragma('page_count', { simple: true }) as number;
    if (free > pages / 50) this.db.exec('VACUUM');
    this.db.pragma(`application_id = ${APPLICATION_ID}`);
    this.db.pragma(`user_version = ${SCHEMA_VERSION}`);
    this.db.pragma('journal_mode = DELETE');
    this.close();
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.db.close();
  }

  // ------------------------------------------------------------------ used by FeedSink

  private intern(map: Map<string, number>, stmt: Stmt, name: string): number {
    let id = map.get(name);
    if (id === undefined) {
      id = Number(stmt.run(name).lastInsertRowid);
      map.set(name, id);
    }
    return id;
  }

  /** Store one advisory; returns true when it was merged into an earlier record of the same key. */
  putAdvisory(a: Advisory, source: string, packages: Map<string, { namespace: string; name: string; entries: CompactEntry[] }>): boolean {
    const sourceId = this.intern(this.sources, this.st.insSource, source);
    const pk: Array<[number, string]> = [];
    for (const p of packages.values()) pk.push([this.intern(this.namespaces, this.st.insNamespace, p.namespace), p.name]);
    const dedupeKey = `${sourceId}\u0000${a.id}`;
    const existing = this.keys.get(dedupeKey);
    let key: number;
    if (existing === undefined) {
      key = Number(this.st.insAdvisory.run(sourceId, a.id, encodeBody(advisoryBody(a, pk), this.dict)).lastInsertRowid);
      this.keys.set(dedupeKey, key);
    } else {
      key = existing;
      const old = readAdvisoryBody(decodeBody(this.st.getAdvisoryBody.get(key), this.dict, `advisory ${a.id}`), `advisory ${a.id}`);
      const fields: AdvisoryFields = mergeFields(old.fields, a);
      const known = new Set(old.pk.map(([ns, name]) => `${ns}\u0000${name}`));
      const allPk = [...old.pk, ...pk.filter(([ns, name]) => !known.has(`${ns}\u0000${name}`))];
      this.st.setAdvisoryBody.run(encodeBody(advisoryBody(fields, allPk), this.dict), key);
      for (const [ns, name] of pk) if (known.has(`${ns}\u0000${name}`)) this.st.delAffected.run(ns, name, key);
    }
    let i = 0;
    for (const p of packages.values()) {
      const [ns] = pk[i++] as [number, string];
      this.st.insAffected.run(key, ns, p.name, JSON.stringify(p.entries));
    }
    for (const alias of a.aliases) if (alias !== a.id) this.st.insAlias.run(alias, key);
    return existing !== undefined;
  }

  putCve(r: CveRecord): void {
    this.st.putCve.run(r.id, encodeBody(cveBody(r), this.dict));
  }

  putKev(k: KevEntry): void {
    this.st.putKev.run(k.cve, kevBody(k));
  }

  putEpss(e: EpssEntry): void {
    this.st.putEpss.run(e.cve, e.score, e.percentile, e.date ?? null);
  }
}

function validAffected(p: AffectedPackage): string | undefined {
  if (typeof p.namespace !== 'string' || p.namespace === '') return 'an affected package without namespace';
  if (typeof p.name !== 'string' || p.name === '') return `an affected package without name in ${p.namespace}`;
  if (!isAffectedStatus(p.status)) return `unknown status ${String(p.status)} for ${p.namespace}/${p.name}`;
  if (!Array.isArray(p.ranges) || !Array.isArray(p.versions)) return `${p.namespace}/${p.name} without ranges/versions lists`;
  return undefined;
}

const PROGRESS_EVERY = 1000;

/** The ImportSink of one feed import: validates records cheaply, counts, and hands them to the writer. */
export class FeedSink implements ImportSink {
  readonly stats: FeedStats = { advisories: 0, merged: 0, cves: 0, kev: 0, epss: 0, warnings: 0, warningSamples: [] };
  private records = 0;

  constructor(
    private readonly writer: AdvisoryDbWriter,
    readonly feed: FeedRowInput,
    private readonly onProgress?: (stats: FeedStats) => void,
  ) {}

  private tick(): void {
    if (this.onProgress !== undefined && ++this.records % PROGRESS_EVERY === 0) this.onProgress(this.stats);
  }

  advisory(a: Advisory): void {
    if (typeof a.id !== 'string' || a.id === '') return this.warn('an advisory without id was skipped');
    const packages = new Map<string, { namespace: string; name: string; entries: CompactEntry[] }>();
    for (const p of a.affected) {
      const problem = validAffected(p);
      if (problem !== undefined) {
        this.warn(`${a.id}: ${problem} was skipped`);
        continue;
      }
      const k = `${p.namespace}\u0000${p.name}`;
      let group = packages.get(k);
      if (group === undefined) packages.set(k, (group = { namespace: p.namespace, name: p.name, entries: [] }));
      group.entries.push(encodeEntry(withoutCoveredVersions(p)));
    }
    if (this.writer.putAdvisory(a, a.feed || this.feed.kind, packages)) this.stats.merged++;
    this.stats.advisories++;
    this.tick();
  }

  cve(r: CveRecord): void {
    if (typeof r.id !== 'string' || r.id === '') return this.warn('a CVE record without id was skipped');
    this.writer.putCve(r);
    this.stats.cves++;
    this.tick();
  }

  kev(k: KevEntry): void {
    if (typeof k.cve !== 'string' || k.cve === '') return this.warn('a KEV entry without CVE id was skipped');
    this.writer.putKev(k);
    this.stats.kev++;
    this.tick();
  }

  epss(e: EpssEntry): void {
    if (typeof e.cve !== 'string' || e.cve === '' || !Number.isFinite(e.score) || !Number.isFinite(e.percentile)) {
      return this.warn(`an EPSS entry with a bad CVE id or score was skipped (${String(e.cve)})`);
    }
    this.writer.putEpss(e);
    this.stats.epss++;
    this.tick();
  }

  warn(message: string): void {
    this.stats.warnings++;
    if (this.stats.warningSamples.length < MAX_WARNING_SAMPLES) this.stats.warningSamples.push(message);
  }
}
