import { cpSync, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IMPORTERS } from '../../src/vulndb/importers/index.js';
import { runCli } from '../helpers/drydock.js';
import { startFeedServer, type FeedServer } from '../helpers/feed-server.js';
import { REPO_ROOT } from '../helpers/fixtures.js';

const SECDB = join(REPO_ROOT, '..', 'shared', 'vulndata', 'alpine', 'secdb-reassembled');
const tmp = mkdtempSync(join(tmpdir(), 'drydock-db-cli-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
let n = 0;
const fresh = (): string => join(tmp, `case-${n++}`);
const envFor = (cache: string): Record<string, string | undefined> => ({ HOME: join(tmp, 'home'), PATH: process.env['PATH'], DRYDOCK_CACHE_DIR: cache });
const kinds = IMPORTERS.map((i) => i.id).join(', ');

describe('drydock db: usage errors exit 2 with a clear message', () => {
  const env = envFor(join(tmp, 'usage-cache'));

  it('--help lists the subcommands; build/update --help list the feed kinds and examples', async () => {
    const top = await runCli(['db', '--help'], { env });
    expect(top.code).toBe(0);
    expect(top.stdout).toMatch(/build \[options\]\s+build a new advisory DB/);
    expect(top.stdout).toMatch(/update \[options\]/);
    expect(top.stdout).toMatch(/status \[options\]/);
    const build = await runCli(['db', 'build', '--help'], { env });
    expect(build.code).toBe(0);
    for (const i of IMPORTERS) expect(build.stdout).toContain(`  ${i.id.padEnd(20)} ${i.description}`);
    expect(build.stdout).toContain('https://secdb.alpinelinux.org/');
    expect(build.stdout).toContain('drydock db build --db ./advisories.db --feed osv=');
  });

  it('db build without --feed', async () => {
    const r = await runCli(['db', 'build'], { env });
    expect(r).toEqual({ code: 2, stdout: '', stderr: `drydock: db build needs at least one --feed KIND=URL_OR_PATH (known kinds: ${kinds})\n` });
  });

  it('--feed without KIND=', async () => {
    const r = await runCli(['db', 'build', '--feed', 'secdb'], { env });
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`drydock: --feed expects KIND=URL_OR_PATH, got "secdb" (known kinds: ${kinds})\n`);
  });

  it('an unknown KIND lists the known ones', async () => {
    const r = await runCli(['db', 'update', '--feed', 'trivy=./x'], { env });
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`drydock: unknown feed kind "trivy"; known kinds: ${kinds}\n`);
  });

  it('a missing local path', async () => {
    const r = await runCli(['db', 'build', '--feed', 'alpine-secdb=no/such/dir'], { env, cwd: tmp });
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`drydock: feed alpine-secdb: no/such/dir does not exist\n`);
  });

  it('db update --offline with the default (URL) feeds touches no network and names the first feed', async () => {
    const first = IMPORTERS[0];
    expect(first).toBeDefined();
    const r = await runCli(['db', 'update', '--offline'], { env });
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`drydock: offline: cannot fetch ${first!.defaultUrls[0]} (feed ${first!.id})\n`);
  });

  it('db status without a DB, and with a file that is not one', async () => {
    const cache = fresh();
    const missing = await runCli(['db', 'status'], { env: envFor(cache) });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toBe(`drydock: no advisory DB at ${join(cache, 'db', 'drydock.db')}: run "drydock db update" (or "drydock db build") first\n`);
    const junk = join(tmp, 'junk.db');
    writeFileSync(junk, 'not a database '.repeat(100));
    const bad = await runCli(['db', 'status', '--db', junk], { env });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/^drydock: .*junk\.db is not a drydock advisory DB \(.*\); build one with "drydock db update" or "drydock db build"\n$/);
    const format = await runCli(['db', 'status', '--format', 'xml'], { env });
    expect(format.code).toBe(2);
  });
});

describe('drydock db build / update / status', () => {
  let server: FeedServer;
  beforeAll(async () => {
    server = await startFeedServer({ root: SECDB });
  });
  afterAll(() => server.stop());

  it('builds from a relative local path into the default DB under the cache dir, then shows status', async () => {
    const cache = fresh();
    const work = fresh();
    cpSync(SECDB, join(work, 'secdb'), { recursive: true });
    const built = await runCli(['db', 'build', '--feed', 'alpine-secdb=secdb'], { env: envFor(cache), cwd: work });
    expect(built.code).toBe(0);
    expect(built.stdout).toBe('');
    const dbPath = join(cache, 'db', 'drydock.db');
    expect(built.stderr).toMatch(new RegExp(`^drydock: advisory DB ${dbPath}: \\d+ advisories from 1 feed\\(s\\), \\d+\\.\\d MB\\n$`));
    expect(existsSync(dbPath)).toBe(true);

    const table = await runCli(['db', 'status'], { env: envFor(cache) });
    expect(table.code).toBe(0);
    expect(table.stdout).toMatch(new RegExp(`^Advisory DB +${dbPath}\\nSchema +2\\nBuilt +\\S+ \\(just now\\) by drydock \\S+\\nSize +\\d+\\.\\d MB\\n\\nFEED +ADVISORIES +PER-CVE +WARNINGS +SNAPSHOT +IMPORTED +LOCATION\\n`));
    expect(table.stdout).toMatch(new RegExp(`\\nalpine-secdb +\\d+ +0 +0 +- +\\S+ +${join(work, 'secdb')}\\n$`));

    const json = await runCli(['db', 'status', '--format', 'json', '--cache-dir', cache], { env: envFor(join(tmp, 'elsewhere')) });
    expect(json.code).toBe(0);
    const doc = JSON.parse(json.stdout) as { path: string; schemaVersion: number; ageSeconds: number; feeds: Array<Record<string, unknown>> };
    expect(doc).toMatchObject({ path: dbPath, schemaVersion: 2 });
    expect(doc.ageSeconds).toBeLessThan(600);
    expect(doc.feeds).toEqual([
      expect.objectContaining({ id: 'alpine-secdb', location: join(work, 'secdb'), importerVersion: expect.any(Number), warnings: 0, warningSamples: [] }),
    ]);
    expect(doc.feeds[0]?.['advisories']).toBeGreaterThan(0);
  });

  it('update from a URL twice: the second is "up to date"; --force rebuilds; -q is silent', async () => {
    const cache = fresh();
    const dbPath = join(fresh(), 'x.db');
    const args = ['db', 'update', '--db', dbPath, '--feed', `alpine-secdb=${server.url}`];
    const first = await runCli(args, { env: envFor(cache) });
    expect(first.code).toBe(0);
    expect(first.stderr).toMatch(/advisories from 1 feed\(s\)/);
    const second = await runCli(args, { env: envFor(cache) });
    expect(second).toMatchObject({ code: 0, stdout: '' });
    expect(second.stderr).toMatch(new RegExp(`^drydock: advisory DB ${dbPath} is up to date \\(built \\S+; no feed changed\\)\\n$`));
    const forced = await runCli([...args, '--force', '-q'], { env: envFor(cache) });
    expect(forced).toEqual({ code: 0, stdout: '', stderr: '' });
  });
});
