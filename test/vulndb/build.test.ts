import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync, cpSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../src/core/errors.js';
import { buildDb, updateDb, type BuildOptions, type FeedSpec } from '../../src/vulndb/build.js';
import type { Importer } from '../../src/vulndb/importer.js';
import { findImporter, IMPORTERS } from '../../src/vulndb/importers/index.js';
import { openAdvisoryDb } from '../../src/vulndb/sqlite/reader.js';
import { queryKey } from '../../src/vulndb/store.js';
import { startFeedServer, type FeedServer } from '../helpers/feed-server.js';
import { makeSampleMirror } from './sources/sample-mirror.js';
import { VULNDATA } from './sqlite/real-records.js';

const FAST = { retry: { attempts: 2, baseDelayMs: 1, maxDelayMs: 5, maxRetryAfterMs: 20 } };
const tmp = mkdtempSync(join(tmpdir(), 'drydock-build-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

let n = 0;
const fresh = (name: string): string => join(tmp, `${name}-${n++}`);
const sha = (path: string): string => createHash('sha256').update(readFileSync(path)).digest('hex');
const alpine = (): Importer => {
  const i = findImporter('alpine-secdb');
  if (!i) throw new Error('alpine-secdb importer is not registered');
  return i;
};

async function caught(p: Promise<unknown>): Promise<AppError> {
  try {
    await p;
  } catch (err) {
    expect(err).toBeInstanceOf(AppError);
    return err as AppError;
  }
  throw new Error('expected an AppError');
}

/** Openable, and what the DB says about itself and about openssl in Alpine 3.20. */
async function describeDb(path: string): Promise<{ feeds: string[]; openssl: string[] }> {
  const store = openAdvisoryDb(path);
  try {
    const info = await store.info();
    const q = { namespace: 'alpine:3.20', name: 'openssl' };
    const hits = (await store.lookup([q])).get(queryKey(q)) ?? [];
    return { feeds: info.feeds.map((f) => `${f.id} ${f.location} ${f.advisories}`), openssl: hits.map((h) => h.advisoryId).sort() };
  } finally {
    store.close();
  }
}

function tempFilesIn(dir: string): string[] {
  return readdirSync(dir).filter((f) => f.endsWith('.tmp'));
}

describe('buildDb / updateDb over a loopback feed server (Alpine secdb)', () => {
  let root: string;
  let server: FeedServer;
  const opts = (dbPath: string, cacheDir: string, extra: Partial<BuildOptions> = {}): BuildOptions => ({
    dbPath,
    cacheDir,
    feeds: [{ importer: alpine(), location: server.url }],
    http: FAST,
    ...extra,
  });

  beforeAll(async () => {
    root = fresh('secdb');
    cpSync(join(VULNDATA, 'alpine', 'secdb-reassembled'), root, { recursive: true });
    server = await startFeedServer({ root });
  });
  afterEach(() => {
    server.clearFailures();
    server.requests.length = 0;
  });
  afterAll(() => server.stop());

  it('builds a DB from the served secdb and records every document it read', async () => {
    const dir = fresh('db');
    const events: string[] = [];
    const summary = await buildDb(opts(join(dir, 'advisories.db'), fresh('cache'), { onProgress: (p) => events.push(`${p.phase} ${p.feed}`) }));
    expect(events).toEqual(['start alpine-secdb', 'done alpine-secdb']);
    expect(summary.feeds[0]?.stats.advisories).toBeGreaterThan(0);
    const db = await describeDb(join(dir, 'advisories.db'));
    expect(db.feeds).toEqual([`alpine-secdb ${server.url} ${summary.feeds[0]?.stats.advisories}`]);
    expect(db.openssl).toContain('CVE-2024-9143');
    const store = openAdvisoryDb(join(dir, 'advisories.db'));
    const docs = store.infoSync().feeds[0]?.documents as Array<{ path: string; state: string }>;
    store.close();
    expect(docs.filter((d) => d.state === 'file').map((d) => d.path)).toEqual(['v3.18/main.json', 'v3.19/main.json', 'v3.20/main.json']);
    expect(tempFilesIn(dir)).toEqual([]);
  });

  it('a second update asks with validators, gets 304s and keeps the DB as it is', async () => {
    const dbPath = join(fresh('db'), 'advisories.db');
    const cacheDir = fresh('cache');
    const first = await updateDb(opts(dbPath, cacheDir));
    expect(first.upToDate).toBe(false);
    const before = { hash: sha(dbPath), mtime: statSync(dbPath).mtimeMs };
    server.requests.length = 0;
    const second = await updateDb(opts(dbPath, cacheDir));
    expect(second.upToDate).toBe(true);
    const gets = server.requests.filter((r) => r.method === 'GET' && r.status !== 404);
    expect(gets.map((r) => `${r.path} ${r.status}`).sort()).toEqual(['v3.18/main.json 304', 'v3.19/main.json 304', 'v3.20/main.json 304']);
    expect(gets.every((r) => r.headers['if-none-match'] !== undefined)).toBe(true);
    expect({ hash: sha(dbPath), mtime: statSync(dbPath).mtimeMs }).toEqual(before);
  });

  it('rebuilds when a document changed, or when an importer version changed', async () => {
    const dbPath = join(fresh('db'), 'advisories.db');
    const cacheDir = fresh('cache');
    await updateDb(opts(dbPath, cacheDir));
    const original = readFileSync(join(root, 'v3.20', 'main.json'), 'utf8');
    try {
      const doc = JSON.parse(original) as { packages: Array<{ pkg: { name: string; secfixes: Record<string, string[]> } }> };
      const ossl = doc.packages.find((p) => p.pkg.name === 'openssl');
      expect(ossl).toBeDefined();
      ossl!.pkg.secfixes['3.3.9-r0'] = ['CVE-2099-0001'];
      writeFileSync(join(root, 'v3.20', 'main.json'), JSON.stringify(doc));
      const changed = await updateDb(opts(dbPath, cacheDir));
      expect(changed.upToDate).toBe(false);
      expect((await describeDb(dbPath)).openssl).toContain('CVE-2099-0001');
    } finally {
      writeFileSync(join(root, 'v3.20', 'main.json'), original);
    }
    await updateDb(opts(dbPath, cacheDir)); // back to the original document
    const bumped: Importer = { ...alpine(), version: alpine().version + 1, import: (s, k) => alpine().import(s, k) };
    const again = await updateDb({ ...opts(dbPath, cacheDir), feeds: [{ importer: bumped, location: server.url }] });
    expect(again.upToDate).toBe(false);
    expect((await describeDb(dbPath)).openssl).not.toContain('CVE-2099-0001');
    expect((await updateDb({ ...opts(dbPath, cacheDir), force: true })).upToDate).toBe(false);
  });

  it('a failed update (truncated document, server gone) leaves the old DB untouched and openable', async () => {
    const dir = fresh('db');
    const dbPath = join(dir, 'advisories.db');
    const cacheDir = fresh('cache');
    await buildDb(opts(dbPath, fresh('cache')));
    const before = sha(dbPath);
    const good = await describeDb(dbPath);

    server.fail({ path: 'v3.20/main.json', kind: 'truncate' });
    const truncated = await caught(updateDb(opts(dbPath, cacheDir)));
    expect(truncated.code).toBe('NETWORK');
    expect(truncated.message).toMatch(new RegExp(`^feed alpine-secdb \\(${server.url}\\): GET ${server.url}v3\\.20/main\\.json: the download broke off`));
    expect(sha(dbPath)).toBe(before);
    expect(await describeDb(dbPath)).toEqual(good);

    server.clearFailures();
    server.fail({ path: /^v3\.19\//, kind: 'die' });
    const died = await caught(buildDb(opts(dbPath, cacheDir)));
    expect(died.code).toBe('NETWORK');
    expect(sha(dbPath)).toBe(before);
    expect(tempFilesIn(dir)).toEqual([]);
    expect(readdirSync(dir).sort()).toEqual(['advisories.db']);
  });

  it('two builds and two updates at once: both finish, the DB is valid, nothing is left behind', async () => {
    const dir = fresh('db');
    const dbPath = join(dir, 'advisories.db');
    const [a, b] = await Promise.all([buildDb(opts(dbPath, fresh('cache'))), buildDb(opts(dbPath, fresh('cache')))]);
    expect(a.feeds[0]?.stats.advisories).toBe(b.feeds[0]?.stats.advisories);
    expect((await describeDb(dbPath)).openssl).toContain('CVE-2024-9143');
    expect(readdirSync(dir).sort()).toEqual(['advisories.db']);
    // updates take turns (lock file): one builds, the other then finds the DB up to date
    const other = join(fresh('db'), 'advisories.db');
    const cacheDir = fresh('cache');
    const [c, d] = await Promise.all([updateDb({ ...opts(other, cacheDir), lock: { pollMs: 10 } }), updateDb({ ...opts(other, cacheDir), lock: { pollMs: 10 } })]);
    expect([c.upToDate, d.upToDate].sort()).toEqual([false, true]);
    expect((await describeDb(other)).openssl).toContain('CVE-2024-9143');
    expect(readdirSync(join(other, '..')).sort()).toEqual(['advisories.db']);
  });

  it('offline: URL feeds fail without a request, naming the feed; local feeds work', async () => {
    const dbPath = join(fresh('db'), 'advisories.db');
    const err = await caught(updateDb(opts(dbPath, fresh('cache'), { offline: true })));
    expect(err.message).toBe(`offline: cannot fetch ${server.url} (feed alpine-secdb)`);
    expect(server.requests).toEqual([]);
    const local = await updateDb({ ...opts(dbPath, fresh('cache'), { offline: true }), feeds: [{ importer: alpine(), location: root }] });
    expect(local.upToDate).toBe(false);
    expect((await describeDb(dbPath)).feeds).toEqual([`alpine-secdb ${root} ${local.upToDate ? 0 : local.feeds[0]?.stats.advisories}`]);
    // local feeds are re-read on every update (no validators to ask)
    expect((await updateDb({ ...opts(dbPath, fresh('cache'), { offline: true }), feeds: [{ importer: alpine(), location: root }] })).upToDate).toBe(false);
  });

  it('a feed that yields no record (a changed upstream format, a wrong path) fails and keeps the old DB', async () => {
    const dir = fresh('db');
    const dbPath = join(dir, 'advisories.db');
    await buildDb(opts(dbPath, fresh('cache')));
    const before = sha(dbPath);
    // the real secdb documents with their package lists emptied: valid documents that hold nothing
    const changed = fresh('changed-secdb');
    cpSync(root, changed, { recursive: true });
    for (const branch of ['v3.18', 'v3.19', 'v3.20']) {
      const file = join(changed, branch, 'main.json');
      writeFileSync(file, JSON.stringify({ ...(JSON.parse(readFileSync(file, 'utf8')) as object), packages: [] }));
    }
    const err = await caught(updateDb({ ...opts(dbPath, fresh('cache'), { offline: true }), feeds: [{ importer: alpine(), location: changed }] }));
    expect(err.code).toBe('INPUT');
    expect(err.message.startsWith(`feed alpine-secdb (${changed}): no records imported`), err.message).toBe(true);
    expect(err.message.endsWith('the advisory DB was not changed')).toBe(true);
    expect(sha(dbPath)).toBe(before);
    expect(tempFilesIn(dir)).toEqual([]);
  });

  it('a missing local feed path fails before anything is written', async () => {
    const dir = fresh('db');
    const err = await caught(buildDb({ ...opts(join(dir, 'advisories.db'), fresh('cache')), feeds: [{ importer: alpine(), location: join(dir, 'nope') }] }));
    expect(err.code).toBe('NOT_FOUND');
    expect(err.message).toBe(`feed alpine-secdb: ${join(dir, 'nope')} does not exist`);
    expect(() => readdirSync(dir)).toThrow();
  });
});

describe('the whole vulndata sample, every registered importer, through the loopback server', () => {
  let server: FeedServer;
  let feeds: FeedSpec[];
  const cacheDir = fresh('cache');
  const dbPath = join(fresh('db'), 'advisories.db');

  beforeAll(async () => {
    const mirror = makeSampleMirror(fresh('mirror'));
    server = await startFeedServer({ root: mirror.root, route: mirror.route, gzip: true });
    const locations = mirror.locations(server.url);
    feeds = IMPORTERS.flatMap((importer) => (locations[importer.id] ?? []).map((location) => ({ importer, location })));
  });
  afterAll(() => server.stop());

  it('every importer but EPSS (no sample) has the sample to read', () => {
    const withoutSample = IMPORTERS.map((i) => i.id).filter((id) => !feeds.some((f) => f.importer.id === id));
    expect(withoutSample).toEqual(IMPORTERS.some((i) => i.id === 'epss') ? ['epss'] : []);
    expect(feeds.length).toBeGreaterThanOrEqual(IMPORTERS.length - 1);
  });

  it('builds one DB from all of it, and the next update is all 304s (or equal content)', async () => {
    const t0 = performance.now();
    const built = await updateDb({ dbPath, cacheDir, feeds, http: FAST });
    const ms = performance.now() - t0;
    expect(built.upToDate).toBe(false);
    if (built.upToDate) return;
    const total = built.feeds.reduce((s, f) => s + f.stats.advisories, 0);
    console.log(`e2e: ${feeds.length} feeds, ${total} advisories, ${built.bytes} bytes (${(built.bytes / total).toFixed(0)} bytes/advisory) in ${ms.toFixed(0)} ms`);
    for (const f of built.feeds) {
      console.log(`e2e:   ${f.kind} ${f.location.replace(server.url, '')}: ${f.stats.advisories} advisories, ${f.stats.cves + f.stats.kev + f.stats.epss} per-CVE, ${f.stats.warnings} warnings ${f.stats.warningSamples.slice(0, 2).join(' | ')}`);
      expect(f.stats.advisories + f.stats.cves + f.stats.kev, `${f.kind} ${f.location}`).toBeGreaterThan(0);
    }
    const store = openAdvisoryDb(dbPath);
    try {
      const queries = [
        { namespace: 'alpine:3.20', name: 'openssl' },
        { namespace: 'npm', name: 'lodash' },
        { namespace: 'go', name: 'stdlib' },
        { namespace: 'pypi', name: 'django' },
        { namespace: 'maven', name: 'org.apache.logging.log4j:log4j-core' },
      ];
      const hits = await store.lookup(queries);
      for (const q of queries) expect(hits.get(queryKey(q))?.length, `${q.namespace} ${q.name}`).toBeGreaterThan(0);
      const log4shell = (await store.cves(['CVE-2021-44228'])).get('CVE-2021-44228');
      expect(log4shell?.kev?.cve).toBe('CVE-2021-44228');
      expect(log4shell?.record?.id).toBe('CVE-2021-44228');
    } finally {
      store.close();
    }
    server.requests.length = 0;
    const again = await updateDb({ dbPath, cacheDir, feeds, http: FAST });
    expect(again.upToDate).toBe(true);
    const bodies = server.requests.filter((r) => r.method === 'GET' && r.status === 200).map((r) => r.path);
    expect(bodies).toEqual(['nvd/rest/json/cves/2.0?resultsPerPage=2000&startIndex=0']); // the only document without validators
  });
});
