import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { apkAtomName, parseApkInstalled, resolveApkDependencies, type ApkEntry } from '../../../src/inventory/parsers/apk-installed.js';
import { ALPINE_TARBALLS, alpineVersionOf, tarListing, tarMember } from '../support/alpine-fixtures.js';
import { sharedPath } from '../support/shared.js';

interface TrivyApkPackage {
  Name: string;
  Version: string;
  SrcName: string;
  SrcVersion: string;
  Licenses: string[];
  Maintainer: string;
  Arch: string;
  Digest: string;
  DependsOn?: string[];
  InstalledFiles?: string[];
}

const DIR = sharedPath('conformance', 'trivy-parsers', 'analyzer_pkg_apk');
const trivy = (JSON.parse(readFileSync(`${DIR}/cases.json`, 'utf8')) as { tests: Array<{ name: string; wantPkgs: TrivyApkPackage[]; wantFiles: string[] }> }).tests;

function parseAndResolve(text: string): { entries: ApkEntry[]; problems: string[] } {
  const parsed = parseApkInstalled(text);
  resolveApkDependencies(parsed.entries);
  return parsed;
}

/** `C:Q1<base64 sha1>` → `sha1:<hex>`, the form Trivy reports. */
const sha1Of = (checksum: string | undefined): string => `sha1:${Buffer.from((checksum ?? '').slice(2), 'base64').toString('hex')}`;

/**
 * Where drydock deliberately reports licenses differently from Trivy, and why. Trivy splits
 * expressions into names and guesses versions for unversioned names; drydock keeps a declared SPDX
 * expression whole and leaves ambiguous names (`GPL`, `BSD`) as declared.
 */
const LICENSE_DIFFERENCES: Readonly<Record<string, { trivy: string[]; drydock: string[] }>> = {
  // "GPL" names no version; GPL-2.0-or-later is a guess.
  'alpine-keys': { trivy: ['GPL-2.0-or-later'], drydock: ['GPL'] },
  'libc-utils': { trivy: ['GPL-2.0-or-later'], drydock: ['GPL'] },
  // "BSD" could be 2-, 3- or 4-clause; GPL2+ is unambiguous.
  'musl-utils': { trivy: ['MIT', 'BSD-3-Clause', 'GPL-2.0-or-later'], drydock: ['MIT', 'BSD', 'GPL-2.0-or-later'] },
  // A valid SPDX expression: splitting it loses the OR/AND structure.
  'ada-libs': { trivy: ['Apache-2.0', 'MIT', 'MPL-2.0'], drydock: ['( Apache-2.0 OR MIT ) AND MPL-2.0'] },
};

describe('apk installed database: Trivy conformance', () => {
  const tc = trivy[0];
  it('has the vector', () => {
    expect(trivy.map((t) => t.name)).toEqual(['happy path']);
  });

  it('matches every package of Trivy\'s expectation', () => {
    const { entries, problems } = parseAndResolve(readFileSync(`${DIR}/testdata/apk`, 'utf8'));
    const want = tc?.wantPkgs ?? [];
    expect(entries.map((e) => e.record.name)).toEqual(want.map((w) => w.Name));
    for (const [i, w] of want.entries()) {
      const r = entries[i]?.record;
      expect(r?.type).toBe('apk');
      expect(r?.version, w.Name).toBe(w.Version);
      expect(r?.arch, w.Name).toBe(w.Arch);
      expect(r?.source, w.Name).toEqual({ name: w.SrcName, version: w.SrcVersion });
      expect(r?.metadata?.['maintainer'], w.Name).toBe(w.Maintainer);
      expect(sha1Of(r?.metadata?.['checksum']), w.Name).toBe(w.Digest);
      expect(r?.dependsOn, w.Name).toEqual((w.DependsOn ?? []).map((d) => d.slice(0, d.lastIndexOf('@'))).sort());
      // Trivy's paths are relative; PackageRecord.files are absolute.
      expect(r?.files, w.Name).toEqual((w.InstalledFiles ?? []).map((f) => `/${f}`));
      const diff = LICENSE_DIFFERENCES[w.Name];
      if (diff) {
        expect(w.Licenses, `${w.Name} (Trivy)`).toEqual(diff.trivy);
        expect(r?.licenses, w.Name).toEqual(diff.drydock);
      } else {
        expect(r?.licenses, w.Name).toEqual(w.Licenses);
      }
    }
    expect(entries.flatMap((e) => e.record.files ?? [])).toEqual((tc?.wantFiles ?? []).map((f) => `/${f}`));
    // Trivy drops the version-less block silently; drydock reports it.
    expect(problems).toEqual([expect.stringMatching(/^block at line 23: package invalidPackageWithoutAVersion has no version/)]);
  });

  it('keeps the declared license text when it maps a legacy name', () => {
    const { entries } = parseAndResolve(readFileSync(`${DIR}/testdata/apk`, 'utf8'));
    const busybox = entries.find((e) => e.record.name === 'busybox')?.record;
    expect(busybox?.licenses).toEqual(['GPL-2.0-only']);
    expect(busybox?.metadata?.['declaredLicense']).toBe('GPL2');
    const musl = entries.find((e) => e.record.name === 'musl')?.record;
    expect(musl?.metadata?.['declaredLicense']).toBeUndefined();
  });
});

