import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AppError } from '../../../src/core/errors.js';
import { alpineSecdbImporter, branchesOfIndex } from '../../../src/vulndb/importers/alpine-secdb.js';
import { parseSecfixLine } from '../../../src/vulndb/importers/alpine/secfix-line.js';
import { findImporter } from '../../../src/vulndb/importers/index.js';
import type { Advisory, AffectedPackage } from '../../../src/vulndb/model.js';
import { HttpFeedSource } from '../../../src/vulndb/sources/http.js';
import { LocalFeedSource } from '../../../src/vulndb/sources/local.js';
import { startFeedServer } from '../../helpers/feed-server.js';
import { REPO_ROOT } from '../../helpers/fixtures.js';
import { collectingSink, importWith, type Imported } from './advisory-sink.js';

const ALPINE = join(REPO_ROOT, '..', 'shared', 'vulndata', 'alpine');

async function importFrom(path: string): Promise<Imported> {
  return importWith(alpineSecdbImporter, new LocalFeedSource(path), 'the secdb');
}

function entry(got: Imported, id: string, namespace: string, name: string): AffectedPackage | undefined {
  const found = got.byId.get(id)?.affected.filter((a) => a.namespace === namespace && a.name === name) ?? [];
  expect(found.length, `${id} ${namespace} ${name} appears once`).toBeLessThanOrEqual(1);
  return found[0];
}

const fixedAt = (namespace: string, name: string, ...fixed: string[]): AffectedPackage => ({
  namespace,
  name,
  packageKind: 'source',
  status: 'fixed',
  ranges: [{ type: 'ECOSYSTEM', events: [{ introduced: '0' }, ...fixed.map((f) => ({ fixed: f }))] }],
  versions: [],
});
const notAffected = (namespace: string, name: string): AffectedPackage => ({ namespace, name, packageKind: 'source', status: 'not-affected', ranges: [], versions: [] });

type RawSecdb = { distroversion: string; packages: Array<{ pkg: { name: string; secfixes?: Record<string, string[]> } }> };

describe('alpine-secdb importer: registration and secfix lines', () => {
  it('is in the importer list with the secdb site as its default', () => {
    expect(findImporter('alpine-secdb')).toBe(alpineSecdbImporter);
    expect(alpineSecdbImporter.defaultUrls).toEqual(['https://secdb.alpinelinux.org/']);
  });

  it('reads every id shape the real secdb uses', () => {
    const cases: Array<[string, ReturnType<typeof parseSecfixLine>]> = [
      ['CVE-2024-9143', { issues: [{ id: 'CVE-2024-9143', aliases: [] }] }],
      ['CVE-2017-12122 TALOS-2017-0488', { issues: [{ id: 'CVE-2017-12122', aliases: ['TALOS-2017-0488'] }] }],
      ['CVE-2018-3639   XSA-263', { issues: [{ id: 'CVE-2018-3639', aliases: ['XSA-263'] }] }],
      ['CVE-2018-10103 (SMB - partially fixed, but SMB printing disabled)', { issues: [{ id: 'CVE-2018-10103', aliases: [] }], note: 'SMB - partially fixed, but SMB printing disabled' }],
      ['XSA-248', { issues: [{ id: 'XSA-248', aliases: [] }] }],
      ['ALPINE-13661', { issues: [{ id: 'ALPINE-13661', aliases: [] }] }],
      ['CVE-????-?????  XSA-295', { issues: [{ id: 'XSA-295', aliases: [] }] }],
      ['CVE_2019-2426', { issues: [{ id: 'CVE-2019-2426', aliases: [] }] }],
      ['CVE 2018-16859', { issues: [{ id: 'CVE-2018-16859', aliases: [] }] }],
      ['CVE-2017-17434-1', { issues: [{ id: 'CVE-2017-17434', aliases: [] }] }],
      ['CVE-2019-19451.patch', { issues: [{ id: 'CVE-2019-19451', aliases: [] }] }],
      ['CVE-2023-1234 CVE-2023-5678', { issues: [{ id: 'CVE-2023-1234', aliases: [] }, { id: 'CVE-2023-5678', aliases: [] }] }],
      ['(regression fix)', undefined],
      ['', undefined],
    ];
    for (const [line, expected] of cases) expect(parseSecfixLine(line), line).toEqual(expected);
  });

  it('finds the branch links of an HTML directory index', () => {
    const html = '<html><body><a href="../">../</a>\n<a href="edge/">edge/</a>\n<a href="v3.9/">v3.9/</a>\n<a href="v3.20/">v3.20/</a>\n<a href="last-update">last-update</a>\n<a href="license.txt">license.txt</a></body></html>';
    expect(branchesOfIndex(html)).toEqual(['v3.9', 'v3.20', 'edge']);
  });
});

