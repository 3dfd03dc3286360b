import { readFile, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { AppError } from '../../core/errors.js';
import type { FeedSource } from '../importer.js';
import { DownloadCache, type CacheEntry } from './download-cache.js';
import { basicAuthOf, parseFeedUrl, redactUrl, resolveFeedUrl, withoutCredentials } from './feed-url.js';
import { DEFAULT_FEED_HTTP, FeedHttpClient, type FeedHttpOptions } from './http-client.js';
import { DEFAULT_MAX_DOCUMENT_BYTES } from './local.js';

/**
 * A document of a remote feed as this run saw it, kept in the DB (`feed.documents`) so the next
 * `db update` can ask the server whether anything changed before rebuilding anything.
 *   file     downloaded or revalidated; `sha256` is the content
 *   exists   only probed with HEAD (`kind()`), never read
 *   missing  the server answered 404/410
 */
export interface DocumentRecord {
  path: string;
  state: 'file' | 'exists' | 'missing';
  sha256?: string;
  etag?: string;
  lastModified?: string;
}

/**
 * A remote source that remembers what each document was (HttpFeedSource, RoutedFeedSource): the
 * build records `documents()` and the next update asks `document()`/`kind()` again (revalidate.ts).
 */
export interface TrackedFeedSource extends FeedSource {
  /** Fetch (or revalidate) one document and say what it is now. */
  document(relPath: string): Promise<DocumentRecord>;
  /** Every document this source touched, sorted by path (for `feed.documents`). */
  documents(): DocumentRecord[];
  close(): Promise<void>;
}

export interface HttpFeedSourceOptions {
  /** Importer id: names the download cache directory (`<cacheDir>/feeds/<feed>/`) and appears in messages. */
  feed: string;
  cacheDir: string;
  /** Any network access is an error naming the feed and URL. */
  offline?: boolean;
  maxDocumentBytes?: number;
  http?: Partial<FeedHttpOptions>;
}

/**
 * A feed at an http(s) URL. Documents are downloaded to the download cache with conditional
 * requests (If-None-Match / If-Modified-Since from the cached copy), so an unchanged document costs
 * one 304. Within one run each document is fetched once. `kind()` uses HEAD; `list()` is not
 * possible over HTTP. Credentials in the URL travel as a Basic header and are never printed.
 */
export class HttpFeedSource implements TrackedFeedSource {
  readonly remote = true;
  readonly location: string;
  private readonly root: URL;
  private readonly auth: string | undefined;
  private readonly cache: DownloadCache;
  private readonly maxBytes: number;
  private readonly offline: boolean;
  private readonly feed: string;
  private readonly httpOptions: FeedHttpOptions;
  private client: FeedHttpClient | undefined;
  private readonly fetched = new Map<string, Promise<CacheEntry | undefined>>();
  private readonly records = new Map<string, DocumentRecord>();

  constructor(location: string, options: HttpFeedSourceOptions) {
    const url = parseFeedUrl(location);
    this.root = withoutCredentials(url);
    this.auth = basicAuthOf(url);
    this.location = redactUrl(url);
    this.feed = options.feed;
    this.offline = options.offline === true;
    this.maxBytes = options.maxDocumentBytes ?? DEFAULT_MAX_DOCUMENT_BYTES;
    this.cache = new DownloadCache(join(options.cacheDir, 'feeds', safeSegment(options.feed)));
    this.httpOptions = { ...DEFAULT_FEED_HTTP, ...options.http };
  }

  private http(url: URL): FeedHttpClient {
    if (this.offline) throw new AppError('NETWORK', `offline: cannot fetch ${redactUrl(url)} (feed ${this.feed})`);
    this.client ??= new FeedHttpClient(this.httpOptions);
    return this.client;
  }

  async kind(relPath: string): Promise<'file' | 'dir' | 'missing'> {
    const known = this.records.get(relPath);
    if (known !== undefined) return known.state === 'missing' ? 'missing' : 'file';
    const url = resolveFeedUrl(this.root, relPath);
    const status = await this.http(url).head(url, this.auth);
    if (status === 'file' || status === 'missing') {
      if (!this.records.has(relPath)) this.records.set(relPath, { path: relPath, state: status === 'file' ? 'exists' : 'missing' });
      return status;
    }
    // A server that refuses HEAD (405, 501, signed URLs answering 403) gets a GET instead.
    return (await this.fetch(relPath)) === undefined ? 'missing' : 'file';
  }

  async readOptional(relPath: string): Promise<Uint8Array | undefined> {
    for (let attempt = 0; ; attempt++) {
      const entry = await this.fetch(relPath);
      if (entry === undefined) return undefined;
      if (entry.meta.size > this.maxBytes) {
        throw new AppError('LIMIT', `${this.describe(relPath)} is ${entry.meta.size} bytes, over the ${this.maxBytes}-byte limit`);
      }
      try {
        return await readFile(entry.bodyPath);
      } catch (err) {
        // Another drydock replaced the cached copy between our fetch and this read: fetch again, once.
        if ((err as NodeJS.ErrnoException).code !== 'ENOENT' || attempt > 0) throw err;
        this.fetched.delete(relPath);
      }
    }
  }

  async read(relPath: string): Promise<Uint8Array> {
    const data = await this.readOptional(relPath);
    if (data === undefined) throw new AppError('NOT_FOUND', `${this.describe(relPath)} does not exist (HTTP 404)`);
    return data;
  }

  async localFile(relPath: string): Promise<string> {
    const entry = await this.fetch(relPath);
    if (entry === undefined) throw new AppError('NOT_FOUND', `${this.describe(relPath)} does not exist (HTTP 404)`);
    return entry.bodyPath;
  }

  // eslint-disable-next-line require-yield
  async *list(relPath: string): AsyncIterable<string> {
    throw new AppError(
      'UNSUPPORTED',
      `cannot list ${this.describe(relPath)}: a feed at a URL is read document by document; mirror it to a directory to import it from a listing`,
    );
  }

  /** Fetch (or revalidate) one document and say what it is now. */
  async document(relPath: string): Promise<DocumentRecord> {
    await this.fetch(relPath);
    return this.records.get(relPath) ?? { path: relPath, state: 'missing' };
  }

  /** Every document this source touched, sorted by path (for `feed.documents`). */
  documents(): DocumentRecord[] {
    return [...this.records.values()].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  }

  async close(): Promise<void> {
    await this.client?.close();
    this.client = undefined;
  }

  private describe(relPath: string): string {
    return relPath === '' ? this.location : redactUrl(resolveFeedUrl(this.root, relPath));
  }

  private fetch(relPath: string): Promise<CacheEntry | undefined> {
    let p = this.fetched.get(relPath);
    if (p === undefined) {
      p = this.download(relPath);
      this.fetched.set(relPath, p);
      p.catch(() => this.fetched.delete(relPath));
    }
    return p;
  }

  /** One conditional GET into the download cache; the cached copy when the server says 304. */
  private async download(relPath: string): Promise<CacheEntry | undefined> {
    const url = resolveFeedUrl(this.root, relPath);
    const client = this.http(url);
    const cached = await this.cache.load(url);
    const tmpPath = await this.cache.tempPath(url);
    try {
      const got = await client.get(url, { auth: this.auth, etag: cached?.meta.etag, lastModified: cached?.meta.lastModified, tmpPath, maxBytes: this.maxBytes });
      if (got.status === 'missing') {
        this.records.set(relPath, { path: relPath, state: 'missing' });
        return undefined;
      }
      let entry: CacheEntry;
      if (got.status === 'not-modified') {
        if (cached === undefined) throw new AppError('NETWORK', `GET ${redactUrl(url)}: HTTP 304 for a document that is not cached`);
        entry = cached;
      } else {
        const meta = { url: redactUrl(url), sha256: got.sha256, size: got.size, fetchedAt: new Date().toISOString() };
        entry = await this.cache.commit(url, tmpPath, {
          ...meta,
          ...(got.etag !== undefined ? { etag: got.etag } : {}),
          ...(got.lastModified !== undefined ? { lastModified: got.lastModified } : {}),
        });
      }
      const record: DocumentRecord = { path: relPath, state: 'file', sha256: entry.meta.sha256 };
      if (entry.meta.etag !== undefined) record.etag = entry.meta.etag;
      if (entry.meta.lastModified !== undefined) record.lastModified = entry.meta.lastModified;
      this.records.set(relPath, record);
      return entry;
    } finally {
      await unlink(tmpPath).catch(() => undefined);
    }
  }
}

/** A feed id as one directory name. */
function safeSegment(id: string): string {
  const s = id.replace(/[^A-Za-z0-9._-]/g, '_');
  return s === '' || s === '.' || s === '..' ? '_' : s;
}
