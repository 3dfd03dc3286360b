import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { isInstalledStatus, parseDebVersion, parseDpkgStatus, parseRelationAtoms, parseRelations, parseSourceField } from '../../../src/inventory/parsers/dpkg-status.js';
import { sharedPath } from '../support/shared.js';

const unescape = (s: string): string => s.replace(/\\(t|n|\\)/g, (_m, c: string) => (c === 't' ? '\t' : c === 'n' ? '\n' : '\\'));

/** dpkg's own version-parsing test vectors (lib/dpkg/t/t-version.c). */
const vectors = readFileSync(sharedPath('conformance', 'versions', 'deb-dpkg-parse.tsv'), 'utf8')
  .split('\n')
  .filter((l) => l !== '' && !l.startsWith('#'))
  .slice(1)
  .map((l) => l.split('\t'))
  .map(([input = '', result = '', epoch = '', upstream = '', revision = '', note = '']) => ({ input: unescape(input), result, epoch, upstream: unescape(upstream), revision, note }));

describe('Debian version parsing against dpkg\'s test vectors', () => {
  it('has the vectors', () => {
    expect(vectors.length).toBeGreaterThan(70);
  });

  it.each(vectors.filter((v) => v.result === 'valid'))('accepts $input', (v) => {
    const parsed = parseDebVersion(v.input);
    expect(parsed).toBeDefined();
    expect(parsed?.epoch ?? 0).toBe(Number(v.epoch));
    expect(parsed?.upstream).toBe(v.upstream);
    expect(parsed?.revision ?? '').toBe(v.revision);
  });

  it.each(vectors.filter((v) => v.result === 'error'))('rejects $input ($note)', (v) => {
    expect(parseDebVersion(v.input)).toBeUndefined();
  });

  // dpkg only warns about these. drydock accepts what stays comparable (an upstream starting with a
  // letter, which dpkg installs) and rejects invalid characters, which make comparisons meaningless.
  it.each(vectors.filter((v) => v.result === 'warning'))('handles the dpkg warning for $input ($note)', (v) => {
    const parsed = parseDebVersion(v.input);
    if (v.note === 'upstream does not start with digit') expect(parsed?.upstream).toBe('abc3');
    else expect(parsed).toBeUndefined();
  });
});