describe('alpine-secdb importer: real secdb documents', () => {
  it('imports the 3.18/3.19/3.20 main.json documents: every line of every document, exactly', async () => {
    const dir = join(ALPINE, 'secdb-reassembled');
    const got = await importFrom(dir);
    expect(got.warnings).toEqual([]);
    expect(got.result).toEqual({});
    // counted with python3 over the three files (CVE ids plus the one ALPINE-13661)
    expect(got.advisories).toHaveLength(293);
    const entries = got.advisories.flatMap((a) => a.affected);
    expect(entries).toHaveLength(475);
    expect(entries.filter((e) => e.status === 'not-affected')).toHaveLength(31);
    expect(entries.filter((e) => e.namespace === 'alpine:3.20')).toHaveLength(149);
    expect(got.advisories.every((a) => a.feed === 'alpine-secdb' && a.severities.length === 0)).toBe(true);

    // every (id, version key) of every package, read straight from the JSON, is in the DB as it says
    for (const branch of ['v3.18', 'v3.19', 'v3.20']) {
      const raw = JSON.parse(readFileSync(join(dir, branch, 'main.json'), 'utf8')) as RawSecdb;
      expect(raw.distroversion).toBe(branch);
      for (const { pkg } of raw.packages) {
        for (const [key, ids] of Object.entries(pkg.secfixes ?? {})) {
          for (const id of ids) {
            const e = entry(got, id, `alpine:${branch.slice(1)}`, pkg.name);
            if (key === '0') expect(e, `${id} ${pkg.name}`).toEqual(notAffected(`alpine:${branch.slice(1)}`, pkg.name));
            else expect(e?.ranges[0]?.events, `${id} ${pkg.name}`).toContainEqual({ fixed: key });
          }
        }
      }
    }
  });

  it('states the README facts: zlib CVE-2023-45853 not affected, openssl 3.3.2-r1 fixes CVE-2024-9143 in 3.20', async () => {
    const got = await importFrom(join(ALPINE, 'secdb-reassembled'));
    expect(got.byId.get('CVE-2023-45853')?.affected).toEqual([notAffected('alpine:3.18', 'zlib'), notAffected('alpine:3.19', 'zlib'), notAffected('alpine:3.20', 'zlib')]);
    expect(entry(got, 'CVE-2023-6992', 'alpine:3.20', 'zlib')?.status).toBe('not-affected');
    expect(entry(got, 'CVE-2021-42373', 'alpine:3.20', 'busybox')?.status).toBe('not-affected');
    expect(entry(got, 'CVE-2024-9143', 'alpine:3.20', 'openssl')).toEqual(fixedAt('alpine:3.20', 'openssl', '3.3.2-r1'));
    expect(entry(got, 'CVE-2024-12797', 'alpine:3.20', 'openssl')).toEqual(fixedAt('alpine:3.20', 'openssl', '3.3.3-r0'));
    expect(entry(got, 'CVE-2025-26519', 'alpine:3.20', 'musl')).toEqual(fixedAt('alpine:3.20', 'musl', '1.2.5-r1'));
    expect(entry(got, 'CVE-2024-58251', 'alpine:3.20', 'busybox')).toEqual(fixedAt('alpine:3.20', 'busybox', '1.36.1-r31'));
    expect(entry(got, 'ALPINE-13661', 'alpine:3.20', 'busybox')).toEqual(fixedAt('alpine:3.20', 'busybox', '1.35.0-r7'));
    expect(got.byId.get('CVE-2024-9143')?.references).toEqual(['https://security.alpinelinux.org/vuln/CVE-2024-9143']);
  });

  it("reads Trivy's per-package split (vuln-list) into exactly the same advisories", async () => {
    const split = await importFrom(join(ALPINE, 'vuln-list-alpine'));
    const whole = await importFrom(join(ALPINE, 'secdb-reassembled'));
    expect(split.warnings).toEqual([]);
    const key = (a: AffectedPackage): string => `${a.namespace} ${a.name}`;
    const norm = (advs: Advisory[]): Advisory[] => advs.map((a) => ({ ...a, affected: [...a.affected].sort((x, y) => key(x).localeCompare(key(y))) }));
    expect(norm(split.advisories)).toEqual(norm(whole.advisories));
  });

  it('reads one document file; the namespace comes from its distroversion', async () => {
    const got = await importFrom(join(ALPINE, 'secdb-reassembled/v3.19/main.json'));
    expect(got.warnings).toEqual([]);
    expect(new Set(got.advisories.flatMap((a) => a.affected.map((e) => e.namespace)))).toEqual(new Set(['alpine:3.19']));
    expect(got.advisories.flatMap((a) => a.affected)).toHaveLength(215);
  });

  it('imports the legacy YAML secdb (v3.9–v3.11, main + community) with its odd lines', async () => {
    const dir = join(ALPINE, 'alpine-secdb-legacy');
    expect(readdirSync(dir).sort()).toEqual(['README.md', 'v3.10', 'v3.11', 'v3.9']);
    const got = await importFrom(dir);
    expect(got.warnings).toEqual([]);
    // counted with python3 (yaml BaseLoader) over the six files
    expect(got.advisories).toHaveLength(2000);
    expect(got.advisories.flatMap((a) => a.affected)).toHaveLength(5629);
    expect(entry(got, 'CVE-2018-10103', 'alpine:3.10', 'tcpdump')).toEqual({ ...fixedAt('alpine:3.10', 'tcpdump', '4.9.3-r0'), note: 'SMB - partially fixed, but SMB printing disabled' });
    expect(entry(got, 'XSA-295', 'alpine:3.9', 'xen')).toEqual(fixedAt('alpine:3.9', 'xen', '4.11.2-r0'));
    expect(entry(got, 'XSA-295', 'alpine:3.10', 'xen')).toEqual(fixedAt('alpine:3.10', 'xen', '4.12.1-r0'));
    expect(got.byId.get('CVE-2018-7540')?.aliases).toEqual(['XSA-252']);
    expect(got.byId.get('CVE-2017-12122')?.aliases).toEqual(['TALOS-2017-0488']);
    expect(entry(got, 'CVE-2019-2426', 'alpine:3.9', 'openjdk7')).toEqual(fixedAt('alpine:3.9', 'openjdk7', '7.211.2.6.17-r0'));
    expect(entry(got, 'CVE-2018-16859', 'alpine:3.9', 'ansible')).toEqual(fixedAt('alpine:3.9', 'ansible', '2.7.3-r0'));
    expect(entry(got, 'CVE-2019-19451', 'alpine:3.11', 'dia')).toEqual(fixedAt('alpine:3.11', 'dia', '0.97.3-r1'));
    // "CVE-2017-17434-1" and "-2" under one version: one fix
    expect(entry(got, 'CVE-2017-17434', 'alpine:3.9', 'rsync')).toEqual(fixedAt('alpine:3.9', 'rsync', '3.1.2-r7'));
    // listed under two versions: both are fixed events of one range (OSV evaluation: below the lowest is affected)
    const ws = entry(got, 'CVE-2017-15191', 'alpine:3.9', 'wireshark');
    expect(ws?.ranges).toHaveLength(1);
    expect(ws?.ranges[0]?.events[0]).toEqual({ introduced: '0' });
    expect(new Set(ws?.ranges[0]?.events.slice(1))).toEqual(new Set([{ fixed: '2.4.2-r0' }, { fixed: '2.2.10-r0' }]));
  });
});

