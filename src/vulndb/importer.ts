import type { Advisory, CveRecord, EpssEntry, KevEntry } from './model.js';

/**
 * Where a feed's documents come from: its official URL, or a local file/directory that mirrors the
 * URL's layout (`alpine-secdb` → a directory holding `v3.20/main.json`). Paths are relative to the
 * feed's root and use `/`; `''` is the location itself. Every read is size-capped.
 */
export interface FeedSource {
  /** The URL or path, for messages. */
  readonly location: string;
  readonly remote: boolean;
  /** What `relPath` is: a file, a directory (local sources only), or missing (404 / ENOENT). */
  kind(relPath: string): Promise<'file' | 'dir' | 'missing'>;
  /** The whole document; throws AppError NOT_FOUND naming the URL/path when it does not exist. */
  read(relPath: string): Promise<Uint8Array>;
  /** The whole document, or undefined when it does not exist. */
  readOptional(relPath: string): Promise<Uint8Array | undefined>;
  /** A local file holding the document (remote ones are downloaded to the cache): for zips and other large files. */
  localFile(relPath: string): Promise<string>;
  /** Files under a directory, recursively, relative to the feed root, sorted. Local sources only. */
  list(relPath: string): AsyncIterable<string>;
}

/** Where an importer puts what it reads. Calls are synchronous and cheap (the store batches them). */
export interface ImportSink {
  advisory(a: Advisory): void;
  cve(r: CveRecord): void;
  kev(k: KevEntry): void;
  epss(e: EpssEntry): void;
  /** A record the importer skipped or could only partly read: counted and reported, never fatal. */
  warn(message: string): void;
}

export interface ImportResult {
  /** The feed's own snapshot time when it says so (KEV dateReleased, EPSS score_date, newest `modified`). */
  snapshot?: string;
}

export interface Importer {
  /** Feed kind, as used in `--feed KIND=URL_OR_PATH` (`osv`, `alpine-secdb`, `debian`, `nvd`, `kev`, `epss`, ...). */
  readonly id: string;
  readonly description: string;
  /** Bumped when the importer's output changes, so `db update` rebuilds even when the feed did not change. */
  readonly version: number;
  /** Official locations used by `db update` when no `--feed` is given. Several for feeds split by ecosystem. */
  readonly defaultUrls: readonly string[];
  /**
   * For a feed whose documents live at unrelated URLs (other hosts): relative path → official URL.
   * When set, `db update` reads this instead of `defaultUrls`, as ONE feed whose `relPath`s are each
   * fetched from their own URL (sources/routed.ts); `defaultUrls` then names the URL a
   * `--feed KIND=URL` typically gives.
   */
  readonly defaultDocuments?: Readonly<Record<string, string>>;
  import(source: FeedSource, sink: ImportSink): Promise<ImportResult>;
}
