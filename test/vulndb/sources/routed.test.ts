/**
 * `db update`'s default Debian feed: one feed whose documents live on two hosts. Two loopback
 * servers play security-tracker.debian.org and salsa.debian.org, serving the real sample at the
 * real URL paths; `defaultFeeds`' URL mapper points the official URLs at them.
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../../src/core/errors.js';
import { defaultFeeds, updateDb, type FeedSpec } from '../../../src/vulndb/build.js';
import { debianImporter } from '../../../src/vulndb/importers/debian.js';
import { DEBIAN_DOCUMENT_URLS } from '../../../src/vulndb/importers/debian/documents.js';
import type { Advisory } from '../../../src/vulndb/model.js';
import { openAdvisoryDb } from '../../../src/vulndb/sqlite/reader.js';
import { startFeedServer, type FeedServer, type LoggedRequest } from '../../helpers/feed-server.js';
import { SAMPLE, affectedIn, bounds, makeMirror } from '../importers/debian-sample.js';

const TRACKER = 'https://security-tracker.debian.org/';
const SALSA = 'https://salsa.debian.org/';
const SALSA_DATA = 'security-tracker-team/security-tracker/-/raw/master/data/';
const FAST = { retry: { attempts: 1, baseDelayMs: 1, maxDelayMs: 1, maxRetryAfterMs: 1 } };

const tmp = mkdtempSync(join(tmpdir(), 'drydock-routed-'));
let n = 0;
const fresh = (name: string): string => join(tmp, `${name}-${n++}`);
const sha = (path: string): string => createHash('sha256').update(readFileSync(path)).digest('hex');

/**
 * The sample's DSA list is trimmed to 2022-01..2023-03; the three later DSAs vuln-list-debian has
 * (DSA-5724-1 fixes CVE-2024-6387 in bookworm) are put back in front, each rebuilt as list text from
 * its verbatim `Original` lines (how the sample README reassembles the CVE list excerpt).
 */
