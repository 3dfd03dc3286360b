import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, relative } from 'node:path';
import { AppError } from '../../../src/core/errors.js';
import { normalizePackageName, namespaceFromOsvEcosystem } from '../../../src/vulndb/ecosystems.js';
import type { Importer } from '../../../src/vulndb/importer.js';
import { findImporter } from '../../../src/vulndb/importers/index.js';
import { createOsvImporter, osvImporter } from '../../../src/vulndb/importers/osv.js';
import type { Advisory } from '../../../src/vulndb/model.js';
import { HttpFeedSource } from '../../../src/vulndb/sources/http.js';
import { LocalFeedSource } from '../../../src/vulndb/sources/local.js';
import { startFeedServer } from '../../helpers/feed-server.js';
import { collectingSink, importWith, type Imported } from './advisory-sink.js';
import { REPO_ROOT } from '../../helpers/fixtures.js';

const VULNDATA = join(REPO_ROOT, '..', 'shared', 'vulndata');

async function importFrom(path: string, importer: Importer = osvImporter): Promise<Imported> {
  return importWith(importer, new LocalFeedSource(path), 'OSV');
}

function filesUnder(dir: string, pattern: RegExp): string[] {
  const out: string[] = [];
  const walk = (d: string): void => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      if (e.isDirectory()) walk(join(d, e.name));
      else if (pattern.test(e.name)) out.push(join(d, e.name));
    }
  };
  walk(dir);
  return out.sort();
}

type RawRecord = {
  id: string;
  modified: string;
  withdrawn?: string;
  affected?: Array<{ package?: { ecosystem: string; name: string }; ranges?: Array<{ type: string; events: object[] }>; versions?: string[] }>;
};

/** The records as an independent parser reads them: JSON.parse, or Python's yaml (BaseLoader: every scalar a string). */
function rawRecords(paths: string[]): RawRecord[] {
  const json = paths.filter((p) => p.endsWith('.json')).map((p) => JSON.parse(readFileSync(p, 'utf8')) as RawRecord);
  const yamlPaths = paths.filter((p) => /\.ya?ml$/.test(p));
  if (yamlPaths.length === 0) return json;
  const script = 'import sys, json, yaml\nprint(json.dumps([yaml.load(open(p), Loader=yaml.BaseLoader) for p in sys.argv[1:]]))';
  const out = execFileSync('python3', ['-c', script, ...yamlPaths], { maxBuffer: 64 * 1024 * 1024, encoding: 'utf8' });
  return [...json, ...(JSON.parse(out) as RawRecord[])];
}

/**
 * Every imported advisory carries its record's affected entries verbatim: ranges (type + events in
 * their order) and versions, name normalised for the namespace; withdrawn records are absent.
 */
function expectVerbatim(imported: Imported, raw: RawRecord[]): void {
  for (const r of raw) {
    const adv = imported.byId.get(r.id);
    if (r.withdrawn !== undefined) {
      expect(adv, `${r.id} is withdrawn`).toBeUndefined();
      continue;
    }
    const expected = (r.affected ?? []).flatMap((a) => {
      const ns = a.package ? namespaceFromOsvEcosystem(a.package.ecosystem) : undefined;
      if (!a.package || !ns) return [];
      const ranges = (a.ranges ?? []).map((x) => ({ type: x.type, events: x.events }));
      const versions = a.versions ?? [];
      if (versions.length === 0 && !ranges.some((x) => x.type !== 'GIT')) return [];
      return [{ namespace: ns, name: normalizePackageName(ns, a.package.name), ranges, versions }];
    });
    if (expected.length === 0) {
      expect(adv, `${r.id} has nothing to match`).toBeUndefined();
      continue;
    }
    expect(adv, r.id).toBeDefined();
    expect(adv?.affected.map((a) => ({ namespace: a.namespace, name: a.name, ranges: a.ranges, versions: a.versions })), r.id).toEqual(expected);
  }
}

function newestModified(raw: RawRecord[]): string | undefined {
  const real = raw.filter((r) => Date.parse(r.modified) >= 0);
  return real.sort((a, b) => Date.parse(b.modified) - Date.parse(a.modified))[0]?.modified;
}

