import { randomBytes } from 'node:crypto';
import { mkdir, open, readdir, rename, stat, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { AppError, errorMessage, isAppError } from '../core/errors.js';
import { TOOL_VERSION } from '../version.js';
import type { FeedSource, Importer } from './importer.js';
import type { FeedHttpOptions } from './sources/http-client.js';
import { redactUrl } from './sources/feed-url.js';
import { isUrlLocation, openFeedSource, type OpenFeedOptions } from './sources/open.js';
import { isTracked, unchangedSince } from './sources/revalidate.js';
import { RoutedFeedSource, routedLocation } from './sources/routed.js';
import { acquireLock, type LockOptions } from './sqlite/lock.js';
import { openAdvisoryDb, type FeedRow } from './sqlite/reader.js';
import { AdvisoryDbWriter, type FeedStats } from './sqlite/writer.js';

/** One `--feed KIND=LOCATION`, or an importer's default feed. */
export interface FeedSpec {
  importer: Importer;
  location: string;
  /** Set for a feed read from several URLs (relPath → URL; sources/routed.ts): `location` is then only its label. */
  documents?: Readonly<Record<string, string>>;
}

/**
 * The feeds `db update` reads when none is given: each importer's `defaultDocuments` as one routed
 * feed, else one feed per default URL. `mapUrl` rewrites every official URL (tests point them at
 * loopback servers; a mirror could too).
 */
export function defaultFeeds(importers: readonly Importer[], mapUrl: (url: string) => string = (u) => u): FeedSpec[] {
  return importers.flatMap((importer): FeedSpec[] => {
    if (importer.defaultDocuments === undefined) return importer.defaultUrls.map((url) => ({ importer, location: mapUrl(url) }));
    const documents = Object.fromEntries(Object.entries(importer.defaultDocuments).map(([rel, url]) => [rel, mapUrl(url)]));
    return [{ importer, location: routedLocation(documents), documents }];
  });
}

export interface BuildProgress {
  phase: 'start' | 'records' | 'done';
  feed: string;
  location: string;
  stats: FeedStats;
}

export interface BuildOptions {
  dbPath: string;
  feeds: readonly FeedSpec[];
  /** Downloads are cached under `<cacheDir>/feeds/<feed>/`. */
  cacheDir: string;
  /** Refuse any network access (URL feeds fail, naming the feed). */
  offline?: boolean;
  onProgress?: (p: BuildProgress) => void;
  http?: Partial<FeedHttpOptions>;
  maxDocumentBytes?: number;
  /** Relative feed paths resolve against this directory. */
  cwd?: string;
  now?: () => Date;
}

export interface FeedSummary {
  kind: string;
  location: string;
  snapshot?: string;
  stats: FeedStats;
}

export interface BuildSummary {
  dbPath: string;
  builtAt: string;
  bytes: number;
  feeds: FeedSummary[];
}

export type UpdateSummary = ({ upToDate: false } & BuildSummary) | { upToDate: true; dbPath: string; builtAt: string; feeds: FeedRow[] };

export interface UpdateOptions extends BuildOptions {
  /** Rebuild even when every feed answers "not modified". */
  force?: boolean;
  lock?: LockOptions;
}

async function openSource(f: FeedSpec, opts: BuildOptions): Promise<FeedSource> {
  const urls = f.documents === undefined ? (isUrlLocation(f.location) ? [f.location] : []) : Object.values(f.documents);
  if (opts.offline === true && urls.length > 0) {
    throw new AppError('NETWORK', `offline: cannot fetch ${urls.map((u) => redactUrl(u)).join(', ')} (feed ${f.importer.id})`);
  }
  const options: OpenFeedOptions = {
    feed: f.importer.id,
    cacheDir: opts.cacheDir,
    ...(opts.offline !== undefined ? { offline: opts.offline } : {}),
    http: { userAgent: `drydock/${TOOL_VERSION}`, ...opts.http },
    ...(opts.maxDocumentBytes !== undefined ? { maxDocumentBytes: opts.maxDocumentBytes } : {}),
    ...(opts.cwd !== undefined ? { cwd: opts.cwd } : {}),
  };
  return f.documents === undefined ? openFeedSource(f.location, options) : new RoutedFeedSource(f.documents, options);
}

async function openSources(opts: BuildOptions): Promise<FeedSource[]> {
  const sources: FeedSource[] = [];
  try {
    for (const f of opts.feeds) sources.push(await openSource(f, opts));
    return sources;
  } catch (err) {
    await closeSources(sources);
    throw err;
  }
}

async function closeSources(sources: readonly FeedSource[]): Promise<void> {
  await Promise.all(sources.map((s) => (isTracked(s) ? s.close() : undefined)));
}

/** Name the feed in an importer's failure; unexpected errors stay INTERNAL. */
function feedError(spec: FeedSpec, source: FeedSource, err: unknown): AppError {
  const where = `feed ${spec.importer.id} (${source.location})`;
  if (isAppError(err)) return new AppError(err.code, err.message.startsWith('offline:') ? err.message : `${where}: ${err.message}`, { cause: err });
  return new AppError('INTERNAL', `${where}: importer failed: ${errorMessage(err)}`, { cause: err });
}

/** Flush a finished file to disk before it is renamed over the old DB (a crash then leaves one or the other). */
async function fsyncPath(path: string): Promise<void> {
  const fh = await open(path, 'r');
  try {
    await fh.sync();
  } finally {
    await fh.close();
  }
}

/** Temporary DB files of builds that crashed more than a day ago. */
async function removeStaleTemps(dbPath: string): Promise<void> {
  const dir = dirname(dbPath);
  const prefix = `.${basename(dbPath)}.`;
  const dayAgo = Date.now() - 86_400_000;
  for (const name of await readdir(dir).catch(() => [] as string[])) {
    if (!name.startsWith(prefix) || !name.endsWith('.tmp')) continue;
    const st = await stat(join(dir, name)).catch(() => undefined);
    if (st && st.mtimeMs < dayAgo) await unlink(join(dir, name)).catch(() => undefined);
  }
}

/**
 * A feed that yields no record at all is an error, not an empty feed: an upstream format change (or a
 * wrong path) would otherwise replace a working DB with one that finds nothing — silent false negatives.
 */
function requireRecords(spec: FeedSpec, source: FeedSource, stats: FeedStats): void {
  if (stats.advisories + stats.cves + stats.kev + stats.epss > 0) return;
  const skipped = stats.warnings > 0 ? `; ${stats.warnings} problem(s), e.g. ${stats.warningSamples.slice(0, 2).join('; ')}` : '';
  throw new AppError('INPUT', `feed ${spec.importer.id} (${source.location}): no records imported${skipped}; the advisory DB was not changed`);
}

async function runImports(writer: AdvisoryDbWriter, opts: BuildOptions, sources: readonly FeedSource[], now: () => Date): Promise<FeedSummary[]> {
  const summaries: FeedSummary[] = [];
  for (const [i, spec] of opts.feeds.entries()) {
    const source = sources[i] as FeedSource;
    const progress = (phase: BuildProgress['phase'], stats: FeedStats): void => opts.onProgress?.({ phase, feed: spec.importer.id, location: source.location, stats });
    const sink = writer.sink({ kind: spec.importer.id, location: source.location, importerVersion: spec.importer.version }, (s) => progress('records', s));
    progress('start', sink.stats);
    let snapshot: string | undefined;
    try {
      snapshot = (await spec.importer.import(source, sink)).snapshot;
    } catch (err) {
      throw feedError(spec, source, err);
    }
    requireRecords(spec, source, sink.stats);
    const documents = isTracked(source) ? source.documents() : undefined;
    writer.endFeed(sink, { importedAt: now(), snapshot, documents });
    progress('done', sink.stats);
    summaries.push({ kind: spec.importer.id, location: source.location, ...(snapshot !== undefined ? { snapshot } : {}), stats: sink.stats });
  }
  return summaries;
}

/**
 * Build a DB from `feeds` into a temporary file next to `dbPath` and rename it into place: readers
 * of the old DB are never disturbed, and any failure (a feed that cannot be fetched or parsed, a
 * full disk) removes the temporary file and leaves the old DB as it was.
 */
async function buildWith(opts: BuildOptions, sources: readonly FeedSource[]): Promise<BuildSummary> {
  if (opts.feeds.length === 0) throw new AppError('USAGE', 'no feeds to build the advisory DB from');
  const now = opts.now ?? (() => new Date());
  await mkdir(dirname(opts.dbPath), { recursive: true });
  await removeStaleTemps(opts.dbPath);
  const tmp = join(dirname(opts.dbPath), `.${basename(opts.dbPath)}.${process.pid}-${randomBytes(6).toString('hex')}.tmp`);
  const writer = AdvisoryDbWriter.create(tmp);
  try {
    const feeds = await runImports(writer, opts, sources, now);
    const builtAt = now();
    writer.finish({ builtAt, toolVersion: TOOL_VERSION });
    await fsyncPath(tmp);
    const bytes = (await stat(tmp)).size;
    await rename(tmp, opts.dbPath);
    await fsyncPath(dirname(opts.dbPath)).catch(() => undefined);
    return { dbPath: opts.dbPath, builtAt: builtAt.toISOString(), bytes, feeds };
  } catch (err) {
    writer.close();
    await unlink(tmp).catch(() => undefined);
    throw err;
  }
}

/** `drydock db build`: import every feed into a new DB at `dbPath` (replacing any DB there). */
export async function buildDb(opts: BuildOptions): Promise<BuildSummary> {
  const sources = await openSources(opts);
  try {
    return await buildWith(opts, sources);
  } finally {
    await closeSources(sources);
  }
}

/** The previous DB's feed rows when it can be read (any other DB is simply rebuilt). */
function previousFeeds(dbPath: string): { builtAt: string; feeds: FeedRow[] } | undefined {
  try {
    const store = openAdvisoryDb(dbPath);
    try {
      const info = store.infoSync();
      return { builtAt: info.builtAt, feeds: info.feeds };
    } finally {
      store.close();
    }
  } catch {
    return undefined;
  }
}

/** Same feeds (kind, location, importer version, order) as last time, and no remote document changed? */
async function upToDate(opts: UpdateOptions, sources: readonly FeedSource[], previous: FeedRow[]): Promise<boolean> {
  if (previous.length !== opts.feeds.length) return false;
  for (const [i, spec] of opts.feeds.entries()) {
    const before = previous[i];
    const source = sources[i] as FeedSource;
    if (before?.id !== spec.importer.id || before.location !== source.location || before.importerVersion !== spec.importer.version) return false;
  }
  for (const [i, spec] of opts.feeds.entries()) {
    const source = sources[i] as FeedSource;
    try {
      if (!(await unchangedSince(source, previous[i]?.documents))) return false;
    } catch (err) {
      throw feedError(spec, source, err);
    }
  }
  return true;
}

/**
 * `drydock db update`: like `buildDb`, under a lock file so concurrent updates take turns, and
 * skipped ("up to date") when the DB was built from the same feeds by the same importer versions
 * and every remote document answers 304 (or has the same content).
 */
export async function updateDb(opts: UpdateOptions): Promise<UpdateSummary> {
  await mkdir(dirname(opts.dbPath), { recursive: true });
  const release = await acquireLock(`${opts.dbPath}.lock`, opts.lock);
  try {
    const sources = await openSources(opts);
    try {
      const previous = opts.force ? undefined : previousFeeds(opts.dbPath);
      if (previous !== undefined && (await upToDate(opts, sources, previous.feeds))) {
        return { upToDate: true, dbPath: opts.dbPath, builtAt: previous.builtAt, feeds: previous.feeds };
      }
      return { upToDate: false, ...(await buildWith(opts, sources)) };
    } finally {
      await closeSources(sources);
    }
  } finally {
    await release();
  }
}
