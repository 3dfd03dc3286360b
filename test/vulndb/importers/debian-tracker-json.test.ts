import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../../src/core/errors.js';
import { FactBook, type ReleaseFact } from '../../../src/vulndb/importers/debian/facts.js';
import { topLevelMembers } from '../../../src/vulndb/importers/debian/json-members.js';
import { DebianReleases } from '../../../src/vulndb/importers/debian/releases.js';
import { readTrackerJson, releaseFact } from '../../../src/vulndb/importers/debian/tracker-json.js';
import { SAMPLE } from './debian-sample.js';

function read(path: string): { book: FactBook; warnings: string[]; n: number } {
  const book = new FactBook();
  const warnings: string[] = [];
  const n = readTrackerJson(readFileSync(path), 'tracker/data/json', book, (m) => warnings.push(m));
  return { book, warnings, n };
}

function fact(book: FactBook, cve: string, pkg: string, release: string): ReleaseFact {
  const f = book.cves.get(cve)?.packages.get(pkg)?.get(release);
  if (!f) throw new Error(`no ${cve} ${pkg} ${release}`);
  return f;
}

describe("vunnel's tracker JSON fixture (real excerpt)", () => {
  const { book, warnings, n } = read(SAMPLE.vunnelJson);

  it('reads every release record without a warning', () => {
    expect(warnings).toEqual([]);
    const doc = JSON.parse(readFileSync(SAMPLE.vunnelJson, 'utf8')) as Record<string, Record<string, { releases: unknown }>>;
    const records = Object.values(doc).flatMap((issues) => Object.values(issues).flatMap((i) => (Array.isArray(i.releases) ? [] : Object.keys(i.releases as object))));
    expect(n).toBe(records.length);
  });

  it('resolved + fixed_version → fixed; urgency high** → high; scope and bug kept (CVE-2008-7220)', () => {
    for (const r of ['stretch', 'jessie', 'buster', 'sid']) {
      expect(fact(book, 'CVE-2008-7220', 'prototypejs', r)).toMatchObject({ status: 'fixed', fixed: '1.6.0.2-1', severity: 'high', origin: 'tracker' });
    }
    const cve = book.cves.get('CVE-2008-7220');
    expect(cve?.scope).toBe('remote');
    expect([...(cve?.bugs ?? [])]).toEqual([555217]);
    expect(cve?.summary).toMatch(/^Unspecified vulnerability in Prototype JavaScript framework/);
  });

  it('resolved + fixed_version "0" → not-affected; unimportant → negligible (CVE-2007-2383)', () => {
    expect(fact(book, 'CVE-2007-2383', 'prototypejs', 'buster')).toMatchObject({ status: 'not-affected', severity: 'negligible' });
    expect(fact(book, 'CVE-2007-2383', 'prototypejs', 'buster').fixed).toBeUndefined();
  });

  it('open + urgency end-of-life → end-of-life; "not yet assigned" → no severity (CVE-2022-0456, chromium)', () => {
    expect(fact(book, 'CVE-2022-0456', 'chromium', 'buster')).toMatchObject({ status: 'end-of-life' });
    expect(fact(book, 'CVE-2022-0456', 'chromium', 'stretch')).toMatchObject({ status: 'end-of-life' });
    const bullseye = fact(book, 'CVE-2022-0456', 'chromium', 'bullseye');
    expect(bullseye).toMatchObject({ status: 'fixed', fixed: '98.0.4758.80-1~deb11u1' });
    expect(bullseye.severity).toBeUndefined();
    expect(book.cves.get('CVE-2022-0456')?.summary).toBeUndefined();
  });

  it('takes "releases": [] (as the real feed has it) as no releases, silently (CVE-2022-0358)', () => {
    expect(book.cves.get('CVE-2022-0358')?.packages.get('chromium-browser')?.size ?? 0).toBe(0);
  });

  it('maps trixie and bookworm (CVE-2025-53603, sope)', () => {
    const releases = new DebianReleases();
    expect(releases.namespaceOf('trixie')).toBe('debian:13');
    expect(fact(book, 'CVE-2025-53603', 'sope', 'bookworm')).toMatchObject({ status: 'fixed', fixed: '5.8.0-1+deb12u1' });
    expect(fact(book, 'CVE-2025-53603', 'sope', 'trixie')).toMatchObject({ status: 'fixed', fixed: '5.12.1-2' });
  });
});