describe('alpine-secdb importer: malformed input', () => {
  let tmp: string;
  beforeAll(() => {
    tmp = mkdtempSync(join(tmpdir(), 'drydock-secdb-'));
  });
  afterAll(() => rmSync(tmp, { recursive: true, force: true }));

  const doc = (distroversion: string | undefined, packages: unknown[]): string => JSON.stringify({ ...(distroversion !== undefined && { distroversion }), reponame: 'main', packages });

  it('skips bad documents, packages and lines with warnings naming them; imports the rest', async () => {
    const root = join(tmp, 'mirror');
    for (const b of ['v3.20', 'v3.21', 'v3.22', 'misc']) mkdirSync(join(root, b), { recursive: true });
    writeFileSync(join(root, 'v3.20/main.json'), doc('v3.20', [{ pkg: { name: 'zlib', secfixes: { '0': ['CVE-2023-45853'], '1.3-r0': ['CVE-2023-45853', 'CVE-2022-37434'] } } }, { pkg: { secfixes: {} } }, { nope: 1 }]));
    writeFileSync(join(root, 'v3.21/main.json'), '<html>not json</html>');
    writeFileSync(join(root, 'v3.22/community.json'), doc(undefined, [{ pkg: { name: 'curl', secfixes: { '8.9.0-r0': ['(typo only)', 'CVE-2024-6197'] } } }]));
    writeFileSync(join(root, 'misc/other.json'), doc(undefined, []));
    writeFileSync(join(root, 'misc/array.json'), '[]');
    const got = await importFrom(root);
    expect(got.advisories.map((a) => a.id)).toEqual(['CVE-2022-37434', 'CVE-2023-45853', 'CVE-2024-6197']);
    expect(entry(got, 'CVE-2023-45853', 'alpine:3.20', 'zlib')).toEqual(fixedAt('alpine:3.20', 'zlib', '1.3-r0'));
    expect(entry(got, 'CVE-2024-6197', 'alpine:3.22', 'curl')).toEqual(fixedAt('alpine:3.22', 'curl', '8.9.0-r0'));
    expect(got.warnings).toEqual([
      'misc/array.json: not a secdb document (not a JSON/YAML object)',
      'misc/other.json: no Alpine branch (neither a distroversion like "v3.20" nor a vX.Y directory); skipped',
      'v3.20/main.json: package without a valid name skipped',
      'v3.20/main.json: packages[2] has no "pkg" object; skipped',
      expect.stringMatching(/^v3\.21\/main\.json: invalid JSON: /),
      'v3.22/community.json: curl 8.9.0-r0: no issue id in "(typo only)"; skipped',
      'alpine:3.20 zlib: CVE-2023-45853 is listed both as not affected ("0") and fixed in 1.3-r0; kept as fixed',
    ]);
  });

  it('refuses a source with no readable secdb document, and a missing path', async () => {
    const empty = join(tmp, 'empty');
    mkdirSync(join(empty, 'v3.20'), { recursive: true });
    writeFileSync(join(empty, 'v3.20/main.json'), '{"packages": 5}');
    const err = await importFrom(empty).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).code).toBe('INPUT');
    const missing = await importFrom(join(tmp, 'nope')).catch((e: unknown) => e);
    expect((missing as AppError).code).toBe('NOT_FOUND');
  });
});

