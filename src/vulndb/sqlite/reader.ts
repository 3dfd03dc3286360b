import Database from 'better-sqlite3';
import { statSync } from 'node:fs';
import { AppError, errorMessage } from '../../core/errors.js';
import type { Advisory, EpssEntry } from '../model.js';
import {
  queryKey,
  type AdvisoryDetails,
  type AdvisoryStore,
  type AffectedMatch,
  type CveEnrichment,
  type DbInfo,
  type FeedInfo,
  type PackageQuery,
} from '../store.js';
import { decodeBody, decodeEntries, decodeEntriesInto, dictionaryBuffer } from './codec.js';
import { readAdvisoryBody, readAdvisoryFields, readCveBody, readKevBody } from './records.js';
import { APPLICATION_ID, META, SCHEMA_VERSION } from './schema.js';

type Stmt = Database.Statement;

const LOOKUP_BATCH = 5000;

/** How much of the DB file reads map (the whole of any real DB). */
const MMAP_BYTES = 2 ** 30;

/** Extra per-feed data `db status --format json` and `db update` read (not part of the store contract). */
export interface FeedRow extends FeedInfo {
  warningSamples: string[];
  /** Remote documents and their validators (see sources/http.ts); undefined for local feeds. */
  documents?: unknown;
}

function notOurs(path: string, why: string): AppError {
  return new AppError('INPUT', `${path} is not a drydock advisory DB (${why}); build one with "drydock db update" or "drydock db build"`);
}

/** Open a DB read-only and check it is a finished drydock DB of this schema version. */
function openChecked(path: string): Database.Database {
  const st = statSync(path, { throwIfNoEntry: false });
  if (st === undefined) throw new AppError('NOT_FOUND', `no advisory DB at ${path}: run "drydock db update" (or "drydock db build") first`);
  if (!st.isFile()) throw notOurs(path, 'not a regular file');
  let db: Database.Database;
  try {
    db = new Database(path, { readonly: true, fileMustExist: true });
  } catch (err) {
    if ((err as { code?: string }).code === 'SQLITE_CANTOPEN') {
      throw new AppError('NOT_FOUND', `no advisory DB at ${path}: run "drydock db update" (or "drydock db build") first`, { cause: err });
    }
    throw new AppError('INPUT', `cannot open advisory DB ${path}: ${errorMessage(err)}`, { cause: err });
  }
  try {
    const appId = db.pragma('application_id', { simple: true }) as number;
    const version = db.pragma('user_version', { simple: true }) as number;
    if (appId !== APPLICATION_ID) throw notOurs(path, appId === 0 ? 'no drydock application id' : `application id ${appId}`);
    if (version !== SCHEMA_VERSION) {
      throw new AppError(
        'INPUT',
        `advisory DB ${path} has schema version ${version}, this drydock reads version ${SCHEMA_VERSION}: rebuild it with "drydock db update"`,
      );
    }
    // Pages straight from the page cache instead of a read() copy each: a scan's few batched queries
    // touch pages all over the file (a 1,000-package lookup: 4–6 ms instead of 6–20). Safe here: the
    // DB is only read, and `db update` replaces the file by a rename, never truncating it in place.
    db.pragma(`mmap_size = ${MMAP_BYTES}`);
    return db;
  } catch (err) {
    db.close();
    if (err instanceof AppError) throw err;
    throw notOurs(path, errorMessage(err));
  }
}

/** Per-query statements, prepared once. */
interface Statements {
  affected: Stmt;
  advisory: Stmt;
  advisoryBatch: Stmt;
  byId: Stmt;
  affectedOf: Stmt;
  /** NVD record, KEV entry and EPSS score of each CVE id of a JSON array (NULLs where there is none). */
  cves: Stmt;
}

function byAdvisoryKey(a: AffectedMatch, b: AffectedMatch): number {
  return a.advisoryKey - b.advisoryKey;
}

/** The SQLite AdvisoryStore (schema.ts); open with `openAdvisoryDb`. Synchronous underneath. */
export class SqliteAdvisoryStore implements AdvisoryStore {
  private readonly st: Statements;
  private readonly dict: Buffer;
  private readonly nsIds = new Map<string, number>();
  private readonly nsNames = new Map<number, string>();
  private readonly sourceNames = new Map<number, string>();