describe.each(ALPINE_TARBALLS)('apk installed database of %s', (tarball) => {
  const db = tarMember(tarball, 'lib/apk/db/installed').toString('utf8');
  const { entries, problems } = parseAndResolve(db);

  it('has the package count the fixtures README states', () => {
    const readme = readFileSync(sharedPath('fixtures', 'README.md'), 'utf8');
    const row = new RegExp(`\\| ${tarball.replace(/\./g, '\\.')} \\| ${alpineVersionOf(tarball).replace(/\./g, '\\.')} \\| (\\d+) \\|`).exec(readme);
    expect(row?.[1]).toBeDefined();
    expect(entries.length).toBe(Number(row?.[1]));
    expect(problems).toEqual([]);
  });

  it('agrees with an independent awk reading of name, version, arch, origin and license', () => {
    const awk = execFileSync('awk', ['-F', ':', '/^P:/{p=substr($0,3)} /^V:/{v=substr($0,3)} /^A:/{a=substr($0,3)} /^o:/{o=substr($0,3)} /^L:/{l=substr($0,3)} /^$/{if(p!="")print p"|"v"|"a"|"o"|"l; p=""} END{if(p!="")print p"|"v"|"a"|"o"|"l}'], { input: db, encoding: 'utf8' });
    const want = awk.split('\n').filter((l) => l !== '');
    const got = entries.map((e) => [e.record.name, e.record.version, e.record.arch, e.record.source?.name, e.record.metadata?.['declaredLicense'] ?? e.record.licenses.join(' ')].join('|'));
    expect(got).toEqual(want);
  });

  it('lists only files that are in the tarball', () => {
    const members = new Set(tarListing(tarball));
    const files = entries.flatMap((e) => e.record.files ?? []);
    expect(files.length).toBeGreaterThan(100);
    for (const f of files) expect(members.has(f.slice(1)), f).toBe(true);
  });

  it('resolves so:/cmd: dependencies through provides to installed packages', () => {
    const names = new Set(entries.map((e) => e.record.name));
    for (const e of entries) for (const d of e.record.dependsOn ?? []) expect(names.has(d)).toBe(true);
    const busybox = entries.find((e) => e.record.name === 'busybox');
    expect(busybox?.depends.some((d) => d.startsWith('so:libc.musl'))).toBe(true);
    expect(busybox?.record.dependsOn).toContain('musl');
    // Every so: dependency on a library some installed package provides is resolved.
    const provided = new Map(entries.flatMap((e) => e.provides.map((p) => [apkAtomName(p), e.record.name] as const)));
    for (const e of entries) {
      for (const d of e.depends.filter((x) => x.startsWith('so:'))) {
        const provider = provided.get(apkAtomName(d));
        if (provider !== undefined && provider !== e.record.name) expect(e.record.dependsOn, `${e.record.name} ${d}`).toContain(provider);
      }
    }
  });
});

describe('apk atoms', () => {
  it.each([
    ['so:libc.musl-x86_64.so.1', 'so:libc.musl-x86_64.so.1'],
    ['musl=1.1.14-r10', 'musl'],
    ['!uclibc-utils', 'uclibc-utils'],
    ['so:libz.so.1=1.2.8', 'so:libz.so.1'],
    ['busybox>=1.36', 'busybox'],
    ['python3~3.12', 'python3'],
    ['cmd:pkgconf', 'cmd:pkgconf'],
  ])('%s names %s', (atom, name) => {
    expect(apkAtomName(atom)).toBe(name);
  });

  it('ignores conflicts and never makes a package depend on itself', () => {
    const { entries } = parseAndResolve(['P:a', 'V:1-r0', 'D:!b c so:liba.so.1', 'p:so:liba.so.1=1', '', 'P:b', 'V:1-r0', '', 'P:c', 'V:2-r0', ''].join('\n'));
    expect(entries.map((e) => [e.record.name, e.record.dependsOn])).toEqual([['a', ['c']], ['b', []], ['c', []]]);
  });

  it('reports lines that are not X:value and blocks without a name', () => {
    const { entries, problems } = parseApkInstalled('P:a\nV:1-r0\ngarbage\n\nV:2-r0\n');
    expect(entries.map((e) => e.record.name)).toEqual(['a']);
    expect(problems).toEqual(['line 3: expected "X:value", got "garbage"', 'block at line 5: no package name (P:)']);
  });
});