describe('alpine-secdb importer: download path (loopback feed server at the secdb URL layout)', () => {
  let cache: string;
  beforeAll(() => {
    cache = mkdtempSync(join(tmpdir(), 'drydock-secdb-http-'));
  });
  afterAll(() => rmSync(cache, { recursive: true, force: true }));

  async function importRemote(route?: (path: string) => { body: string; headers: Record<string, string> } | undefined): Promise<Imported & { requests: string[] }> {
    const server = await startFeedServer({ root: join(ALPINE, 'secdb-reassembled'), gzip: true, ...(route && { route }) });
    const source = new HttpFeedSource(server.url, { feed: 'alpine-secdb', cacheDir: cache });
    try {
      const sink = collectingSink('the secdb');
      const result = await alpineSecdbImporter.import(source, sink);
      const requests = server.requests.map((r) => `${r.path} ${r.status}`);
      return { advisories: sink.advisories, byId: new Map(sink.advisories.map((a) => [a.id, a])), warnings: sink.warnings, result, requests };
    } finally {
      await source.close();
      await server.stop();
    }
  }

  it('without a usable index, probes the known branches and imports what the site serves', async () => {
    const remote = await importRemote();
    const local = await importFrom(join(ALPINE, 'secdb-reassembled'));
    expect(remote.warnings).toEqual([]);
    expect(remote.advisories).toEqual(local.advisories);
    expect(remote.requests).toContain('v3.20/main.json 200');
    expect(remote.requests).toContain('v3.20/community.json 404');
    expect(remote.requests).toContain('v3.0/main.json 404');
    expect(remote.requests).not.toContain('v3.0/community.json 404'); // no main → no branch
  });

  it('follows the branch links of the root index only', async () => {
    const index = '<html><body><a href="v3.20/">v3.20/</a> <a href="last-update">last-update</a></body></html>';
    const remote = await importRemote((path) => (path === '' ? { body: index, headers: { 'content-type': 'text/html' } } : undefined));
    expect(remote.requests).toEqual([' 200', 'v3.20/main.json 200', 'v3.20/community.json 404']);
    expect(new Set(remote.advisories.flatMap((a) => a.affected.map((e) => e.namespace)))).toEqual(new Set(['alpine:3.20']));
    expect(remote.advisories.flatMap((a) => a.affected)).toHaveLength(149);
  });
});
