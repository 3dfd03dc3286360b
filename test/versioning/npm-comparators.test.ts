import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Range, SemVer } from 'semver';
import { describe, expect, it } from 'vitest';
import { plainComparatorRange } from '../../src/versioning/npm-comparators.js';
import { npmScheme } from '../../src/versioning/npm.js';
import { formatRange, rangeIntervals, subtract } from '../../src/vulndb/importers/nodejs/semver-set.js';
import { VULNDATA } from '../matching/osv-records.js';

const OPTS = { loose: false, includePrerelease: true };

/** node-semver's own answer: the reference. */
function reference(range: string, version: string): boolean {
  return new Range(range, OPTS).test(new SemVer(version, OPTS));
}

/** The affected sets the security-wg importer stores as native ranges, from every real npm record. */
function realNativeRanges(): string[] {
  const dir = join(VULNDATA, 'npm/nodejs-security-wg/vuln/npm');
  const out = new Set<string>();
  for (const f of readdirSync(dir)) {
    const r = JSON.parse(readFileSync(join(dir, f), 'utf8')) as { vulnerable_versions?: string; patched_versions?: string | null };
    try {
      const vuln = rangeIntervals(r.vulnerable_versions ?? '');
      const patched = r.patched_versions ? rangeIntervals(r.patched_versions) : [];
      out.add(formatRange(subtract(vuln, patched)));
    } catch {
      // an unparsable record is the importer's business (it warns); nothing to compare here
    }
  }
  return [...out];
}

/** Every version the ranges name, its neighbours and pre-releases around it. */
function versionsAround(ranges: readonly string[]): string[] {
  const out = new Set<string>(['0.0.0', '0.0.0-0', '0.0.1', '1.0.0', '999.0.0']);
  for (const r of ranges) {
    for (const m of r.matchAll(/(\d+)\.(\d+)\.(\d+)(-[0-9A-Za-z.-]+)?/g)) {
      const [major, minor, patch] = [Number(m[1]), Number(m[2]), Number(m[3])];
      const v = `${major}.${minor}.${patch}`;
      for (const x of [v, `${v}${m[4] ?? ''}`, `${v}-0`, `${v}-alpha.1`, `${v}-rc.2`, `${major}.${minor}.${patch + 1}`, `${major}.${minor + 1}.0`, `${major + 1}.0.0-0`]) out.add(x);
      if (patch > 0) out.add(`${major}.${minor}.${patch - 1}`);
    }
  }
  return [...out];
}

describe('npm plain comparator ranges (the fast path of the npm scheme)', () => {
  it('agrees with node-semver on every real security-wg affected set and the versions around it', () => {
    const ranges = realNativeRanges();
    expect(ranges.length).toBeGreaterThan(250);
    const versions = versionsAround(ranges);
    let compared = 0;
    const bad: string[] = [];
    for (const r of ranges) {
      const plain = plainComparatorRange(r, OPTS);
      expect(plain, r).toBeDefined();
      for (const v of versions) {
        compared++;
        if (plain?.test(new SemVer(v, OPTS)) !== reference(r, v)) bad.push(`${v} in ${r}`);
      }
    }
    expect(bad).toEqual([]);
    expect(compared).toBeGreaterThan(100_000);
  });

  it('agrees with node-semver on random comparator sets (every operator, pre-releases, *, ||)', () => {
    let seed = 7;
    const next = (n: number): number => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed % n;
    };
    const version = (): string => `${next(3)}.${next(3)}.${next(3)}${['', '', '-0', '-alpha', '-alpha.1', '-beta.2', '-1'][next(7)] ?? ''}`;
    const ops = ['<', '<=', '>', '>=', '='];
    const bad: string[] = [];
    for (let i = 0; i < 3000; i++) {
      const sets = Array.from({ length: 1 + next(3) }, () => (next(8) === 0 ? '*' : Array.from({ length: 1 + next(3) }, () => `${ops[next(5)] ?? '='}${version()}`).join(' ')));
      const r = sets.join(' || ');
      const plain = plainComparatorRange(r, OPTS);
      expect(plain, r).toBeDefined();
      for (let j = 0; j < 20; j++) {
        const v = version();
        if (plain?.test(new SemVer(v, OPTS)) !== reference(r, v)) bad.push(`${v} in ${r}`);
      }
    }
    expect(bad).toEqual([]);
  });

  it('leaves everything else to node-semver: sugar, spacing, prefixes, invalid versions, the default pre-release rule', () => {
    for (const r of ['^1.2.3', '~1.2', '1.x', '1.2.3 - 2.0.0', '>= 1.2.3', '>=v1.2.3', '>=1.2', '>=01.2.3', '>=1.2.3-01', '>=1.2.3+build', '1.2.3', '>=1.2.3  <2.0.0', '']) {
      expect(plainComparatorRange(r, OPTS), r).toBeUndefined();
    }
    expect(plainComparatorRange('>=1.2.3 <2.0.0', { loose: false, includePrerelease: false })).toBeUndefined();
  });

  it('the npm scheme answers the same through either path', () => {
    expect(npmScheme.satisfies?.('1.2.4-beta.1', '>=1.0.0 <1.2.4')).toBe(true);
    expect(npmScheme.satisfies?.('1.2.4-beta.1', '^1.0.0 <1.2.4')).toBe(true);
    expect(npmScheme.satisfies?.('2.0.0-0', '>=1.0.0 <2.0.0 || =3.0.0')).toBe(true); // 2.0.0-0 < 2.0.0
    expect(npmScheme.satisfies?.('2.0.0-0', '^1.0.0 || =3.0.0')).toBe(false); // ^1.0.0 is <2.0.0-0
  });
});
