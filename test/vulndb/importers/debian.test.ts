import { readFileSync, readdirSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../../src/core/errors.js';
import { debianImporter } from '../../../src/vulndb/importers/debian.js';
import { findImporter } from '../../../src/vulndb/importers/index.js';
import { LocalFeedSource } from '../../../src/vulndb/sources/local.js';
import { buildDb } from '../../../src/vulndb/build.js';
import { openAdvisoryDb } from '../../../src/vulndb/sqlite/reader.js';
import { queryKey } from '../../../src/vulndb/store.js';
import { CollectingSink, FULL_MIRROR, SAMPLE, affectedIn, bounds, makeMirror, readText } from './debian-sample.js';

async function importFrom(path: string): Promise<{ sink: CollectingSink; snapshot: string | undefined }> {
  const sink = new CollectingSink();
  const result = await debianImporter.import(new LocalFeedSource(path), sink);
  return { sink, snapshot: result.snapshot };
}

/** Advisory blocks of a DSA/DLA list, read with a plain regex (independent of the parser). */
function rawAdvisoryBlocks(text: string): Array<{ id: string; cves: string[]; hasPackages: boolean }> {
  const blocks: Array<{ id: string; cves: string[]; hasPackages: boolean }> = [];
  for (const l of text.split('\n')) {
    const head = /^\[[^\]]+\] (D[SL]A-[\d-]+)/.exec(l);
    const last = blocks[blocks.length - 1];
    if (head?.[1]) blocks.push({ id: head[1], cves: [], hasPackages: false });
    else if (last && /^\s+\{/.test(l)) last.cves.push(...(l.match(/CVE-\d+-\d+/g) ?? []));
    else if (last && /^\s+\[[a-z]+\] - \S+ [^<\s]/.test(l)) last.hasPackages = true;
  }
  return blocks;
}

describe('the debian importer', () => {
  it('is registered as "debian"; db update reads the tracker JSON (one document, one import)', () => {
    expect(findImporter('debian')).toBe(debianImporter);
    expect(debianImporter.defaultUrls).toEqual(['https://security-tracker.debian.org/tracker/data/json']);
  });
});

describe('whole Debian sample, mirrored at the feed URL paths', () => {
  let sink: CollectingSink;
  let snapshot: string | undefined;
  let cleanup: () => Promise<void> = async () => {};

  beforeAll(async () => {
    const mirror = await makeMirror(FULL_MIRROR);
    cleanup = mirror.cleanup;
    ({ sink, snapshot } = await importFrom(mirror.root));
  });
  afterAll(() => cleanup());

  it('imports everything without a warning, with the expected counts', () => {
    expect(sink.warnings).toEqual([]);
    const blocks = [...rawAdvisoryBlocks(readText(SAMPLE.dsaList)), ...rawAdvisoryBlocks(readText(SAMPLE.dlaList))];
    const vulnListDsas = readdirSync(SAMPLE.vulnListDsaDir).map((f) => f.replace('.json', ''));
    const advisoryIds = new Set([...blocks.map((b) => b.id), ...vulnListDsas]);
    const trackerCves = Object.values(JSON.parse(readText(SAMPLE.osvMockJson)) as Record<string, Record<string, unknown>>).flatMap((i) => Object.keys(i));
    const listCves = readText(SAMPLE.cveListExcerpt).split('\n').filter((l) => /^CVE-/.test(l)).map((l) => l.split(' ')[0] ?? '');
    const dsaCves = blocks.filter((b) => b.hasPackages).flatMap((b) => b.cves);
    const cveIds = new Set([...trackerCves, ...listCves, ...dsaCves, 'CVE-2024-6387', 'CVE-2023-4911', 'CVE-2024-2961']);

    const dsas = sink.advisories.filter((a) => /^D[SL]A-/.test(a.id));
    const cves = sink.advisories.filter((a) => a.id.startsWith('CVE-'));
    expect(dsas.map((a) => a.id).sort()).toEqual([...advisoryIds].sort());
    expect(cves.map((a) => a.id).sort()).toEqual([...cveIds].sort());
    expect(sink.advisories).toHaveLength(advisoryIds.size + cveIds.size);
    expect(new Set(sink.advisories.map((a) => a.id)).size).toBe(sink.advisories.length);
    for (const a of sink.advisories) {
      expect(a.feed).toBe('debian');
      expect(a.references[0]).toBe(`https://security-tracker.debian.org/tracker/${a.id}`);
      for (const p of a.affected) {
        expect(p.packageKind).toBe('source');
        expect(p.namespace).toMatch(/^debian:(\d+(\.\d+)?|unstable)$/);
      }
    }
    // the newest advisory date: DSA-5724-1, "[01 Jul 2024]"
    expect(snapshot).toBe('2024-07-01T00:00:00Z');
  });

  it('fixed: a release line of data/CVE/list (CVE-2024-0727, openssl bookworm)', () => {
    const a = sink.byId('CVE-2024-0727');
    expect(affectedIn(a, 'debian:12', 'openssl')).toMatchObject({ status: 'fixed', ranges: [{ type: 'ECOSYSTEM', events: [{ introduced: '0' }, { fixed: '3.0.13-1~deb12u1' }] }] });
    expect(bounds(affectedIn(a, 'debian:unstable', 'openssl'))).toEqual({ fixed: '3.1.5-1' });
    expect(a.summary).toBe('Issue summary: Processing a maliciously formatted PKCS12 file may lead ...');
    expect(a.references).toContain('https://bugs.debian.org/1061582');
    expect(a.references).toContain('https://www.openssl.org/news/secadv/20240125.txt');
  });

  it('fix-deferred: <postponed> (CVE-2024-0727, openssl buster)', () => {
    const p = affectedIn(sink.byId('CVE-2024-0727'), 'debian:10', 'openssl');
    expect(p).toMatchObject({ status: 'fix-deferred', ranges: [], note: 'postponed: Minor issue, DoS, Low severity' });
  });

  it('DSA-5724-1 fixes CVE-2024-6387 in bookworm, which the early CVE entry lacks (README caveat)', () => {
    const a = sink.byId('CVE-2024-6387');
    const bookworm = affectedIn(a, 'debian:12', 'openssh');
    expect(bookworm.status).toBe('fixed');
    expect(bounds(bookworm)).toEqual({ fixed: '1:9.2p1-2+deb12u3' });
    expect(bookworm.note).toMatch(/DSA-5724-1/);
    expect(a.related).toContain('DSA-5724-1');
    expect(affectedIn(a, 'debian:11', 'openssh')).toMatchObject({ status: 'not-affected', note: 'not-affected: Vulnerable code introduced later' });
    expect(bounds(affectedIn(a, 'debian:unstable', 'openssh'))).toEqual({ fixed: '1:9.7p1-7' });
    const dsa = sink.byId('DSA-5724-1');
    expect(dsa).toMatchObject({ aliases: ['CVE-2024-6387'], summary: 'openssh - security update', published: '2024-07-01T00:00:00Z', affected: [] });
    expect(dsa.details).toBe('bookworm: openssh 1:9.2p1-2+deb12u3');
  });

  it('DSA-5514-1 fixes CVE-2023-4911 in bookworm and bullseye; buster stays not-affected; unstable unfixed', () => {
    const a = sink.byId('CVE-2023-4911');
    expect(bounds(affectedIn(a, 'debian:12', 'glibc'))).toEqual({ fixed: '2.36-9+deb12u3' });
    expect(bounds(affectedIn(a, 'debian:11', 'glibc'))).toEqual({ fixed: '2.31-13+deb11u7' });
    expect(affectedIn(a, 'debian:10', 'glibc').status).toBe('not-affected');
    expect(affectedIn(a, 'debian:unstable', 'glibc')).toMatchObject({ status: 'affected', ranges: [] });
    expect(a.related).toEqual(['DSA-5514-1']);
    expect(a.summary).toBe("buffer overflow in dynamic loader's processing of the GLIBC_TUNABLES environment variable");
  });

  it('DSA-5673-1 fixes CVE-2024-2961; buster, without a line, is inferred from unstable (limit, no fix claimed)', () => {
    const a = sink.byId('CVE-2024-2961');
    expect(bounds(affectedIn(a, 'debian:12', 'glibc'))).toEqual({ fixed: '2.36-9+deb12u6' });
    expect(bounds(affectedIn(a, 'debian:11', 'glibc'))).toEqual({ fixed: '2.31-13+deb11u9' });
    const buster = affectedIn(a, 'debian:10', 'glibc');
    expect(buster.status).toBe('affected');
    expect(buster.ranges).toEqual([{ type: 'ECOSYSTEM', events: [{ introduced: '0' }, { limit: '2.37-18' }] }]);
    expect(a.related).toEqual(['DLA-3807-1', 'DSA-5673-1']);
  });

  it('affected: <unfixed> with urgency unimportant → negligible, in every release (CVE-2011-3374, apt)', () => {
    const a = sink.byId('CVE-2011-3374');
    for (const ns of ['debian:unstable', 'debian:10', 'debian:11', 'debian:12', 'debian:13']) {
      expect(affectedIn(a, ns, 'apt'), ns).toMatchObject({ status: 'affected', ranges: [], severity: 'negligible' });
    }
    expect(a.references).toContain('https://bugs.debian.org/642480');
  });

  it('affected: <no-dsa> keeps the reason (CVE-2023-48795, dropbear bookworm)', () => {
    expect(affectedIn(sink.byId('CVE-2023-48795'), 'debian:12', 'dropbear')).toMatchObject({ status: 'affected', ranges: [], note: 'no-dsa: Minor issue' });
  });

  it('will-not-fix: <ignored>, with the unstable urgency (CVE-2016-2781, coreutils)', () => {
    const a = sink.byId('CVE-2016-2781');
    for (const ns of ['debian:7', 'debian:8', 'debian:9', 'debian:10', 'debian:11', 'debian:12']) {
      expect(affectedIn(a, ns, 'coreutils'), ns).toMatchObject({ status: 'will-not-fix', ranges: [], severity: 'low', note: 'ignored: Minor issue' });
    }
    expect(bounds(affectedIn(a, 'debian:unstable', 'coreutils'))).toEqual({ fixed: '9.4-1' });
    expect(affectedIn(a, 'debian:13', 'coreutils')).toMatchObject({ status: 'affected', ranges: [{ type: 'ECOSYSTEM', events: [{ introduced: '0' }, { limit: '9.4-1' }] }] });
  });

  it('end-of-life: <removed> from unstable; will-not-fix in bookworm (CVE-2023-52425, libxmltok)', () => {
    const a = sink.byId('CVE-2023-52425');
    expect(affectedIn(a, 'debian:unstable', 'libxmltok')).toMatchObject({ status: 'end-of-life', note: 'removed' });
    expect(affectedIn(a, 'debian:12', 'libxmltok')).toMatchObject({ status: 'will-not-fix', note: 'ignored: Minor issue, no runtime dependencies left' });
    expect(affectedIn(a, 'debian:11', 'libxmltok')).toMatchObject({ status: 'affected', ranges: [] }); // inferred: removed from unstable, unfixed
    expect(bounds(affectedIn(a, 'debian:12', 'expat'))).toEqual({ fixed: '2.5.0-1+deb12u2' });
  });

  it('not-affected: release lines and an unstable <not-affected> (CVE-2024-3094 xz-utils, CVE-2023-48795 jsch)', () => {
    const xz = sink.byId('CVE-2024-3094');
    for (const ns of ['debian:10', 'debian:11', 'debian:12']) expect(affectedIn(xz, ns, 'xz-utils'), ns).toMatchObject({ status: 'not-affected', note: 'not-affected: Vulnerable code not present' });
    expect(bounds(affectedIn(xz, 'debian:unstable', 'xz-utils'))).toEqual({ fixed: '5.6.1+really5.4.5-1' });
    const jsch = sink.byId('CVE-2023-48795').affected.filter((p) => p.name === 'jsch');
    expect(jsch.length).toBeGreaterThan(5);
    for (const p of jsch) expect(p.status).toBe('not-affected');
  });

  it('the tracker JSON wins over inference: open, resolved and fixed_version "0" (apparmor)', () => {
    const open = sink.byId('CVE-2016-1585');
    expect(open.affected.map((p) => `${p.namespace} ${p.status}`)).toEqual(['debian:10 affected', 'debian:11 affected', 'debian:12 affected', 'debian:13 fixed', 'debian:unstable fixed']);
    expect(open.references).toContain('https://bugs.debian.org/929990');
    expect(open.details).toBe('Scope: local.');
    for (const p of sink.byId('CVE-2014-1424').affected) expect(p).toMatchObject({ status: 'not-affected', severity: 'negligible' });
  });

  it('DLA-only CVEs become records of their own (CVE-2023-1393 via DSA-5380-1)', () => {
    const a = sink.byId('CVE-2023-1393');
    expect(a.summary).toBeUndefined();
    expect(a.related).toEqual(['DLA-3372-1', 'DSA-5380-1']);
    expect(bounds(affectedIn(a, 'debian:11', 'xorg-server'))).toEqual({ fixed: '2:1.20.11-1+deb11u6' });
    expect(bounds(affectedIn(a, 'debian:10', 'xorg-server'))).toEqual({ fixed: '2:1.20.4-1+deb10u9' });
  });
});

describe('partial feeds', () => {
  it('vuln-list-debian alone: the DSA JSON still fixes CVE-2024-6387 and CVE-2023-4911 in bookworm', async () => {
    const { sink } = await importFrom(SAMPLE.vulnListRoot);
    expect(sink.warnings).toEqual([]);
    expect(bounds(affectedIn(sink.byId('CVE-2024-6387'), 'debian:12', 'openssh'))).toEqual({ fixed: '1:9.2p1-2+deb12u3' });
    expect(bounds(affectedIn(sink.byId('CVE-2023-4911'), 'debian:12', 'glibc'))).toEqual({ fixed: '2.36-9+deb12u3' });
    expect(sink.advisories.map((a) => a.id).filter((id) => id.startsWith('DSA-'))).toEqual(['DSA-5514-1', 'DSA-5673-1', 'DSA-5724-1']);
  });

  it('data/CVE/list alone (one file): bookworm openssh is affected below unstable’s fix, no fix claimed', async () => {
    const { sink, snapshot } = await importFrom(SAMPLE.cveListExcerpt);
    expect(sink.warnings).toEqual([]);
    expect(snapshot).toBeUndefined();
    const p = affectedIn(sink.byId('CVE-2024-6387'), 'debian:12', 'openssh');
    expect(p.status).toBe('affected');
    expect(bounds(p)).toEqual({ limit: '1:9.7p1-7' });
    expect(sink.advisories).toHaveLength(9);
  });

  it('a DSA list alone (one file): advisories plus the CVEs they fix; no-CVE DSAs carry their own fix', async () => {
    const { sink, snapshot } = await importFrom(SAMPLE.dsaList);
    expect(sink.warnings).toEqual([]);
    expect(snapshot).toBe('2023-03-29T00:00:00Z');
    expect(sink.byId('DSA-5356-2').affected).toMatchObject([{ namespace: 'debian:11', name: 'sox', status: 'fixed', ranges: [{ events: [{ introduced: '0' }, { fixed: '14.4.2+git20190427-2+deb11u2' }] }] }]);
    // two DSAs fixed CVE-2022-3201 in bullseye chromium: the later, higher version wins (the first fix was not enough)
    const chromium = affectedIn(sink.byId('CVE-2022-3201'), 'debian:11', 'chromium');
    expect(bounds(chromium)).toEqual({ fixed: '106.0.5249.61-1~deb11u1' });
    expect(sink.byId('CVE-2022-3201').related).toEqual(['DSA-5230-1', 'DSA-5244-1']);
  });

  it('a DLA list alone: a regression update (-2) beats the first fix (CVE-2023-23931, python-cryptography buster)', async () => {
    const { sink } = await importFrom(SAMPLE.dlaList);
    expect(sink.warnings).toEqual([]);
    expect(bounds(affectedIn(sink.byId('CVE-2023-23931'), 'debian:10', 'python-cryptography'))).toEqual({ fixed: '2.6.1-3+deb10u4' });
  });

  it("vunnel's tracker JSON (one file): end-of-life, old releases and trixie", async () => {
    const { sink } = await importFrom(SAMPLE.vunnelJson);
    expect(sink.warnings).toEqual([]);
    const chromium = sink.byId('CVE-2022-0456');
    expect(affectedIn(chromium, 'debian:10', 'chromium')).toMatchObject({ status: 'end-of-life', ranges: [] });
    expect(affectedIn(chromium, 'debian:9', 'chromium')).toMatchObject({ status: 'end-of-life' });
    expect(bounds(affectedIn(chromium, 'debian:12', 'chromium'))).toEqual({ fixed: '98.0.4758.80-1' });
    expect(bounds(affectedIn(sink.byId('CVE-2025-53603'), 'debian:13', 'sope'))).toEqual({ fixed: '5.12.1-2' });
    expect(() => sink.byId('CVE-2022-0358')).toThrow(); // "releases": [] → nothing to record
  });

  it('one vuln-list CVE file alone is recognised by its content', async () => {
    const { sink } = await importFrom(join(SAMPLE.vulnListRoot, 'tracker/CVE/2011/CVE-2011-3374.json'));
    expect(sink.warnings).toEqual([]);
    expect(sink.advisories.map((a) => a.id)).toEqual(['CVE-2011-3374']);
  });
});

describe('inputs that are not a Debian feed', () => {
  it('an empty directory and an unrelated file are INPUT errors naming the location', async () => {
    const { root, cleanup } = await makeMirror({});
    try {
      await expect(importFrom(root)).rejects.toThrow(new RegExp(`^${root} holds no Debian tracker document`));
      const readme = join(SAMPLE.osvParts, '..', '..', 'README.md');
      const err = await importFrom(readme).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(AppError);
      expect((err as AppError).code).toBe('INPUT');
      expect((err as AppError).message).toContain(readme);
    } finally {
      await cleanup();
    }
  });

  it('a broken tracker JSON next to good lists fails the import (INPUT), it does not import half a feed', async () => {
    const { root, cleanup } = await makeMirror({ 'tracker/data/json': SAMPLE.dsaList, 'data/DSA/list': SAMPLE.dsaList });
    try {
      const err = await importFrom(root).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(AppError);
      expect((err as AppError).code).toBe('INPUT');
      expect((err as AppError).message).toBe(`${join(root, 'tracker/data/json')}: expected a JSON object of source packages at byte 0`);
    } finally {
      await cleanup();
    }
  });

  it('reads the sample README facts it relies on', () => {
    // the caveat this importer exists for: the vuln-list CVE entry has no bookworm line
    expect(readFileSync(join(SAMPLE.vulnListRoot, 'tracker/CVE/2024/CVE-2024-6387.json'), 'utf8')).not.toContain('bookworm');
  });
});

describe('into the real SQLite store', () => {
  it('builds a DB from the mirrored sample and finds the merged bookworm fix by (namespace, source package)', async () => {
    const { root, cleanup } = await makeMirror(FULL_MIRROR);
    const dir = await mkdtemp(join(tmpdir(), 'drydock-debian-db-'));
    try {
      const dbPath = join(dir, 'advisories.db');
      const summary = await buildDb({ dbPath, feeds: [{ importer: debianImporter, location: root }], cacheDir: dir, offline: true });
      expect(summary.feeds[0]?.stats.warnings).toBe(0);
      const store = openAdvisoryDb(dbPath);
      try {
        const q = { namespace: 'debian:12', name: 'openssh' };
        const hits = (await store.lookup([q])).get(queryKey(q)) ?? [];
        const hit = hits.find((h) => h.advisoryId === 'CVE-2024-6387');
        expect(hit?.feed).toBe('debian');
        expect(hit?.affected).toMatchObject({ status: 'fixed', packageKind: 'source', ranges: [{ events: [{ introduced: '0' }, { fixed: '1:9.2p1-2+deb12u3' }] }] });
        const [dsa] = await store.findById('DSA-5724-1');
        expect(dsa?.aliases).toEqual(['CVE-2024-6387']);
        expect((await store.info()).feeds.map((f) => [f.id, f.snapshot])).toEqual([['debian', '2024-07-01T00:00:00Z']]);
      } finally {
        store.close();
      }
    } finally {
      await cleanup();
      await rm(dir, { recursive: true, force: true });
    }
  });
});
