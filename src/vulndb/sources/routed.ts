import { AppError } from '../../core/errors.js';
import { redactUrl } from './feed-url.js';
import { HttpFeedSource, type DocumentRecord, type HttpFeedSourceOptions, type TrackedFeedSource } from './http.js';

/** How a routed feed is named in messages and in the DB (`feed.location`): its first URL and how many more. */
export function routedLocation(documents: Readonly<Record<string, string>>): string {
  const urls = Object.values(documents);
  const first = urls[0] === undefined ? '(no documents)' : redactUrl(urls[0]);
  return urls.length > 1 ? `${first} (+${urls.length - 1} documents)` : first;
}

/**
 * One feed whose documents live at unrelated URLs (the Debian tracker JSON on
 * security-tracker.debian.org, the DSA/DLA lists on salsa.debian.org): each known relative path is
 * read from its own URL by its own HttpFeedSource (own credentials, own connection; one host's
 * credentials never go to another), through the same download cache and conditional requests.
 * Paths not in the table are missing; a routed feed cannot be listed.
 */
export class RoutedFeedSource implements TrackedFeedSource {
  readonly remote = true;
  readonly location: string;
  private readonly routes = new Map<string, HttpFeedSource>();

  constructor(documents: Readonly<Record<string, string>>, options: HttpFeedSourceOptions) {
    if (Object.keys(documents).length === 0) throw new AppError('USAGE', `feed ${options.feed}: no documents to read`);
    for (const [relPath, url] of Object.entries(documents)) this.routes.set(relPath, new HttpFeedSource(url, options));
    this.location = routedLocation(documents);
  }

  /** The (redacted) URL a relative path is read from, for messages. */
  describe(relPath: string): string {
    return this.routes.get(relPath)?.location ?? `${this.location}: ${relPath}`;
  }

  async kind(relPath: string): Promise<'file' | 'dir' | 'missing'> {
    const route = this.routes.get(relPath);
    return route === undefined ? 'missing' : route.kind('');
  }

  async readOptional(relPath: string): Promise<Uint8Array | undefined> {
    return this.routes.get(relPath)?.readOptional('');
  }

  async read(relPath: string): Promise<Uint8Array> {
    return this.route(relPath).read('');
  }

  async localFile(relPath: string): Promise<string> {
    return this.route(relPath).localFile('');
  }

  // eslint-disable-next-line require-yield
  async *list(relPath: string): AsyncIterable<string> {
    throw new AppError('UNSUPPORTED', `cannot list ${relPath || '/'} of ${this.location}: its documents are read one by one from their own URLs`);
  }

  async document(relPath: string): Promise<DocumentRecord> {
    const route = this.routes.get(relPath);
    if (route === undefined) return { path: relPath, state: 'missing' };
    return { ...(await route.document('')), path: relPath };
  }

  documents(): DocumentRecord[] {
    const out: DocumentRecord[] = [];
    for (const [relPath, route] of this.routes) {
      for (const d of route.documents()) if (d.path === '') out.push({ ...d, path: relPath });
    }
    return out.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  }

  async close(): Promise<void> {
    await Promise.all([...this.routes.values()].map((r) => r.close()));
  }

  private route(relPath: string): HttpFeedSource {
    const route = this.routes.get(relPath);
    if (route === undefined) {
      throw new AppError('NOT_FOUND', `${this.location}: no document ${relPath} (this feed reads ${[...this.routes.keys()].join(', ')})`);
    }
    return route;
  }
}
