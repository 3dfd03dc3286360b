import { describe, expect, it } from 'vitest';
import { mavenCanonical, mavenScheme, parseMavenRange } from '../../src/versioning/maven.js';
import { InvalidRangeError, InvalidVersionError } from '../../src/versioning/scheme.js';
import { col, readTsv } from './lang-tsv.js';

describe('maven scheme: Maven 4 ComparableVersionTest conformance', () => {
  it('orders every pair of the suite (maven-comparableversion.tsv), both ways', () => {
    const rows = readTsv('maven-comparableversion.tsv');
    expect(rows.length).toBe(1013);
    const bad: string[] = [];
    for (const r of rows) {
      const [a, b, want] = [col(r, 'a'), col(r, 'b'), Number(col(r, 'expected'))];
      const got = mavenScheme.compare(a, b);
      const back = mavenScheme.compare(b, a);
      if (got !== want || back !== -want) bad.push(`${a} vs ${b}: ${got}/${back}, want ${want} (${col(r, 'origin')})`);
    }
    expect(bad).toEqual([]);
  });

  it('canonicalises like getCanonical() (maven-canonical.tsv)', () => {
    const rows = readTsv('maven-canonical.tsv');
    expect(rows.length).toBe(2);
    for (const r of rows) expect(mavenCanonical(col(r, 'input'))).toBe(col(r, 'canonical'));
  });
});

describe('maven scheme: drydock behaviour', () => {
  it('knows the documented qualifier order and separators', () => {
    const ascending = ['1-alpha-1', '1-beta', '1-milestone-1', '1-rc-1', '1-SNAPSHOT', '1', '1-sp', '1-xyz', '1.0.1'];
    for (let i = 1; i < ascending.length; i++) expect(mavenScheme.compare(ascending[i - 1] ?? '', ascending[i] ?? ''), `${ascending[i - 1]} < ${ascending[i]}`).toBe(-1);
    expect(mavenScheme.compare('1.0-cr1', '1.0-rc1')).toBe(0);
    expect(mavenScheme.compare('1.0.final', '1.0')).toBe(0);
    expect(mavenScheme.compare('2.5.6.SEC02', '2.5.6')).toBe(1);
    expect(mavenScheme.compare('5.3.17', '5.3.18.RELEASE')).toBe(-1);
    expect(mavenScheme.compare('32.0.0-android', '32.0.0')).toBe(1); // unknown qualifier: after the release
    expect(mavenScheme.aliases).toEqual(['java']);
  });

  it('rejects the empty version and versions over 256 characters', () => {
    expect(() => mavenScheme.parse('')).toThrow(InvalidVersionError);
    expect(() => mavenScheme.parse('1.'.repeat(200))).toThrow(InvalidVersionError);
  });

  it('matches Maven version ranges', () => {
    const s = (v: string, r: string): boolean | undefined => mavenScheme.satisfies?.(v, r);
    expect(s('1.5', '[1.0,2.0)')).toBe(true);
    expect(s('2.0', '[1.0,2.0)')).toBe(false);
    expect(s('2.0-SNAPSHOT', '[1.0,2.0)')).toBe(true);
    expect(s('1.0', '(1.0,2.0]')).toBe(false);
    expect(s('0.9', '(,1.0],[1.2,)')).toBe(true);
    expect(s('1.1', '(,1.0],[1.2,)')).toBe(false);
    expect(s('1.2', '(,1.0],[1.2,)')).toBe(true);
    expect(s('1.5', '[1.5]')).toBe(true);
    expect(s('1.5.0', '[1.5]')).toBe(true);
    expect(s('1.5.1', '[1.5]')).toBe(false);
    // a soft requirement is read as the exact version, not Maven's "anything"
    expect(s('1.0', '1.0')).toBe(true);
    expect(s('2.0', '1.0')).toBe(false);
  });

  it('rejects malformed ranges the way VersionRange does', () => {
    for (const r of ['[1.0,2.0', '(1.0)', '[2.0,1.0]', '[1.0,2.0),1.5', '[1.0,1.5],[1.2,2.0]', '[1,2,3]', '', '[,1.0],x']) {
      expect(() => parseMavenRange(r), r).toThrow(InvalidRangeError);
    }
  });
});