describe('dpkg status fields', () => {
  it.each([
    ['install ok installed', true],
    ['hold ok installed', true],
    ['deinstall ok installed', true],
    ['install ok triggers-pending', true],
    ['install ok triggers-awaited', true],
    ['deinstall ok config-files', false],
    ['purge ok not-installed', false],
    // Incomplete installations: their files are on disk, so they are inventoried.
    ['install ok unpacked', true],
    ['install ok half-installed', true],
    ['install reinstreq half-configured', true],
    ['install reinstreq half-installed', true],
    ['installed', false],
    ['install ok bogus-state', false],
  ] as const)('%s → installed: %s', (status, want) => {
    expect(isInstalledStatus(status)).toBe(want);
  });

  it('reads package names out of relationship fields', () => {
    expect(parseRelations('libc6 (>= 2.34), debconf (>= 0.5) | debconf-2.0, python3:any, foo [amd64] <!nocheck>, ')).toEqual([
      ['libc6'],
      ['debconf', 'debconf-2.0'],
      ['python3'],
      ['foo'],
    ]);
    expect(parseRelations(undefined)).toEqual([]);
  });

  it('keeps architecture qualifiers of relationship alternatives, and in the entries\' depends', () => {
    expect(parseRelationAtoms('libc6:i386 (>= 2.34), python3:any | python3.11, foo [amd64]')).toEqual([
      [{ name: 'libc6', archQualifier: 'i386' }],
      [{ name: 'python3', archQualifier: 'any' }, { name: 'python3.11' }],
      [{ name: 'foo' }],
    ]);
    const { entries } = parseDpkgStatus('Package: a\nStatus: install ok installed\nVersion: 1\nPre-Depends: x:any\nDepends: libc6:i386 (>= 2) | libc6\n', { statusRequired: true });
    expect(entries[0]?.depends).toEqual([['x:any'], ['libc6:i386', 'libc6']]);
  });

  it('defaults the source package to the binary package', () => {
    expect(parseSourceField(undefined, 'bash', '5.2.15-2+b7')).toEqual({ name: 'bash', version: '5.2.15-2+b7' });
    expect(parseSourceField('util-linux', 'bsdutils', '1:2.38.1-5+deb12u3')).toEqual({ name: 'util-linux', version: '1:2.38.1-5+deb12u3' });
    expect(parseSourceField('gcc-12 (12.2.0-14)', 'libgcc-s1', '12.2.0-14')).toEqual({ name: 'gcc-12', version: '12.2.0-14' });
  });

  it('reads source name and version as dpkg-query does for every package on this machine', () => {
    const { entries, problems } = parseDpkgStatus(readFileSync('/var/lib/dpkg/status', 'utf8'), { statusRequired: true });
    expect(problems).toEqual([]);
    // dpkg-query -W also lists removed packages whose conffiles remain (config-files): not installed.
    const rows = execFileSync('dpkg-query', ['-W', '-f', '${db:Status-Status}\t${Package}\t${Architecture}\t${source:Package}\t${source:Version}\t${Installed-Size}\t${Maintainer}\n'], { encoding: 'utf8', maxBuffer: 64 << 20 })
      .split('\n')
      .filter((l) => l !== '' && !/^(config-files|not-installed)\t/.test(l))
      .map((l) => l.slice(l.indexOf('\t') + 1))
      .sort();
    expect(rows.length).toBeGreaterThan(100);
    const got = entries
      .map((e) => [e.record.name, e.record.arch, e.record.source?.name, e.record.source?.version, e.record.metadata?.['installedSize'] ?? '', e.record.metadata?.['maintainer']].join('\t'))
      .sort();
    expect(got).toEqual(rows);
  });

  it('keeps packages in every state that has files on disk, with the raw Status when it is not plain', () => {
    const para = (name: string, status: string): string =>
      `Package: ${name}\nStatus: ${status}\nArchitecture: amd64\nVersion: 1.0-1\n${status.endsWith('not-installed') ? '' : 'Depends: libc6\n'}`;
    const text = [
      para('ok', 'install ok installed'),
      para('held', 'hold ok installed'),
      para('unpacked', 'install ok unpacked'),
      para('half-inst', 'install reinstreq half-installed'),
      para('half-conf', 'install ok half-configured'),
      para('trig', 'install ok triggers-pending'),
      para('awaited', 'install ok triggers-awaited'),
      para('removed', 'deinstall ok config-files'),
      para('purged', 'purge ok not-installed'),
    ].join('\n');
    const { entries, problems } = parseDpkgStatus(text, { statusRequired: true });
    expect(problems).toEqual([]);
    expect(entries.map((e) => [e.record.name, e.record.metadata?.['dpkgStatus']])).toEqual([
      ['ok', undefined],
      ['held', 'hold ok installed'],
      ['unpacked', 'install ok unpacked'],
      ['half-inst', 'install reinstreq half-installed'],
      ['half-conf', 'install ok half-configured'],
      ['trig', 'install ok triggers-pending'],
      ['awaited', 'install ok triggers-awaited'],
    ]);
    expect(entries.find((e) => e.record.name === 'unpacked')?.depends).toEqual([['libc6']]);
  });

  it('reports a Status it does not understand instead of dropping the package silently', () => {
    const { entries, problems } = parseDpkgStatus('Package: odd\nStatus: install ok exploded\nVersion: 1\n', { statusRequired: true });
    expect(entries).toEqual([]);
    expect(problems).toEqual(['paragraph at line 1 (Package: odd): unrecognised Status "install ok exploded"']);
  });

  it('accepts status.d paragraphs without a Status field but not dpkg status entries', () => {
    const para = 'Package: base-files\nVersion: 12.4+deb12u7\nArchitecture: amd64\n';
    expect(parseDpkgStatus(para, { statusRequired: false }).entries.map((e) => e.record.name)).toEqual(['base-files']);
    const strict = parseDpkgStatus(para, { statusRequired: true });
    expect(strict.entries).toEqual([]);
    expect(strict.problems).toEqual(['paragraph at line 1 (Package: base-files): no Status field']);
  });
});