describe('osv importer: registration', () => {
  it('is in the importer list, with the osv.dev zips of the ecosystems drydock matches as defaults', () => {
    expect(findImporter('osv')).toBe(osvImporter);
    const urls = osvImporter.defaultUrls;
    for (const e of ['npm', 'PyPI', 'Go', 'Maven', 'RubyGems', 'crates.io', 'Packagist', 'NuGet']) {
      expect(urls).toContain(`https://osv-vulnerabilities.storage.googleapis.com/${e}/all.zip`);
    }
    // Debian and Alpine come from their native feeds; their OSV would double every distro finding.
    expect(urls.some((u) => /\/(Debian|Alpine)[^/]*\/all\.zip$/.test(u))).toBe(false);
  });
});

describe('osv importer: GitHub advisories (npm, Maven)', () => {
  it('imports every npm GHSA record with its ranges verbatim, severities and CWEs', async () => {
    const dir = join(VULNDATA, 'npm/ghsa-osv');
    const raw = rawRecords(filesUnder(dir, /\.json$/));
    const got = await importFrom(dir);
    expect(got.warnings).toEqual([]);
    expect(got.advisories.map((a) => a.id).sort()).toEqual(raw.map((r) => r.id).sort());
    expect(raw).toHaveLength(5);
    expectVerbatim(got, raw);
    expect(got.result.snapshot).toBe(newestModified(raw));

    const vm2 = got.byId.get('GHSA-cchq-frgv-rjh5');
    expect(vm2?.affected).toEqual([
      { namespace: 'npm', name: 'vm2', status: 'affected', ranges: [{ type: 'ECOSYSTEM', events: [{ introduced: '0' }, { last_affected: '3.9.19' }] }], versions: [] },
    ]);
    expect(vm2?.aliases).toEqual(['CVE-2023-37466']);
    expect(vm2?.cwes).toEqual(['CWE-94']);
    expect(vm2?.severities).toEqual([
      { source: 'ghsa', cvss: { version: '3.1', vector: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H', score: 9.8 }, severity: 'critical' },
      { source: 'ghsa', severity: 'critical' },
    ]);
    expect(vm2?.feed).toBe('osv');
    expect(vm2?.published).toBe('2023-07-13T17:02:02Z');
    expect(vm2?.modified).toBe('2023-07-24T20:03:31Z');
    expect(vm2?.summary).toBe('vm2 Sandbox Escape vulnerability');

    // semver: three branches, each fixed; ws: four ranges; lodash (PR:H) scores 7.2, MODERATE → medium
    expect(got.byId.get('GHSA-c2qf-rxjj-qqgw')?.affected.map((a) => a.status)).toEqual(['fixed', 'fixed', 'fixed']);
    expect(got.byId.get('GHSA-c2qf-rxjj-qqgw')?.severities.map((s) => s.severity)).toEqual(['medium', 'medium']);
    expect(got.byId.get('GHSA-3h5v-q93c-6h6q')?.affected).toHaveLength(4);
    expect(got.byId.get('GHSA-35jh-r3h4-6jhm')?.affected.map((a) => a.name)).toEqual(['lodash', 'lodash-es']);
    expect(got.byId.get('GHSA-35jh-r3h4-6jhm')?.severities[0]?.cvss?.score).toBe(7.2);
  });

  it('imports the Maven GHSA records (groupId:artifactId names, .RELEASE versions, Log4Shell 10.0)', async () => {
    const dir = join(VULNDATA, 'maven/ghsa-osv');
    const raw = rawRecords(filesUnder(dir, /\.json$/));
    const got = await importFrom(dir);
    expect(got.warnings).toEqual([]);
    expect(got.advisories).toHaveLength(6);
    expectVerbatim(got, raw);
    const spring = got.byId.get('GHSA-36p3-wjmg-h94x');
    expect(spring?.affected).toHaveLength(10);
    expect(new Set(spring?.affected.map((a) => a.name))).toEqual(
      new Set([
        'org.springframework:spring-beans',
        'org.springframework:spring-webmvc',
        'org.springframework.boot:spring-boot-starter-web',
        'org.springframework:spring-webflux',
        'org.springframework.boot:spring-boot-starter-webflux',
      ]),
    );
    expect(spring?.affected[0]?.ranges[0]?.events).toEqual([{ introduced: '0' }, { fixed: '5.2.20.RELEASE' }]);
    expect(spring?.affected.every((a) => a.namespace === 'maven' && a.status === 'fixed' && a.packageKind === undefined)).toBe(true);
    expect(got.byId.get('GHSA-jfh8-c2jp-5v3q')?.severities[0]?.cvss?.score).toBe(10);
    expect(got.byId.get('GHSA-7g45-4rm6-3mm3')?.severities).toEqual([
      { source: 'ghsa', cvss: { version: '3.1', vector: 'CVSS:3.1/AV:L/AC:L/PR:L/UI:N/S:U/C:H/I:N/A:N', score: 5.5 }, severity: 'medium' },
      { source: 'ghsa', severity: 'medium' },
    ]);
  });
});

describe('osv importer: PyPA (YAML) and Go vulndb', () => {
  it('imports every PyPA YAML record: GIT + ECOSYSTEM ranges and explicit versions kept verbatim, the withdrawn one skipped', async () => {
    const dir = join(VULNDATA, 'pypi/pypa-advisory-database');
    const paths = filesUnder(dir, /\.yaml$/);
    const raw = rawRecords(paths);
    expect(raw).toHaveLength(287);
    const got = await importFrom(dir);
    expect(got.warnings).toEqual(['1 withdrawn records skipped']);
    expect(got.advisories).toHaveLength(286);
    expect(got.byId.has('PYSEC-2022-43059')).toBe(false);
    expectVerbatim(got, raw);
    expect(got.result.snapshot).toBe(newestModified(raw));
    const gitRanges = (rs: RawRecord[]): number => rs.filter((r) => !r.withdrawn).flatMap((r) => r.affected ?? []).flatMap((a) => a.ranges ?? []).filter((x) => x.type === 'GIT').length;
    expect(got.advisories.flatMap((a) => a.affected).flatMap((a) => a.ranges).filter((x) => x.type === 'GIT')).toHaveLength(gitRanges(raw));
    expect(gitRanges(raw)).toBeGreaterThan(80);
    const requests = got.byId.get('PYSEC-2014-13');
    expect(requests?.affected[0]).toMatchObject({ namespace: 'pypi', name: 'requests', status: 'fixed' });
    expect(requests?.affected[0]?.versions).toContain('0.12.01'); // a version a YAML number would have mangled
    expect(requests?.aliases).toEqual(['CVE-2014-1829', 'GHSA-cfj3-7x9c-4p3h']);
  });

  it('imports the Go vulndb: stdlib and toolchain under namespace go, SEMVER events verbatim, zero times dropped', async () => {
    const dir = join(VULNDATA, 'go/golang-vulndb');
    const raw = rawRecords(filesUnder(dir, /\.json$/));
    expect(raw).toHaveLength(355);
    const got = await importFrom(dir);
    expect(got.warnings).toEqual(['1 withdrawn records skipped']);
    expect(got.advisories).toHaveLength(354);
    expectVerbatim(got, raw);
    const live = raw.filter((r) => !r.withdrawn).flatMap((r) => r.affected ?? []);
    const entries = got.advisories.flatMap((a) => a.affected);
    for (const name of ['stdlib', 'toolchain']) {
      expect(entries.filter((a) => a.name === name)).toHaveLength(live.filter((a) => a.package?.name === name).length);
    }
    expect(entries.filter((a) => a.name === 'stdlib').length).toBeGreaterThan(150);
    expect(entries.every((a) => a.namespace === 'go' && a.ranges.every((r) => r.type === 'SEMVER'))).toBe(true);
    const go = got.byId.get('GO-2024-2963');
    expect(go?.affected).toEqual([
      {
        namespace: 'go',
        name: 'stdlib',
        status: 'fixed',
        ranges: [{ type: 'SEMVER', events: [{ introduced: '0' }, { fixed: '1.21.12' }, { introduced: '1.22.0-0' }, { fixed: '1.22.5' }] }],
        versions: [],
      },
    ]);
    // the repository's records say modified 0001-01-01T00:00:00Z (Go's zero time): no date, no snapshot
    expect(got.advisories.every((a) => a.modified === undefined)).toBe(true);
    expect(got.result.snapshot).toBeUndefined();
  });
});

describe('osv importer: distro records, spec test data, non-OSV files', () => {
  it('reads a single Debian OSV file: release namespace, source package', async () => {
    const got = await importFrom(join(VULNDATA, 'debian/osv-examples/DSA-3029-1.json'));
    expect(got.warnings).toEqual([]);
    expect(got.advisories).toHaveLength(1);
    expect(got.advisories[0]?.affected).toEqual([
      { namespace: 'debian:7', name: 'nginx', packageKind: 'source', status: 'fixed', ranges: [{ type: 'ECOSYSTEM', events: [{ introduced: '0' }, { fixed: '1.2.1-2.2+wheezy3' }] }], versions: [] },
    ]);
    expect(got.advisories[0]?.aliases).toEqual(['CVE-2014-3616']);
    expect(got.result.snapshot).toBe('2014-09-20T08:18:07Z');
  });

  it('osv-linter test data: the package-less GIT-only record is skipped, the others import (bad versions kept verbatim)', async () => {
    const dir = join(VULNDATA, 'osv-schema/tools/osv-linter/testdata');
    const raw = rawRecords(filesUnder(dir, /\.json$/));
    const got = await importFrom(dir);
    expect(got.advisories.map((a) => a.id).sort()).toEqual(['GHSA-9v2f-6vcg-3hgv', 'GO-2024-2963', 'PYSEC-2023-74']);
    expect(got.warnings).toEqual(['1 affected entries without a package skipped', '1 records skipped: no affected package drydock can match']);
    expectVerbatim(got, raw);
    // PyPI names are PEP 503-normalised ("Gradio" → "gradio"); "4.36.-1" is not a version, but the importer is not the judge
    expect(got.byId.get('GHSA-9v2f-6vcg-3hgv')?.affected).toEqual([{ namespace: 'pypi', name: 'gradio', status: 'affected', ranges: [], versions: ['4.36.1', '4.36.-1'] }]);
    const pysec = got.byId.get('PYSEC-2023-74');
    expect(pysec?.affected[0]?.ranges.map((r) => r.type)).toEqual(['GIT', 'ECOSYSTEM']);
    expect(pysec?.affected[0]?.status).toBe('fixed');
  });

  it('osv-schema GHSA converter data: the .osv.json outputs import, the GraphQL inputs are reported as not OSV', async () => {
    const dir = join(VULNDATA, 'osv-schema/tools/ghsa/testdata');
    const outputs = filesUnder(dir, /\.osv\.json$/);
    const inputs = filesUnder(dir, /\.json$/).filter((p) => !p.endsWith('.osv.json'));
    expect(outputs).toHaveLength(11);
    const got = await importFrom(dir);
    expect(got.advisories).toHaveLength(10); // withdrawn.osv.json is withdrawn
    expectVerbatim(got, rawRecords(outputs));
    const notOsv = inputs.map((p) => `${basename(p)}: not an OSV record: id: missing; modified: missing; severity: expected an array, got string`);
    expect(got.warnings).toEqual([...notOsv, '1 withdrawn records skipped']);
    // out-of-order events stay as published (matchers sort them)
    expect(got.byId.get('GHSA-fhjf-83wg-r2j9')?.affected[0]?.ranges[0]?.events).toEqual([{ introduced: '0' }, { introduced: '2.0.0' }, { fixed: '2.0.1' }, { fixed: '1.3.2' }]);
    expect(got.byId.get('GHSA-4g4c-8gqh-m4vm')?.affected[0]).toMatchObject({ namespace: 'gem', name: 'paranoid2', status: 'affected', versions: ['1.1.6'] });
  });

  it('osv.dev converter "parts" files (Alpine, Debian) are not OSV records: every one is a warning, none imports', async () => {
    for (const d of ['alpine/osvdev-vulnfeeds-parts', 'debian/osvdev-vulnfeeds-parts']) {
      const dir = join(VULNDATA, d);
      const files = filesUnder(dir, /\.json$/);
      const got = await importFrom(dir);
      expect(got.advisories).toEqual([]);
      expect(got.warnings).toEqual(files.map((f) => `${relative(dir, f)}: not an OSV record: the document is an array, not an object`));
    }
  });
});

describe('osv importer: local documents, hostile input', () => {
  let tmp: string;
  beforeAll(() => {
    tmp = mkdtempSync(join(tmpdir(), 'drydock-osv-'));
  });
  afterAll(() => rmSync(tmp, { recursive: true, force: true }));

  const record = (id: string, extra: Record<string, unknown> = {}): Record<string, unknown> => ({
    id,
    modified: '2024-01-02T03:04:05Z',
    affected: [{ package: { ecosystem: 'npm', name: 'left-pad' }, ranges: [{ type: 'SEMVER', events: [{ introduced: '0' }, { fixed: '1.3.0' }] }] }],
    ...extra,
  });

  it('keeps YAML scalars as written (1.10 is not 1.1) and reads a single YAML file', async () => {
    const file = join(tmp, 'x.yaml');
    writeFileSync(file, 'id: PYSEC-0000-1\nmodified: 2024-01-01T00:00:00Z\naffected:\n- package: {ecosystem: PyPI, name: Foo_Bar}\n  ranges:\n  - type: ECOSYSTEM\n    events:\n    - introduced: 0\n    - fixed: 1.10\n  versions: [1.0, 1.9]\n');
    const got = await importFrom(file);
    expect(got.warnings).toEqual([]);
    expect(got.advisories[0]?.affected).toEqual([
      { namespace: 'pypi', name: 'foo-bar', status: 'fixed', ranges: [{ type: 'ECOSYSTEM', events: [{ introduced: '0' }, { fixed: '1.10' }] }], versions: ['1.0', '1.9'] },
    ]);
  });

  it('an invalid CVSS vector is a warning; a malformed record is a warning naming the file and every problem', async () => {
    const dir = join(tmp, 'bad');
    execFileSync('mkdir', ['-p', dir]);
    writeFileSync(join(dir, 'a.json'), JSON.stringify(record('GHSA-aaaa', { severity: [{ type: 'CVSS_V3', score: 'CVSS:3.1/AV:X' }] })));
    writeFileSync(join(dir, 'b.json'), JSON.stringify(record('GHSA-bbbb', { affected: [{ package: { ecosystem: 'npm' }, ranges: [{ type: 'SEMVER', events: [{ introduced: '0', fixed: '1' }] }] }] })));
    writeFileSync(join(dir, 'c.json'), '{"id": "GHSA-cccc", ');
    writeFileSync(join(dir, 'd.json'), JSON.stringify(record('GHSA-dddd', { affected: [{ package: { ecosystem: 'Linux', name: 'Kernel' }, versions: ['6.1'] }] })));
    writeFileSync(join(dir, 'e.json'), JSON.stringify(record('GHSA-aaaa')));
    const laughs = ['a: &a [x, x, x, x, x, x, x, x, x]', ...['b', 'c', 'd', 'e'].map((k, i) => `${k}: &${k} [${Array(9).fill(`*${'abcd'[i]}`).join(', ')}]`)];
    writeFileSync(join(dir, 'f.yaml'), `${laughs.join('\n')}\n`);
    const got = await importFrom(dir);
    expect(got.advisories.map((a) => a.id)).toEqual(['GHSA-aaaa']);
    expect(got.advisories[0]?.severities).toEqual([]);
    expect(got.warnings).toEqual([
      'a.json: GHSA-aaaa: invalid CVSS_V3 vector "CVSS:3.1/AV:X" ignored',
      'b.json: not an OSV record: affected[0].package.name: missing; affected[0].ranges[0].events[0]: expected exactly one of introduced/fixed/last_affected/limit, got {introduced, fixed}; affected[0].ranges[0].events: no "introduced" event',
      expect.stringMatching(/^c\.json: invalid JSON: /),
      'e.json: GHSA-aaaa was already imported from another file; this copy is ignored',
      expect.stringMatching(/^f\.yaml: invalid YAML: .*alias/i),
      '1 affected entries in ecosystem "Linux" skipped: drydock does not match that ecosystem',
      '1 records skipped: no affected package drydock can match',
    ]);
  });

  it('imports an all.zip built from a directory exactly like the directory', async () => {
    const dir = join(VULNDATA, 'go/golang-vulndb/data/osv');
    const zip = join(tmp, 'all.zip');
    execFileSync('zip', ['-q', '-r', zip, '.'], { cwd: dir });
    const fromZip = await importFrom(zip);
    const fromDir = await importFrom(dir);
    expect(fromZip.advisories).toHaveLength(354);
    const byId = (a: Advisory, b: Advisory): number => a.id.localeCompare(b.id);
    expect([...fromZip.advisories].sort(byId)).toEqual([...fromDir.advisories].sort(byId));
    expect(fromZip.warnings).toEqual(fromDir.warnings);
  });

  /** A zip written by Python's zipfile: [name, content, compress]. */
  function pyZip(path: string, script: string): void {
    execFileSync('python3', ['-c', `import zipfile, json, sys\nz = zipfile.ZipFile(sys.argv[1], 'w', zipfile.ZIP_DEFLATED)\n${script}\nz.close()`, path]);
  }

  it('skips an entry over the size cap, a bomb-like entry, non-JSON entries; imports the rest', async () => {
    const zip = join(tmp, 'hostile.zip');
    const ok = JSON.stringify(record('GHSA-okok'));
    const big = JSON.stringify(record('GHSA-big1', { details: 'x'.repeat(3 * 1024 * 1024) }));
    writeFileSync(join(tmp, 'ok.json'), ok);
    writeFileSync(join(tmp, 'big.json'), big);
    pyZip(
      zip,
      [
        `z.write(${JSON.stringify(join(tmp, 'ok.json'))}, 'GHSA-okok.json')`,
        `z.writestr('GHSA-big1.json', open(${JSON.stringify(join(tmp, 'big.json'))}).read(), zipfile.ZIP_STORED)`,
        `z.writestr('GHSA-bomb.json', '{"id": "GHSA-bomb", "details": "' + '0' * (2 * 1024 * 1024) + '"}')`,
        "z.writestr('README.txt', 'hello')",
        "z.writestr('GHSA-bin1.json', bytes(range(256)))",
      ].join('\n'),
    );
    const got = await importFrom(zip, createOsvImporter({ zipLimits: { maxEntryBytes: 2.5 * 1024 * 1024 } }));
    expect(got.advisories.map((a) => a.id)).toEqual(['GHSA-okok']);
    expect(got.warnings).toHaveLength(4);
    expect(got.warnings[0]).toMatch(/hostile\.zip:GHSA-big1\.json: skipped: entry is \d+ bytes, over the 2621440-byte limit$/);
    expect(got.warnings[1]).toMatch(/hostile\.zip:GHSA-bomb\.json: skipped: entry expands \d+× .* over the 200× limit$/);
    expect(got.warnings[2]).toMatch(/hostile\.zip:README\.txt: skipped: not a \.json entry$/);
    expect(got.warnings[3]).toMatch(/hostile\.zip:GHSA-bin1\.json: not valid UTF-8 text$/);
  });

  it('refuses an archive whose entry data fails its CRC, or inflates beyond its declared size', async () => {
    const rec = JSON.stringify(record('GHSA-crc1'));
    const stored = join(tmp, 'crc.zip');
    pyZip(stored, `z.writestr('GHSA-crc1.json', ${JSON.stringify(rec)}, zipfile.ZIP_STORED)`);
    const bytes = readFileSync(stored);
    const at = bytes.indexOf('left-pad');
    bytes[at] = 'L'.charCodeAt(0);
    writeFileSync(stored, bytes);
    const crc = await importFrom(stored).catch((e: unknown) => e);
    expect(crc).toBeInstanceOf(AppError);
    expect((crc as AppError).code).toBe('INPUT');
    expect((crc as AppError).message).toContain('GHSA-crc1.json: CRC-32 mismatch');

    // the central directory claims 10 bytes for a deflated entry that inflates to more
    const lying = join(tmp, 'lying.zip');
    pyZip(lying, `z.writestr('GHSA-crc1.json', ${JSON.stringify(rec)})`);
    const lb = readFileSync(lying);
    const central = lb.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]));
    lb.writeUInt32LE(10, central + 24);
    writeFileSync(lying, lb);
    const lie = await importFrom(lying).catch((e: unknown) => e);
    expect(lie).toBeInstanceOf(AppError);
    expect((lie as AppError).code).toBe('INPUT');
    expect((lie as AppError).message).toContain('(declared size 10)');
  });

  it('refuses an archive with more entries than the cap, and a truncated archive', async () => {
    const many = join(tmp, 'many.zip');
    pyZip(many, "for i in range(10000):\n    z.writestr('r%05d.json' % i, '{}')");
    const limited = createOsvImporter({ zipLimits: { maxEntries: 5000 } });
    const err = await importFrom(many, limited).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).code).toBe('LIMIT');
    expect((err as AppError).message).toContain('declares 10000 entries, over the 5000-entry limit');

    const cut = join(tmp, 'cut.zip');
    const full = readFileSync(join(tmp, 'all.zip'));
    writeFileSync(cut, full.subarray(0, Math.floor(full.length / 2)));
    expect(statSync(cut).size).toBeGreaterThan(0);
    const broken = await importFrom(cut).catch((e: unknown) => e);
    expect(broken).toBeInstanceOf(AppError);
    expect((broken as AppError).code).toBe('INPUT');
    expect((broken as AppError).message).toContain('cut.zip');
  });
});