  constructor(
    readonly path: string,
    private readonly db: Database.Database,
  ) {
    const p = (sql: string): Stmt => db.prepare(sql);
    this.st = {
      affected: p(
        `SELECT q.key, a.advisory, v.id, v.source, a.entries FROM json_each(?) q
         JOIN affected a ON a.namespace = q.value ->> 0 AND a.name = q.value ->> 1
         JOIN advisory v ON v.key = a.advisory`,
      ).raw(),
      advisory: p('SELECT source, id, body FROM advisory WHERE key = ?').raw(),
      advisoryBatch: p('SELECT v.key, v.source, v.id, v.body FROM json_each(?) q JOIN advisory v ON v.key = q.value').raw(),
      byId: p('SELECT key FROM advisory WHERE id = ? UNION SELECT advisory FROM alias WHERE alias = ? ORDER BY 1').pluck(),
      affectedOf: p('SELECT entries FROM affected WHERE namespace = ? AND name = ? AND advisory = ?').pluck(),
      cves: p(
        `SELECT q.value, c.body, k.body, e.score, e.percentile, e.date FROM json_each(?) q
         LEFT JOIN cve c ON c.id = q.value LEFT JOIN kev k ON k.cve = q.value LEFT JOIN epss e ON e.cve = q.value`,
      ).raw(),
    };
    const zdict = db.prepare('SELECT value FROM meta WHERE key = ?').pluck().get(META.zdict);
    if (typeof zdict !== 'string') throw notOurs(path, 'no compression dictionary');
    this.dict = dictionaryBuffer(zdict);
    for (const [id, name] of db.prepare('SELECT id, name FROM namespace').raw().all() as Array<[number, string]>) {
      this.nsIds.set(name, id);
      this.nsNames.set(id, name);
    }
    for (const [id, name] of db.prepare('SELECT id, name FROM source').raw().all() as Array<[number, string]>) this.sourceNames.set(id, name);
  }

  /**
   * One statement per batch: the queries go in as a JSON array joined against the (namespace, name)
   * index, which costs far less than one statement call per query (1,000 queries in ~1 ms).
   */
  async lookup(queries: readonly PackageQuery[]): Promise<Map<string, AffectedMatch[]>> {
    const out = new Map<string, AffectedMatch[]>();
    const wanted = new Map<string, PackageQuery>();
    for (let i = 0; i < queries.length; i++) {
      const q = queries[i] as PackageQuery;
      if (this.nsIds.has(q.namespace)) wanted.set(queryKey(q), q);
    }
    const list = [...wanted.entries()];
    for (let start = 0; start < list.length; start += LOOKUP_BATCH) {
      const batch = list.slice(start, start + LOOKUP_BATCH);
      const json = JSON.stringify(batch.map(([, q]) => [this.nsIds.get(q.namespace), q.name]));
      const rows = this.st.affected.all(json) as Array<[number, number, string, number, string]>;
      for (let r = 0; r < rows.length; r++) {
        // Rows by index, not destructured: destructuring runs the iterator protocol in V8's baseline tiers.
        const row = rows[r] as [number, number, string, number, string];
        const advisoryKey = row[1];
        const advisoryId = row[2];
        const entries = row[4];
        const query = batch[row[0]] as [string, PackageQuery];
        const key = query[0];
        const q = query[1];
        const source = row[3];
        const feed = this.sourceNames.get(source) ?? '';
        let matches = out.get(key);
        if (matches === undefined) out.set(key, (matches = []));
        decodeEntriesInto(entries, q.namespace, q.name, `affected ${advisoryId}`, matches, (affected, versionKeys): AffectedMatch => {
          const m: AffectedMatch = { advisoryKey, advisoryId, feed, affected };
          if (versionKeys !== undefined) m.versionKeys = versionKeys;
          return m;
        });
      }
    }
    // Advisory order within a package, whatever order SQLite returned the rows in (an ORDER BY in
    // the statement sorts the whole result, entries included, in a temporary B-tree: 3x the query).
    out.forEach((matches) => matches.sort(byAdvisoryKey));
    return out;
  }

  private details(key: number): (AdvisoryDetails & { pk: Array<[number, string]> }) | undefined {
    const row = this.st.advisory.get(key) as [number, string, unknown] | undefined;
    if (row === undefined) return undefined;
    const [source, id, body] = row;
    return this.decodeAdvisory(key, source, id, body);
  }

  private decodeAdvisory(key: number, source: number, id: string, body: unknown): AdvisoryDetails & { pk: Array<[number, string]> } {
    const { fields, pk } = readAdvisoryBody(decodeBody(body, this.dict, `advisory ${id}`), `advisory ${id}`);
    return { ...fields, id, feed: this.sourceNames.get(source) ?? '', key, pk };
  }