describe("osv.dev's tracker JSON mock, checked against osv.dev's own conversion of it", () => {
  const { book, warnings } = read(SAMPLE.osvMockJson);
  const releases = new DebianReleases();

  it('reads it without a warning; fixed_version "0" everywhere is not-affected (CVE-2014-1424)', () => {
    expect(warnings).toEqual([]);
    for (const f of book.cves.get('CVE-2014-1424')?.packages.get('apparmor')?.values() ?? []) expect(f.status).toBe('not-affected');
  });

  // osvdev-vulnfeeds-parts/*.json: osv.dev's per-release output for the same input (sid is not exported there).
  const partFiles = readdirSync(SAMPLE.osvParts).filter((f) => f.endsWith('.json'));
  it.each(partFiles)('%s: same release set, same fixed versions, open where osv.dev has no fix', (file) => {
    const cve = file.replace('.debian.json', '');
    const parts = JSON.parse(readFileSync(join(SAMPLE.osvParts, file), 'utf8')) as Array<{
      pkg_name: string;
      ecosystem: string;
      fixed_version: { affected_versions: Array<{ introduced?: string; fixed?: string }> };
      ecosystem_specific: { urgency: string };
    }>;
    const ours = book.cves.get(cve)?.packages.get('apparmor');
    const ourNamespaces = [...(ours?.keys() ?? [])].filter((c) => c !== 'sid').map((c) => releases.namespaceOf(c));
    expect(ourNamespaces.sort()).toEqual(parts.map((p) => p.ecosystem.replace('Debian:', 'debian:')).sort());
    for (const p of parts) {
      const codename = releases.codenameOf(p.ecosystem.replace('Debian:', '')) ?? '';
      const f = ours?.get(codename);
      const fixed = p.fixed_version.affected_versions.find((e) => e.fixed !== undefined)?.fixed;
      if (fixed === undefined) expect(f?.status, `${cve} ${codename}`).toBe('affected');
      else expect(f, `${cve} ${codename}`).toMatchObject({ status: 'fixed', fixed });
    }
  });
});

describe('tracker JSON release records the sample lacks (real field names, constructed values)', () => {
  // Field set per the tracker's bin/tracker_service.py JSON dump: status, repositories, fixed_version,
  // urgency, nodsa, nodsa_reason ("" | "ignored" | "postponed"), next_point_update.
  it.each([
    [{ status: 'open', urgency: 'low', nodsa: 'Minor issue', nodsa_reason: '' }, 'affected', 'no-dsa: Minor issue'],
    [{ status: 'open', urgency: 'low', nodsa: 'Minor issue', nodsa_reason: 'ignored' }, 'will-not-fix', 'ignored: Minor issue'],
    [{ status: 'open', urgency: 'medium*', nodsa: 'Minor issue', nodsa_reason: 'postponed' }, 'fix-deferred', 'postponed: Minor issue'],
    [{ status: 'open', urgency: 'not yet assigned', next_point_update: true }, 'affected', 'fix planned for the next point release'],
    [{ status: 'undetermined', urgency: 'not yet assigned' }, 'under-investigation', undefined],
  ] as const)('%j → %s', (record, status, note) => {
    const f = releaseFact(record);
    if (typeof f === 'string') throw new Error(f);
    expect(f.status).toBe(status);
    expect(f.notes?.[0]).toBe(note);
  });

  it('refuses records it cannot read, with the reason', () => {
    expect(releaseFact({ status: 'resolved' })).toBe('status resolved without a fixed_version');
    expect(releaseFact({ status: 'weird' })).toBe('unknown status "weird"');
    expect(releaseFact('open')).toBe('release record is not an object');
  });
});