describe('osv importer: download path (loopback feed server at the osv.dev bucket layout)', () => {
  let tmp: string;
  beforeAll(() => {
    tmp = mkdtempSync(join(tmpdir(), 'drydock-osv-http-'));
  });
  afterAll(() => rmSync(tmp, { recursive: true, force: true }));

  it('downloads <Ecosystem>/all.zip and imports it like the local directory', async () => {
    const served = join(tmp, 'bucket');
    mkdirSync(join(served, 'Go'), { recursive: true });
    execFileSync('zip', ['-q', '-r', join(served, 'Go/all.zip'), '.'], { cwd: join(VULNDATA, 'go/golang-vulndb/data/osv') });
    const server = await startFeedServer({ root: served, gzip: true });
    const source = new HttpFeedSource(`${server.url}Go/all.zip`, { feed: 'osv', cacheDir: join(tmp, 'cache') });
    try {
      const sink = collectingSink('OSV');
      await osvImporter.import(source, sink);
      const local = await importFrom(join(VULNDATA, 'go/golang-vulndb'));
      const byId = (a: Advisory, b: Advisory): number => a.id.localeCompare(b.id);
      expect(sink.advisories).toHaveLength(354);
      expect([...sink.advisories].sort(byId)).toEqual([...local.advisories].sort(byId));
      expect(sink.warnings).toEqual(['1 withdrawn records skipped']);
      expect(server.requests.map((r) => `${r.method} ${r.path} ${r.status}`)).toEqual(['GET Go/all.zip 200']);
    } finally {
      await source.close();
      await server.stop();
    }
  });

  it('downloads a single record by URL', async () => {
    const server = await startFeedServer({ root: join(VULNDATA, 'npm/ghsa-osv') });
    const source = new HttpFeedSource(`${server.url}advisories/github-reviewed/2023/07/GHSA-cchq-frgv-rjh5/GHSA-cchq-frgv-rjh5.json`, { feed: 'osv', cacheDir: join(tmp, 'cache') });
    try {
      const sink = collectingSink('OSV');
      const result = await osvImporter.import(source, sink);
      expect(sink.advisories.map((a) => a.id)).toEqual(['GHSA-cchq-frgv-rjh5']);
      expect(result.snapshot).toBe('2023-07-24T20:03:31Z');
    } finally {
      await source.close();
      await server.stop();
    }
  });
});
