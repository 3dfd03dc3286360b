import { describe, expect, it } from 'vitest';
import { createNpmScheme, npmLooseScheme, npmScheme, parseNpmRange } from '../../src/versioning/npm.js';
import { InvalidRangeError, InvalidVersionError } from '../../src/versioning/scheme.js';
import { col, readTsv } from './lang-tsv.js';

const flag = (r: Record<string, string>, name: string): boolean => col(r, name) === 'true';
const opts = (r: Record<string, string>): { loose: boolean; includePrerelease: boolean } => ({
  loose: flag(r, 'loose'),
  includePrerelease: r['includePrerelease'] === 'true',
});

/*
 * node-semver's own fixtures (npm/node-semver test/fixtures). Not covered: intersects and outside
 * (gtr/ltr) — a scanner asks "is this installed version in this range", never whether two ranges
 * overlap or on which side a version falls.
 */
describe('npm scheme: node-semver conformance', () => {
  it('compares like node-semver, strict and loose (npm-semver-compare.tsv)', () => {
    const rows = readTsv('npm-semver-compare.tsv');
    expect(rows.length).toBe(99);
    for (const r of rows) {
      const scheme = flag(r, 'loose') ? npmLooseScheme : npmScheme;
      expect(scheme.compare(col(r, 'a'), col(r, 'b')), `${col(r, 'a')} ${col(r, 'b')}`).toBe(Number(col(r, 'expected')));
    }
  });

  it('satisfies like node-semver with the fixture options (npm-semver-satisfies.tsv)', () => {
    const rows = readTsv('npm-semver-satisfies.tsv');
    expect(rows.length).toBe(224);
    let refused = 0;
    for (const r of rows) {
      const [range, version, expected] = [col(r, 'range'), col(r, 'version'), flag(r, 'expected')];
      try {
        expect(createNpmScheme(opts(r)).satisfies?.(version, range), `${version} in ${range} ${JSON.stringify(opts(r))}`).toBe(expected);
      } catch (err) {
        // node-semver says "not satisfied" for a version or range it cannot parse; drydock refuses.
        if (expected || !(err instanceof InvalidVersionError || err instanceof InvalidRangeError)) throw err;
        refused++;
      }
    }
    expect(refused).toBeGreaterThan(0);
    expect(refused).toBeLessThan(15);
  });

  it('parses ranges to node-semver canonical form (npm-semver-range-parse.tsv)', () => {
    const rows = readTsv('npm-semver-range-parse.tsv');
    expect(rows.length).toBe(133);
    for (const r of rows) {
      const [range, canonical] = [col(r, 'range'), col(r, 'canonical')];
      if (canonical === '<INVALID>') expect(() => parseNpmRange(range, opts(r)), range).toThrow(InvalidRangeError);
      else expect(parseNpmRange(range, opts(r)).range || '*', range).toBe(canonical);
    }
  });

  it('accepts the valid versions with their parts and rejects the invalid ones (npm-semver-valid/-invalid.tsv)', () => {
    const valid = readTsv('npm-semver-valid.tsv');
    expect(valid.length).toBe(22);
    for (const r of valid) {
      const v = npmScheme.parse(col(r, 'version'));
      expect([v.major, v.minor, v.patch], col(r, 'version')).toEqual([col(r, 'major'), col(r, 'minor'), col(r, 'patch')].map(Number));
      expect(v.prerelease).toEqual(JSON.parse(col(r, 'prerelease_json')));
      expect(v.build).toEqual(JSON.parse(col(r, 'build_json')));
    }
    const invalid = readTsv('npm-semver-invalid.tsv');
    expect(invalid.length).toBe(7);
    for (const r of invalid) {
      const scheme = flag(r, 'loose') ? npmLooseScheme : npmScheme;
      expect(() => scheme.parse(col(r, 'version')), col(r, 'reason')).toThrow(InvalidVersionError);
    }
  });
});

describe('npm scheme: drydock behaviour', () => {
  it('puts pre-releases inside advisory ranges (includePrerelease)', () => {
    expect(npmScheme.satisfies?.('1.2.3-beta', '<1.2.4')).toBe(true);
    expect(npmScheme.satisfies?.('1.2.4-beta.1', '>=1.0.0 <1.2.4')).toBe(true);
    expect(npmScheme.satisfies?.('2.0.0-rc.1', '^1.2.3')).toBe(false); // the next major's pre-releases stay out
    expect(npmScheme.satisfies?.('4.17.20', '<4.17.21')).toBe(true);
    expect(npmScheme.satisfies?.('1.2.6', '<1.2.6 || >=2.0.0 <2.0.1')).toBe(false);
  });

  it('is strict by default and throws typed errors', () => {
    expect(npmScheme.aliases).toEqual(['node']);
    expect(() => npmScheme.parse('1.2')).toThrow(InvalidVersionError);
    expect(() => npmScheme.parse('v1.2.3-')).toThrow(InvalidVersionError);
    expect(npmScheme.compare('v1.2.3', ' 1.2.3 ')).toBe(0);
    expect(() => npmScheme.parse('=1.2.3')).toThrow(InvalidVersionError);
    expect(npmLooseScheme.compare('=1.2.3', '1.2.3')).toBe(0);
    expect(npmLooseScheme.compare('1.2.3beta', '1.2.3')).toBe(-1);
    expect(() => npmScheme.satisfies?.('1.2.3', '>=foo')).toThrow(InvalidRangeError);
  });
});
