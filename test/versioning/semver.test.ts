import { describe, expect, it } from 'vitest';
import { InvalidRangeError, InvalidVersionError } from '../../src/versioning/scheme.js';
import { semverScheme } from '../../src/versioning/semver.js';
import { col, readTsv } from './lang-tsv.js';

describe('semver scheme (strict SemVer 2.0.0)', () => {
  it('orders the precedence example of SemVer 2.0.0 §11', () => {
    const ascending = ['1.0.0-alpha', '1.0.0-alpha.1', '1.0.0-alpha.beta', '1.0.0-beta', '1.0.0-beta.2', '1.0.0-beta.11', '1.0.0-rc.1', '1.0.0', '2.0.0', '2.1.0', '2.1.1'];
    for (let i = 0; i < ascending.length; i++) {
      for (let j = 0; j < ascending.length; j++) {
        expect(semverScheme.compare(ascending[i] ?? '', ascending[j] ?? '')).toBe(Math.sign(i - j));
      }
    }
  });

  it('agrees with node-semver on its strict comparison fixtures (npm-semver-compare.tsv, loose=false)', () => {
    // node-semver trims surrounding whitespace; SemVer has none
    const rows = readTsv('npm-semver-compare.tsv').filter((r) => col(r, 'loose') === 'false' && [col(r, 'a'), col(r, 'b')].every((v) => v === v.trim()));
    expect(rows.length).toBeGreaterThan(30);
    for (const r of rows) expect(semverScheme.compare(col(r, 'a'), col(r, 'b')), `${col(r, 'a')} ${col(r, 'b')}`).toBe(Number(col(r, 'expected')));
  });

  it('agrees with x/mod/semver on its full MAJOR.MINOR.PATCH versions (go-semver.tsv)', () => {
    const full = /^v\d+\.\d+\.\d+/;
    const rows = readTsv('go-semver.tsv').filter((r) => full.test(col(r, 'a')) && full.test(col(r, 'b')));
    expect(rows.length).toBeGreaterThan(300);
    for (const r of rows) expect(semverScheme.compare(col(r, 'a'), col(r, 'b')), `${col(r, 'a')} ${col(r, 'b')}`).toBe(Number(col(r, 'expected')));
  });

  it('ignores build metadata, accepts a leading v, and orders beyond 2^53 exactly', () => {
    expect(semverScheme.compare('1.0.0+build.1', '1.0.0+build.2')).toBe(0);
    expect(semverScheme.compare('v1.2.3', '1.2.3')).toBe(0);
    expect(semverScheme.compare('1.0.0-9007199254740993', '1.0.0-9007199254740992')).toBe(1);
    expect(semverScheme.compare('18446744073709551616.0.0', '18446744073709551615.0.0')).toBe(1);
    expect(semverScheme.compare('1.0.0-99999999999999999999', '1.0.0-a')).toBe(-1);
  });

  it('rejects what SemVer 2.0.0 rejects', () => {
    for (const v of ['1.2', '1', '01.2.3', '1.02.3', '1.2.3-01', '1.2.3-', '1.2.3+', '1.2.3-a..b', '1.2.3+a..b', ' 1.2.3', '1.2.3 ', 'vv1.2.3', '=1.2.3', '1.2.3-ä', '']) {
      expect(() => semverScheme.parse(v), JSON.stringify(v)).toThrow(InvalidVersionError);
    }
    expect(semverScheme.parse('1.2.3-0a.00-1+001').pre).toEqual(['0a', '00-1']);
  });

  it('satisfies comparator ranges', () => {
    expect(semverScheme.satisfies?.('1.4.1', '>=1.0.0 <1.4.2')).toBe(true);
    expect(semverScheme.satisfies?.('1.4.2-rc.1', '>=1.0.0, <1.4.2')).toBe(true);
    expect(semverScheme.satisfies?.('1.4.2', '>= 1.0.0 < 1.4.2 || = 2.0.0')).toBe(false);
    expect(semverScheme.satisfies?.('2.0.0', '>=1.0.0 <1.4.2 || =2.0.0')).toBe(true);
    expect(semverScheme.satisfies?.('2.0.0', '*')).toBe(true);
    expect(() => semverScheme.satisfies?.('2.0.0', '>=1.0')).toThrow(InvalidRangeError);
    expect(() => semverScheme.satisfies?.('2.0.0', '~>1.0.0')).toThrow(InvalidRangeError);
  });
});