describe('malformed tracker JSON', () => {
  const bytes = (s: string): Uint8Array => new TextEncoder().encode(s);

  it('throws INPUT naming the document when it is not JSON or not an object', () => {
    for (const bad of ['{"truncated": ', '[1, 2]', '"text"']) {
      let err: unknown;
      try {
        readTrackerJson(bytes(bad), 'https://security-tracker.debian.org/tracker/data/json', new FactBook(), () => {});
      } catch (e) {
        err = e;
      }
      expect(err).toBeInstanceOf(AppError);
      expect((err as AppError).code).toBe('INPUT');
      expect((err as AppError).message).toMatch(/^https:\/\/security-tracker\.debian\.org\/tracker\/data\/json/);
    }
  });

  it('turns bad records into warnings naming package, id and release, and keeps the good ones', () => {
    const doc = {
      'bad name!': {},
      openssl: {
        'not-an-id': { releases: {} },
        'CVE-2099-0001': 'oops',
        'CVE-2099-0002': { releases: 'oops' },
        'CVE-2099-0003': { releases: { bookworm: { status: 'resolved' }, 'Bad Codename': { status: 'open' }, trixie: { status: 'open' } } },
      },
    };
    const book = new FactBook();
    const warnings: string[] = [];
    const n = readTrackerJson(bytes(JSON.stringify(doc)), 'json', book, (m) => warnings.push(m));
    expect(n).toBe(1);
    expect(warnings).toEqual([
      'json: package "bad name!" is not a source package name with an object of issues; skipped',
      'json: openssl not-an-id: not a CVE or TEMP id; skipped',
      'json: openssl CVE-2099-0001: not an object; skipped',
      'json: openssl CVE-2099-0002: "releases" is not an object; entry skipped',
      'json: openssl CVE-2099-0003 bookworm: status resolved without a fixed_version; release skipped',
      'json: openssl CVE-2099-0003: release "Bad Codename" is not a codename; skipped',
    ]);
    expect(fact(book, 'CVE-2099-0003', 'openssl', 'trixie').status).toBe('affected');
  });
});

describe('reading the tracker JSON one package at a time', () => {
  const bytes = (s: string): Uint8Array => new TextEncoder().encode(s);
  const members = (s: string): Array<[string, unknown]> => [...topLevelMembers(bytes(s), 'doc')];

  it('yields what JSON.parse yields, member by member, whatever the spacing, escapes and nesting', () => {
    const text = readFileSync(SAMPLE.vunnelJson, 'utf8');
    expect(Object.fromEntries(members(text))).toEqual(JSON.parse(text));
    const tricky = ' { "a\\"}{" : {"x": "}]\\\\", "y": [1, {"z": "{"}]} ,"b":[] , "c" : 3,"d":"s","e":true}\n';
    expect(members(tricky)).toEqual([
      ['a"}{', { x: '}]\\', y: [1, { z: '{' }] }],
      ['b', []],
      ['c', 3],
      ['d', 's'],
      ['e', true],
    ]);
    expect(members('{}')).toEqual([]);
    expect(members('\uFEFF{"k": 1}')).toEqual([['k', 1]]); // a UTF-8 byte order mark is skipped
  });

  it('refuses what is not one object, naming the document and the byte offset', () => {
    for (const [bad, msg] of [
      ['[1, 2]', /^doc: expected a JSON object of source packages at byte 0$/],
      ['{"a": 1} x', /^doc: unexpected data after the top-level object at byte 9$/],
      ['{"a": 1 "b": 2}', /^doc: expected "," or "}" at byte 8$/],
      ['{"a": {"b": 1}', /^doc: expected "," or "}" at byte 14$/],
      ['{"a": "open', /^doc: unterminated string at byte 6$/],
      ['{a: 1}', /^doc: expected a member name at byte 1$/],
    ] as const) {
      expect(() => members(bad), bad).toThrow(msg);
    }
  });

  it('hands a member that does not parse to the caller as an Error (a warning, not a crash)', () => {
    const book = new FactBook();
    const warnings: string[] = [];
    readTrackerJson(bytes('{"bad": {"CVE-1": tru}, "openssl": {"CVE-2099-0001": {"releases": {"sid": {"status": "open"}}}}}'), 'json', book, (m) => warnings.push(m));
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/^json: package "bad" is not valid JSON/);
    expect(fact(book, 'CVE-2099-0001', 'openssl', 'sid').status).toBe('affected');
  });
});
