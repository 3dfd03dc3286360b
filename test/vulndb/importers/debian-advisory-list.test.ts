import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseAdvisoryList, type DebianAdvisoryEntry } from '../../../src/vulndb/importers/debian/advisory-list.js';
import { vulnListEntryText } from '../../../src/vulndb/importers/debian/vuln-list.js';
import { SAMPLE, readText } from './debian-sample.js';

function parse(text: string, source = 'list'): { entries: DebianAdvisoryEntry[]; warnings: string[] } {
  const warnings: string[] = [];
  return { entries: parseAdvisoryList(text, source, (m) => warnings.push(m)), warnings };
}

function entry(entries: DebianAdvisoryEntry[], id: string): DebianAdvisoryEntry {
  const e = entries.find((x) => x.id === id);
  if (!e) throw new Error(`no ${id}`);
  return e;
}

/** Independent counts from the raw text: headers, package lines and CVE ids in `{...}`. */
function rawCounts(text: string): { headers: number; packageLines: number; cveRefs: number } {
  const lines = text.split('\n');
  return {
    headers: lines.filter((l) => /^\[/.test(l)).length,
    packageLines: lines.filter((l) => /^\s+\[[a-z]+\] - /.test(l)).length,
    cveRefs: lines.filter((l) => /^\s+\{/.test(l)).reduce((n, l) => n + (l.match(/CVE-\d+-\d+/g) ?? []).length, 0),
  };
}

describe.each([
  ['data/DSA/list', SAMPLE.dsaList, 'DSA', 352],
  ['data/DLA/list', SAMPLE.dlaList, 'DLA', 520],
] as const)('%s (sample, trimmed to 2022-01-01 .. 2023-04)', (name, path, prefix, count) => {
  const text = readText(path);
  const { entries, warnings } = parse(text, name);

  it('reads every advisory without a warning (counts from the sample README and the raw text)', () => {
    expect(warnings).toEqual([]);
    expect(entries).toHaveLength(count);
    const raw = rawCounts(text);
    expect(entries).toHaveLength(raw.headers);
    expect(entries.reduce((n, e) => n + e.packages.length, 0)).toBe(raw.packageLines);
    expect(entries.reduce((n, e) => n + e.cves.length, 0)).toBe(raw.cveRefs);
    for (const e of entries) {
      expect(e.id.startsWith(`${prefix}-`)).toBe(true);
      expect(e.published! >= '2022-01-01' && e.published! < '2023-04-02', `${e.id} ${e.published}`).toBe(true);
    }
  });
});

describe('advisory list entries', () => {
  const dsa = parse(readText(SAMPLE.dsaList)).entries;
  const dla = parse(readText(SAMPLE.dlaList)).entries;

  it('reads the newest DSA of the sample: DSA-5380-1 xorg-server', () => {
    expect(dsa[0]).toMatchObject({
      id: 'DSA-5380-1',
      published: '2023-03-29T00:00:00Z',
      package: 'xorg-server',
      title: 'security update',
      cves: ['CVE-2023-1393'],
      notes: [],
    });
    expect(dsa[0]?.packages).toMatchObject([{ release: 'bullseye', package: 'xorg-server', kind: 'fixed', version: '2:1.20.11-1+deb11u6' }]);
  });

  it('reads a regression update without CVEs (DSA-5356-2 sox)', () => {
    const e = entry(dsa, 'DSA-5356-2');
    expect(e).toMatchObject({ package: 'sox', title: 'regression update', cves: [] });
    expect(e.packages).toMatchObject([{ release: 'bullseye', package: 'sox', version: '14.4.2+git20190427-2+deb11u2' }]);
  });

  it('reads an end-of-life notice with a NOTE and no package (DLA-3067-1)', () => {
    expect(entry(dla, 'DLA-3067-1')).toMatchObject({
      package: 'stretch-lts',
      title: 'end-of-life',
      cves: [],
      packages: [],
      notes: ['end of security support for stretch-lts'],
    });
  });
});

describe("vunnel's DSA list fixture (old and odd entries)", () => {
  const { entries, warnings } = parse(readText(SAMPLE.vunnelDsa), 'DSA');

  it('reads revision-less ids, several packages per DSA, space indentation and headers without " - "', () => {
    expect(warnings).toEqual([]);
    expect(entries.map((e) => e.id)).toEqual(['DSA-141', 'DSA-140', 'DSA-139', 'DSA-138', 'DSA-2819-1', 'DSA-2808-2', 'DSA-3281-1', 'DSA-4205-1', 'DSA-4323-1', 'DSA-5970-1']);
    expect(entry(entries, 'DSA-140')).toMatchObject({ published: '2002-08-05T00:00:00Z', cves: ['CVE-2002-0660', 'CVE-2002-0728'] });
    expect(entry(entries, 'DSA-140').packages.map((p) => `${p.release} ${p.package} ${p.version ?? ''}`)).toEqual([
      'woody libpng 1.0.12-3.woody.2',
      'woody libpng3 1.2.1-1.1.woody.2',
    ]);
    expect(entry(entries, 'DSA-2819-1')).toMatchObject({ package: 'iceape', title: 'several', packages: [], cves: [] });
    expect(entry(entries, 'DSA-3281-1')).toMatchObject({ title: 'Debian Security Team PGP/GPG key change notice', packages: [] });
    expect(entry(entries, 'DSA-3281-1').package).toBeUndefined();
    expect(entry(entries, 'DSA-4205-1').notes).toEqual(['end of security support for jessie']);
    expect(entry(entries, 'DSA-5970-1').packages).toMatchObject([{ release: 'bookworm', package: 'sope', version: '5.8.0-1+deb12u1' }]);
  });
});

describe('vuln-list-debian DSA JSON', () => {
  const files = readdirSync(SAMPLE.vulnListDsaDir).filter((f) => f.endsWith('.json'));

  it.each(files)("%s: agrees with the header and Trivy's parse of each annotation", (file) => {
    const raw = readFileSync(join(SAMPLE.vulnListDsaDir, file));
    const doc = JSON.parse(raw.toString('utf8')) as {
      Header: { ID: string; Description: string };
      Annotations: Array<{ Type: string; Bugs?: string[]; Release?: string; Package?: string; Version?: string }>;
    };
    const warnings: string[] = [];
    const text = vulnListEntryText(raw, file, (m) => warnings.push(m)) ?? '';
    const [e] = parseAdvisoryList(text, file, (m) => warnings.push(m));
    expect(warnings).toEqual([]);
    expect(e?.id).toBe(doc.Header.ID);
    expect(`${e?.package} - ${e?.title}`).toBe(doc.Header.Description);
    expect(e?.cves).toEqual(doc.Annotations.filter((a) => a.Type === 'xref').flatMap((a) => a.Bugs ?? []));
    expect(e?.packages.map((p) => [p.release, p.package, p.version])).toEqual(
      doc.Annotations.filter((a) => a.Type === 'package').map((a) => [a.Release, a.Package, a.Version]),
    );
  });
});

describe('malformed advisory lists', () => {
  it('warns with line numbers and keeps the rest', () => {
    const text = [
      '[31 Feb 2024] DSA-9999-1 foo - security update', // 1 impossible date
      '\t{CVE-2099-0001}', //                               2
      '\t- foo 1.0-1', //                                   3 no release
      '\t[bookworm] - foo 1.0-1+deb12u1', //                4
      '[1 Jan 2024] DSA-9998-1 bar - security update', //   5 malformed header (one-digit day)
      '\t[bookworm] - bar 1.0-1', //                        6 skipped with it
      '[02 Jan 2024] DLA-9997-1 baz - security update', //  7
      '\t[bullseye] - baz <not-affected> (not in bullseye)', // 8
      '[02 Jan 2024] DLA-9997-1 baz - security update', //  9 listed twice
    ].join('\n');
    const { entries, warnings } = parse(text, 'DSA/list');
    const byLine = [...warnings].sort((a, b) => Number(/:(\d+):/.exec(a)?.[1]) - Number(/:(\d+):/.exec(b)?.[1]));
    expect(byLine.map((w) => w.split(': ')[0])).toEqual(['DSA/list:1', 'DSA/list:3', 'DSA/list:5', 'DSA/list:9']);
    expect(byLine[0]).toMatch(/impossible date "31 Feb 2024"/);
    expect(byLine[1]).toMatch(/without a \[release\]/);
    expect(byLine[2]).toMatch(/malformed header/);
    expect(byLine[3]).toMatch(/listed twice/);
    expect(entries.map((e) => e.id)).toEqual(['DSA-9999-1', 'DLA-9997-1']);
    expect(entry(entries, 'DSA-9999-1').published).toBeUndefined();
    expect(entry(entries, 'DSA-9999-1').packages.map((p) => p.release)).toEqual(['bookworm']);
    expect(entry(entries, 'DLA-9997-1').packages).toMatchObject([{ kind: 'not-affected', description: 'not in bullseye' }]);
  });
});
