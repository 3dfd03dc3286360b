import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../../src/core/errors.js';
import { redactUrl, resolveFeedUrl } from '../../../src/vulndb/sources/feed-url.js';
import { HttpFeedSource, type HttpFeedSourceOptions } from '../../../src/vulndb/sources/http.js';
import { LocalFeedSource } from '../../../src/vulndb/sources/local.js';
import { isUrlLocation, openFeedSource } from '../../../src/vulndb/sources/open.js';
import { startFeedServer, type FeedServer } from '../../helpers/feed-server.js';
import { REPO_ROOT } from '../../helpers/fixtures.js';

const SECDB = join(REPO_ROOT, '..', 'shared', 'vulndata', 'alpine', 'secdb-reassembled');
const MAIN_320 = readFileSync(join(SECDB, 'v3.20', 'main.json'));
const FAST_RETRY = { attempts: 3, baseDelayMs: 1, maxDelayMs: 5, maxRetryAfterMs: 50 };

const tmp = mkdtempSync(join(tmpdir(), 'drydock-http-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

let n = 0;
function freshCache(): string {
  return join(tmp, `cache-${n++}`);
}

async function caught(p: Promise<unknown>): Promise<AppError> {
  try {
    await p;
  } catch (err) {
    expect(err).toBeInstanceOf(AppError);
    return err as AppError;
  }
  throw new Error('expected an AppError');
}

describe('HttpFeedSource against a loopback feed server (real Alpine secdb documents)', () => {
  let server: FeedServer;
  const sources: HttpFeedSource[] = [];
  const open = (opts: Partial<HttpFeedSourceOptions> & { cacheDir: string }, location = server.url): HttpFeedSource => {
    const s = new HttpFeedSource(location, { feed: 'alpine-secdb', http: { retry: FAST_RETRY }, ...opts });
    sources.push(s);
    return s;
  };

  beforeAll(async () => {
    server = await startFeedServer({ root: SECDB });
  });
  afterEach(async () => {
    server.clearFailures();
    server.requests.length = 0;
    await Promise.all(sources.splice(0).map((s) => s.close()));
  });
  afterAll(() => server.stop());

  it('downloads a document at its feed path, once per run', async () => {
    const src = open({ cacheDir: freshCache() });
    expect(Buffer.from(await src.read('v3.20/main.json'))).toEqual(MAIN_320);
    expect(Buffer.from(await src.read('v3.20/main.json'))).toEqual(MAIN_320);
    expect(server.requests.map((r) => `${r.method} ${r.path} ${r.status}`)).toEqual(['GET v3.20/main.json 200']);
    expect(server.requests[0]?.headers['user-agent']).toBe('drydock');
    expect(src.documents()).toEqual([{ path: 'v3.20/main.json', state: 'file', sha256: expect.stringMatching(/^[0-9a-f]{64}$/), etag: expect.any(String), lastModified: expect.any(String) }]);
  });

  it('asks again with If-None-Match and uses the cached copy on 304', async () => {
    const cacheDir = freshCache();
    const first = open({ cacheDir });
    await first.read('v3.19/main.json');
    const etag = first.documents()[0]?.etag;
    const second = open({ cacheDir });
    expect(Buffer.from(await second.read('v3.19/main.json'))).toEqual(readFileSync(join(SECDB, 'v3.19', 'main.json')));
    expect(server.requests.map((r) => r.status)).toEqual([200, 304]);
    expect(server.requests[1]?.headers['if-none-match']).toBe(etag);
    expect(server.requests[1]?.headers['if-modified-since']).toBe(first.documents()[0]?.lastModified);
    expect(second.documents()).toEqual(first.documents());
  });

  it('fetches a changed document again and drops the stale copy from the cache', async () => {
    const root = join(tmp, 'changing');
    cpSync(SECDB, root, { recursive: true });
    const own = await startFeedServer({ root });
    try {
      const cacheDir = freshCache();
      const a = open({ cacheDir }, own.url);
      await a.read('v3.18/main.json');
      writeFileSync(join(root, 'v3.18', 'main.json'), '{"packages":[]}');
      const b = open({ cacheDir }, own.url);
      expect(Buffer.from(await b.read('v3.18/main.json')).toString()).toBe('{"packages":[]}');
      expect(own.requests.map((r) => r.status)).toEqual([200, 200]);
      expect(b.documents()[0]?.sha256).not.toBe(a.documents()[0]?.sha256);
      const entryDir = readdirSync(join(cacheDir, 'feeds', 'alpine-secdb'));
      expect(entryDir).toHaveLength(1);
      expect(readdirSync(join(cacheDir, 'feeds', 'alpine-secdb', entryDir[0]!)).sort()).toEqual([`${b.documents()[0]?.sha256}.body`, 'meta.json']);
    } finally {
      await own.stop();
    }
  });

  it('decodes gzip content-encoding transparently', async () => {
    const gz = await startFeedServer({ root: SECDB, gzip: true });
    try {
      const src = open({ cacheDir: freshCache() }, gz.url);
      expect(Buffer.from(await src.read('v3.20/main.json'))).toEqual(MAIN_320);
      expect(gz.requests[0]?.headers['accept-encoding']).toBe('gzip');
      expect(readFileSync(await src.localFile('v3.20/main.json'))).toEqual(MAIN_320);
    } finally {
      await gz.stop();
    }
  });

  it('retries 503 and 429 answers, honouring Retry-After', async () => {
    server.fail({ path: 'v3.20/main.json', kind: 'status', status: 503, retryAfter: 0, times: 1 });
    server.fail({ path: 'v3.20/main.json', kind: 'status', status: 429, retryAfter: 0, times: 1 });
    const src = open({ cacheDir: freshCache() });
    expect(Buffer.from(await src.read('v3.20/main.json'))).toEqual(MAIN_320);
    expect(server.requests.map((r) => r.status)).toEqual([503, 429, 200]);
  });

  it('gives up after the configured tries with a NETWORK error naming the URL and status', async () => {
    server.fail({ kind: 'status', status: 503, retryAfter: 0 });
    const err = await caught(open({ cacheDir: freshCache() }).read('v3.20/main.json'));
    expect(err.code).toBe('NETWORK');
    expect(err.message).toBe(`GET ${server.url}v3.20/main.json: the server answered HTTP 503 after 3 tries`);
    expect(server.requests).toHaveLength(3);
  });

  it('retries a truncated body and a body shorter than its Content-Length', async () => {
    server.fail({ kind: 'truncate', times: 1 });
    server.fail({ kind: 'wrong-length', times: 1 });
    const src = open({ cacheDir: freshCache() });
    expect(Buffer.from(await src.read('v3.20/main.json'))).toEqual(MAIN_320);
    expect(server.requests).toHaveLength(3);
  });

  it('a body that keeps breaking off is a NETWORK error, and nothing is cached', async () => {
    server.fail({ kind: 'truncate' });
    const cacheDir = freshCache();
    const err = await caught(open({ cacheDir }).read('v3.20/main.json'));
    expect(err.code).toBe('NETWORK');
    expect(err.message).toMatch(new RegExp(`^GET ${server.url}v3\\.20/main\\.json: `));
    server.clearFailures();
    const again = open({ cacheDir });
    await again.read('v3.20/main.json');
    expect(server.requests.at(-1)?.headers['if-none-match']).toBeUndefined();
    const entry = readdirSync(join(cacheDir, 'feeds', 'alpine-secdb'))[0]!;
    expect(readdirSync(join(cacheDir, 'feeds', 'alpine-secdb', entry)).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('kind() uses HEAD; missing documents are 404s', async () => {
    const src = open({ cacheDir: freshCache() });
    expect(await src.kind('v3.20/main.json')).toBe('file');
    expect(await src.kind('v3.99/main.json')).toBe('missing');
    expect(await src.readOptional('v3.99/community.json')).toBeUndefined();
    const err = await caught(src.read('v3.99/community.json'));
    expect(err.code).toBe('NOT_FOUND');
    expect(err.message).toBe(`${server.url}v3.99/community.json does not exist (HTTP 404)`);
    expect(server.requests.map((r) => `${r.method} ${r.status}`)).toEqual(['HEAD 200', 'HEAD 404', 'GET 404']);
    expect(src.documents().map((d) => `${d.path} ${d.state}`)).toEqual(['v3.20/main.json exists', 'v3.99/community.json missing', 'v3.99/main.json missing']);
  });

  it('refuses documents over the size cap', async () => {
    const err = await caught(open({ cacheDir: freshCache(), maxDocumentBytes: 1000 }).read('v3.20/main.json'));
    expect(err.code).toBe('LIMIT');
    expect(err.message).toMatch(/over the 1000-byte limit/);
  });

  it('offline: no request at all, an error naming the feed and URL', async () => {
    const src = open({ cacheDir: freshCache(), offline: true });
    const err = await caught(src.read('v3.20/main.json'));
    expect(err.message).toBe(`offline: cannot fetch ${server.url}v3.20/main.json (feed alpine-secdb)`);
    await expect(src.kind('v3.20/main.json')).rejects.toThrow(/^offline: cannot fetch/);
    expect(server.requests).toEqual([]);
  });

  it('cannot list a URL', async () => {
    const src = open({ cacheDir: freshCache() });
    const err = await caught((async () => {
      for await (const _ of src.list('')) void _;
    })());
    expect(err.code).toBe('UNSUPPORTED');
    expect(err.message).toMatch(/^cannot list http:\/\/127\.0\.0\.1:\d+\/: a feed at a URL is read document by document/);
  });

  it('sends URL credentials as Basic auth and never shows them', async () => {
    const url = server.url.replace('http://', 'http://feeduser:s3cret-pw@');
    const src = open({ cacheDir: freshCache() }, url);
    expect(src.location).not.toContain('s3cret');
    await src.read('v3.20/main.json');
    expect(server.requests[0]?.headers['authorization']).toBe(`Basic ${Buffer.from('feeduser:s3cret-pw').toString('base64')}`);
    server.fail({ kind: 'status', status: 500 });
    const err = await caught(src.read('v3.19/main.json'));
    expect(err.message).not.toContain('s3cret');
    expect(err.message).toBe(`GET ${server.url}v3.19/main.json: the server answered HTTP 500 after 3 tries`);
  });

  it('follows redirects, and drops credentials when the redirect leaves the origin', async () => {
    const other = await startFeedServer({ root: SECDB });
    const hop = await startFeedServer({
      root: SECDB,
      route: (path) => (path === 'latest/main.json' ? { status: 302, body: '', headers: { location: `${other.url}v3.20/main.json` } } : undefined),
    });
    try {
      const src = open({ cacheDir: freshCache() }, hop.url.replace('http://', 'http://u:p@'));
      expect(Buffer.from(await src.read('latest/main.json'))).toEqual(MAIN_320);
      expect(hop.requests[0]?.headers['authorization']).toMatch(/^Basic /);
      expect(other.requests[0]?.headers['authorization']).toBeUndefined();
    } finally {
      await Promise.all([other.stop(), hop.stop()]);
    }
  });

  it('a connection refused is a NETWORK error after retries', async () => {
    const gone = await startFeedServer({ root: SECDB });
    await gone.stop();
    const err = await caught(open({ cacheDir: freshCache() }, gone.url).read('v3.20/main.json'));
    expect(err.code).toBe('NETWORK');
    expect(err.message).toMatch(/^GET http:\/\/127\.0\.0\.1:\d+\/v3\.20\/main\.json: cannot reach 127\.0\.0\.1:\d+ \(ECONNREFUSED/);
  });

  it('localFile() streams the document into the cache under feeds/<feed>/', async () => {
    const cacheDir = freshCache();
    const path = await open({ cacheDir }).localFile('v3.18/main.json');
    expect(path.startsWith(join(cacheDir, 'feeds', 'alpine-secdb'))).toBe(true);
    expect(readFileSync(path)).toEqual(readFileSync(join(SECDB, 'v3.18', 'main.json')));
  });

  it('paths never leave the feed root', async () => {
    const src = open({ cacheDir: freshCache() }, `${server.url}v3.20/`);
    expect((await caught(src.read('../v3.19/main.json'))).message).toMatch(/leaves/);
    expect((await caught(src.read('/etc/passwd'))).message).toMatch(/is not relative/);
    expect(server.requests).toEqual([]);
  });
});

describe('feed URLs and openFeedSource', () => {
  it('resolves relative paths below the root, as a directory', () => {
    expect(resolveFeedUrl(new URL('https://secdb.alpinelinux.org/'), 'v3.20/main.json').href).toBe('https://secdb.alpinelinux.org/v3.20/main.json');
    expect(resolveFeedUrl(new URL('https://h/feeds'), 'a:b/c.json').href).toBe('https://h/feeds/a:b/c.json');
    expect(resolveFeedUrl(new URL('https://h/x.json?y=1'), '').href).toBe('https://h/x.json?y=1');
    expect(resolveFeedUrl(new URL('https://h/api/'), 'cves?startIndex=2000').href).toBe('https://h/api/cves?startIndex=2000');
  });

  it('redacts credentials and secret-looking query parameters', () => {
    expect(redactUrl('https://me:pw@h/p?apiKey=abc&page=2')).toBe('https://***:***@h/p?apiKey=***&page=2');
  });

  it('picks HTTP for URLs and a local source for paths, which must exist', async () => {
    expect(isUrlLocation('HTTPS://h/')).toBe(true);
    expect(isUrlLocation('./v3.20')).toBe(false);
    const local = await openFeedSource(SECDB, { feed: 'alpine-secdb', cacheDir: tmp });
    expect(local).toBeInstanceOf(LocalFeedSource);
    expect(await local.kind('v3.20/main.json')).toBe('file');
    expect(await openFeedSource('http://127.0.0.1:9/', { feed: 'x', cacheDir: tmp })).toBeInstanceOf(HttpFeedSource);
    const missing = await caught(openFeedSource(join(tmp, 'nope'), { feed: 'alpine-secdb', cacheDir: tmp }));
    expect(missing.code).toBe('NOT_FOUND');
    expect(missing.message).toBe(`feed alpine-secdb: ${join(tmp, 'nope')} does not exist`);
    expect((await caught(openFeedSource('ftp://h/x', { feed: 'x', cacheDir: tmp }))).code).toBe('USAGE');
  });
});