  /** One statement per batch of keys (as `lookup`): the matcher asks for hundreds at once. */
  async advisories(keys: readonly number[]): Promise<Map<number, AdvisoryDetails>> {
    const out = new Map<number, AdvisoryDetails>();
    const unique = [...new Set(keys)];
    for (let start = 0; start < unique.length; start += LOOKUP_BATCH) {
      // body: JSON text, or a deflated BLOB (codec.ts)
      const rows = this.st.advisoryBatch.all(JSON.stringify(unique.slice(start, start + LOOKUP_BATCH))) as Array<[number, number, string, unknown]>;
      for (let r = 0; r < rows.length; r++) {
        const row = rows[r] as [number, number, string, unknown];
        const key = row[0];
        const source = row[1];
        const id = row[2];
        const body = row[3];
        const what = `advisory ${id}`;
        const details = readAdvisoryFields(decodeBody(body, this.dict, what), what) as AdvisoryDetails;
        details.id = id;
        details.feed = this.sourceNames.get(source) ?? '';
        details.key = key;
        out.set(key, details);
      }
    }
    return out;
  }

  /** One statement per batch of ids (as `lookup`). */
  async cves(ids: readonly string[]): Promise<Map<string, CveEnrichment>> {
    const out = new Map<string, CveEnrichment>();
    const unique = [...new Set(ids)];
    for (let start = 0; start < unique.length; start += LOOKUP_BATCH) {
      const rows = this.st.cves.all(JSON.stringify(unique.slice(start, start + LOOKUP_BATCH))) as Array<[string, unknown, string | null, number | null, number | null, string | null]>;
      for (let r = 0; r < rows.length; r++) {
        const row = rows[r] as [string, unknown, string | null, number | null, number | null, string | null];
        const id = row[0];
        const body = row[1];
        const kev = row[2];
        const score = row[3];
        const percentile = row[4];
        const date = row[5];
        if (body === null && kev === null && score === null) continue;
        const e: CveEnrichment = {};
        if (body !== null) e.record = readCveBody(id, decodeBody(body, this.dict, `cve ${id}`), `cve ${id}`);
        if (kev !== null) e.kev = readKevBody(id, kev, `kev ${id}`);
        if (score !== null) {
          const entry: EpssEntry = { cve: id, score, percentile: percentile ?? 0 };
          if (date !== null) entry.date = date;
          e.epss = entry;
        }
        out.set(id, e);
      }
    }
    return out;
  }

  async findById(id: string): Promise<Advisory[]> {
    const out: Advisory[] = [];
    for (const key of this.st.byId.all(id, id) as number[]) {
      const d = this.details(key);
      if (d === undefined) continue;
      const { pk, key: _key, ...fields } = d;
      const affected = pk.flatMap(([ns, name]) => {
        const entries = this.st.affectedOf.get(ns, name, key);
        const namespace = this.nsNames.get(ns);
        return typeof entries === 'string' && namespace !== undefined ? decodeEntries(entries, namespace, name, `affected ${d.id}`) : [];
      });
      out.push({ ...fields, affected });
    }
    return out;
  }

  async info(): Promise<DbInfo> {
    return this.infoSync();
  }

  /** `info()` plus per-feed warning samples and document validators. */
  infoSync(): DbInfo & { feeds: FeedRow[]; toolVersion: string } {
    const meta = new Map(this.db.prepare('SELECT key, value FROM meta').raw().all() as Array<[string, string]>);
    const rows = this.db
      .prepare('SELECT kind, location, importer_version, snapshot, imported_at, advisories, cves, warnings, warning_samples, documents FROM feed ORDER BY seq')
      .raw()
      .all() as Array<[string, string, number, string | null, string, number, number, number, string, string | null]>;
    const feeds = rows.map(([kind, location, importerVersion, snapshot, importedAt, advisories, cves, warnings, samples, documents]): FeedRow => {
      const f: FeedRow = { id: kind, location, importerVersion, importedAt, advisories, cves, warnings, warningSamples: parseJson(samples, []) as string[] };
      if (snapshot !== null) f.snapshot = snapshot;
      if (documents !== null) f.documents = parseJson(documents, undefined);
      return f;
    });
    return {
      path: this.path,
      schemaVersion: Number(meta.get(META.schemaVersion) ?? 0),
      builtAt: meta.get(META.builtAt) ?? '',
      toolVersion: meta.get(META.toolVersion) ?? '',
      feeds,
    };
  }

  close(): void {
    if (this.db.open) this.db.close();
  }
}

function parseJson(text: string, fallback: unknown): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return fallback;
  }
}

/** Open an advisory DB for reading; AppError NOT_FOUND / INPUT with advice when it is missing, foreign or of another version. */
export function openAdvisoryDb(path: string): SqliteAdvisoryStore {
  const db = openChecked(path);
  try {
    return new SqliteAdvisoryStore(path, db);
  } catch (err) {
    db.close();
    if (err instanceof AppError) throw err;
    throw notOurs(path, errorMessage(err));
  }
}
