import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { debianImporter } from '../../../src/vulndb/importers/debian.js';
import { HttpFeedSource } from '../../../src/vulndb/sources/http.js';
import { LocalFeedSource } from '../../../src/vulndb/sources/local.js';
import { startFeedServer, type FeedServer } from '../../helpers/feed-server.js';
import { CollectingSink, FULL_MIRROR, affectedIn, bounds, makeMirror } from './debian-sample.js';

/** Everything but the vuln-list directories (a URL cannot be listed). */
const HTTP_MIRROR = Object.fromEntries(Object.entries(FULL_MIRROR).filter(([rel]) => rel !== 'tracker/CVE' && rel !== 'tracker/DSA'));

describe('the debian importer over HTTP (loopback server at the real URL paths)', () => {
  let server: FeedServer;
  let mirror: { root: string; cleanup: () => Promise<void> };
  let cacheDir: string;
  let local: CollectingSink;

  async function viaHttp(location: string): Promise<{ sink: CollectingSink; snapshot: string | undefined }> {
    const source = new HttpFeedSource(location, { feed: 'debian', cacheDir });
    try {
      const sink = new CollectingSink();
      const { snapshot } = await debianImporter.import(source, sink);
      return { sink, snapshot };
    } finally {
      await source.close();
    }
  }

  beforeAll(async () => {
    mirror = await makeMirror(HTTP_MIRROR);
    server = await startFeedServer({ root: mirror.root, gzip: true });
    cacheDir = await mkdtemp(join(tmpdir(), 'drydock-debian-cache-'));
    local = new CollectingSink();
    await debianImporter.import(new LocalFeedSource(mirror.root), local);
  });
  afterAll(async () => {
    await server.stop();
    await mirror.cleanup();
    await rm(cacheDir, { recursive: true, force: true });
  });

  it('a mirror root URL gives exactly what the same directory gives locally', async () => {
    const { sink, snapshot } = await viaHttp(server.url);
    expect(sink.warnings).toEqual([]);
    expect(snapshot).toBe('2023-04-01T00:00:00Z'); // DLA-3380-1, the newest entry of the trimmed lists
    expect(sink.advisories.length).toBeGreaterThan(800);
    expect(sink.advisories).toEqual(local.advisories);
    const got = server.requests.filter((r) => r.method === 'GET' && r.status === 200).map((r) => r.path).sort();
    expect(got).toEqual(['data/CVE/list', 'data/DLA/list', 'data/DSA/list', 'data/config.json', 'tracker/data/json', 'tracker/distributions.json']);
    // the CVE list alone lacks the bookworm fix; DSA-5724-1 is not in the trimmed DSA list: inferred, no fix claimed
    expect(bounds(affectedIn(sink.byId('CVE-2024-6387'), 'debian:12', 'openssh'))).toEqual({ limit: '1:9.7p1-7' });
  });

  it('a second run revalidates every document (304) and gives the same records', async () => {
    const before = server.requests.length;
    const { sink } = await viaHttp(server.url);
    const again = server.requests.slice(before).filter((r) => r.method === 'GET' && r.path !== '' && r.status !== 404);
    expect(again.map((r) => r.status)).toEqual(again.map(() => 304));
    expect(again).toHaveLength(6);
    expect(sink.advisories).toEqual(local.advisories);
  });

  it('the default-URL shape, one document URL, reads the tracker JSON alone', async () => {
    const { sink } = await viaHttp(`${server.url}tracker/data/json`);
    expect(sink.warnings).toEqual([]);
    expect(sink.advisories.map((a) => a.id)).toEqual(['CVE-2014-1424', 'CVE-2016-1585', 'CVE-2017-6507']);
    expect(bounds(affectedIn(sink.byId('CVE-2016-1585'), 'debian:13', 'apparmor'))).toEqual({ fixed: '3.0.12-1' });
  });

  it('a truncated download fails the import instead of importing half a document', async () => {
    server.fail({ path: 'tracker/data/json', kind: 'truncate', times: 10 });
    try {
      const fresh = await mkdtemp(join(tmpdir(), 'drydock-debian-cache-'));
      const source = new HttpFeedSource(`${server.url}tracker/data/json`, { feed: 'debian', cacheDir: fresh, http: { retry: { attempts: 1, baseDelayMs: 1, maxDelayMs: 1, maxRetryAfterMs: 1 } } });
      try {
        await expect(debianImporter.import(source, new CollectingSink())).rejects.toThrow();
      } finally {
        await source.close();
        await rm(fresh, { recursive: true, force: true });
      }
    } finally {
      server.clearFailures();
    }
  });
});