function dsaListWithVulnListEntries(): string {
  const dir = join(SAMPLE.vulnListRoot, 'tracker', 'DSA');
  const entries = readdirSync(dir)
    .sort()
    .reverse()
    .map((f) => {
      const doc = JSON.parse(readFileSync(join(dir, f), 'utf8')) as { Header: { Original: string }; Annotations: Array<{ Original: string }> };
      return [doc.Header.Original, ...doc.Annotations.map((a) => `\t${a.Original}`)].join('\n');
    });
  return `${entries.join('\n')}\n${readFileSync(SAMPLE.dsaList, 'utf8')}`;
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

async function findById(dbPath: string, id: string): Promise<Advisory | undefined> {
  const store = openAdvisoryDb(dbPath);
  try {
    return (await store.findById(id))[0];
  } finally {
    store.close();
  }
}

function storedDocuments(dbPath: string): Array<{ path: string; state: string }> {
  const store = openAdvisoryDb(dbPath);
  try {
    return (store.infoSync().feeds[0]?.documents ?? []) as Array<{ path: string; state: string }>;
  } finally {
    store.close();
  }
}

const gets = (requests: LoggedRequest[]): string[] => requests.filter((r) => r.method === 'GET').map((r) => `${r.path} ${r.status}`).sort();

describe('the default debian feed: tracker JSON + DSA/DLA lists from two hosts, one import', () => {
  let tracker: FeedServer;
  let salsa: FeedServer;
  const cleanups: Array<() => Promise<void>> = [];
  /** The official URLs on the loopback servers; the tracker URL carries credentials. */
  let feeds: () => FeedSpec[];

  beforeAll(async () => {
    const dsa = join(tmp, 'DSA-list');
    writeFileSync(dsa, dsaListWithVulnListEntries(), { flag: 'wx' });
    const trackerMirror = await makeMirror({ 'tracker/data/json': SAMPLE.osvMockJson });
    const salsaMirror = await makeMirror({
      [`${SALSA_DATA}DSA/list`]: dsa,
      [`${SALSA_DATA}DLA/list`]: SAMPLE.dlaList,
      [`${SALSA_DATA}config.json`]: SAMPLE.config,
      [`${SALSA_DATA}CVE/list`]: SAMPLE.cveListExcerpt, // served, but not a default document
    });
    cleanups.push(trackerMirror.cleanup, salsaMirror.cleanup);
    tracker = await startFeedServer({ root: trackerMirror.root, gzip: true });
    salsa = await startFeedServer({ root: salsaMirror.root });
    const trackerUrl = tracker.url.replace('http://', 'http://reader:s3cret@');
    feeds = () => defaultFeeds([debianImporter], (u) => u.replace(TRACKER, trackerUrl).replace(SALSA, salsa.url));
  });
  afterEach(() => {
    for (const s of [tracker, salsa]) {
      s.clearFailures();
      s.requests.length = 0;
    }
  });
  afterAll(async () => {
    await Promise.all([tracker.stop(), salsa.stop(), ...cleanups.map((c) => c())]);
    rmSync(tmp, { recursive: true, force: true });
  });

  it('is one routed feed of every official document but data/CVE/list', () => {
    const [feed, ...rest] = defaultFeeds([debianImporter]);
    expect(rest).toEqual([]);
    const { ['data/CVE/list']: _cveList, ...expected } = DEBIAN_DOCUMENT_URLS;
    expect(feed?.documents).toEqual(expected);
    expect(feed?.location).toBe(`${TRACKER}tracker/data/json (+3 documents)`);
  });

  it('imports DSA/DLA advisories and merges DSA fixes; the next update is all 304s and no rebuild', async () => {
    const dbPath = join(fresh('db'), 'advisories.db');
    const cacheDir = fresh('cache');
    const built = await updateDb({ dbPath, cacheDir, feeds: feeds(), http: FAST });
    expect(built.upToDate).toBe(false);
    if (built.upToDate) return;
    expect(built.feeds.map((f) => f.location)).toEqual([`http://***:***@127.0.0.1:${tracker.port}/tracker/data/json (+3 documents)`]);
    expect(built.feeds[0]?.stats.warnings).toBe(0);

    const dsa = await findById(dbPath, 'DSA-5724-1');
    expect(dsa?.aliases).toContain('CVE-2024-6387');
    expect((await findById(dbPath, 'DLA-3380-1'))?.id).toBe('DLA-3380-1');
    const cve = await findById(dbPath, 'CVE-2024-6387');
    expect(cve && bounds(affectedIn(cve, 'debian:12', 'openssh'))).toEqual({ fixed: '1:9.2p1-2+deb12u3' });
    expect(cve?.related).toContain('DSA-5724-1');
    // the tracker JSON is read too: its CVEs and their per-release verdicts
    const fromJson = await findById(dbPath, 'CVE-2016-1585');
    expect(fromJson && bounds(affectedIn(fromJson, 'debian:13', 'apparmor'))).toEqual({ fixed: '3.0.12-1' });

    expect(gets(tracker.requests)).toEqual(['tracker/data/json 200']);
    expect(gets(salsa.requests)).toEqual([`${SALSA_DATA}DLA/list 200`, `${SALSA_DATA}DSA/list 200`, `${SALSA_DATA}config.json 200`]);
    // each host gets its own credentials only
    expect(tracker.requests.every((r) => r.headers.authorization === `Basic ${Buffer.from('reader:s3cret').toString('base64')}`)).toBe(true);
    expect(salsa.requests.some((r) => r.headers.authorization !== undefined)).toBe(false);
    expect(storedDocuments(dbPath).map((d) => `${d.path} ${d.state}`)).toEqual([
      'data/DLA/list file',
      'data/DSA/list file',
      'data/config.json file',
      'tracker/data/json file',
    ]);

    const before = { hash: sha(dbPath), mtime: statSync(dbPath).mtimeMs };
    for (const s of [tracker, salsa]) s.requests.length = 0;
    const again = await updateDb({ dbPath, cacheDir, feeds: feeds(), http: FAST });
    expect(again.upToDate).toBe(true);
    expect(gets(tracker.requests)).toEqual(['tracker/data/json 304']);
    expect(gets(salsa.requests)).toEqual([`${SALSA_DATA}DLA/list 304`, `${SALSA_DATA}DSA/list 304`, `${SALSA_DATA}config.json 304`]);
    expect({ hash: sha(dbPath), mtime: statSync(dbPath).mtimeMs }).toEqual(before);
  });

  it('a document that is 404 is recorded missing and the rest still import; all missing is an INPUT error', async () => {
    const dbPath = join(fresh('db'), 'advisories.db');
    const cacheDir = fresh('cache');
    salsa.fail({ path: `${SALSA_DATA}DLA/list`, kind: 'status', status: 404 });
    const built = await updateDb({ dbPath, cacheDir, feeds: feeds(), http: FAST });
    expect(built.upToDate).toBe(false);
    expect(await findById(dbPath, 'DLA-3380-1')).toBeUndefined();
    expect((await findById(dbPath, 'DSA-5724-1'))?.id).toBe('DSA-5724-1');
    expect(storedDocuments(dbPath).find((d) => d.path === 'data/DLA/list')?.state).toBe('missing');
    // still missing → still up to date (the missing document is asked again, with HEAD)
    expect((await updateDb({ dbPath, cacheDir, feeds: feeds(), http: FAST })).upToDate).toBe(true);
    // it appears → rebuild
    salsa.clearFailures();
    expect((await updateDb({ dbPath, cacheDir, feeds: feeds(), http: FAST })).upToDate).toBe(false);
    expect((await findById(dbPath, 'DLA-3380-1'))?.id).toBe('DLA-3380-1');

    const hash = sha(dbPath);
    for (const s of [tracker, salsa]) s.fail({ kind: 'status', status: 404 });
    const err = await caught(updateDb({ dbPath, cacheDir: fresh('cache'), feeds: feeds(), http: FAST }));
    expect(err.code).toBe('INPUT');
    expect(err.message).toMatch(/^feed debian \(.*\(\+3 documents\)\): .* holds no Debian tracker document/);
    expect(sha(dbPath)).toBe(hash);
  });

  it('offline: a clear error naming every URL, and no request', async () => {
    const err = await caught(updateDb({ dbPath: join(fresh('db'), 'a.db'), cacheDir: fresh('cache'), feeds: feeds(), offline: true }));
    expect(err.code).toBe('NETWORK');
    const urls = Object.values(feeds()[0]?.documents ?? {}).map((u) => u.replace('reader:s3cret@', '***:***@'));
    expect(urls).toHaveLength(4);
    expect(err.message).toBe(`offline: cannot fetch ${urls.join(', ')} (feed debian)`);
    expect([...tracker.requests, ...salsa.requests]).toEqual([]);
  });
});
