import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { evaluateAffected } from '../../src/matching/affected.js';
import { ParseCache } from '../../src/matching/parse-cache.js';
import { schemeById } from '../../src/versioning/index.js';
import { pep440Scheme } from '../../src/versioning/pep440.js';
import { pep440EqualityKeys } from '../../src/versioning/pep440-version.js';
import type { VersionScheme } from '../../src/versioning/scheme.js';
import { affectedOf, osvRecord, VULNDATA } from '../matching/osv-records.js';
import { col, readTsv } from './lang-tsv.js';

/** Would a search for `a` parse `b` (same equality key, computed inside a list as the matcher does)? */
function selects(a: string, b: string): boolean {
  const keys = pep440EqualityKeys(['0', 'x', b, a, '999.999']);
  return keys[2] === keys[3];
}

function equal(a: string, b: string): boolean {
  try {
    return pep440Scheme.compare(a, b) === 0;
  } catch {
    return false;
  }
}

/** Other spellings of a version (case, `v`, padding, epoch 0, leading zeros, long pre/post/dev forms, separators). */
function spellings(v: string): string[] {
  const out = [
    v.toUpperCase(),
    `v${v}`,
    ` ${v}\t`,
    v.replace(/^(\d+(?:\.\d+)*)/, '$1.0'),
    v.replace(/^(\d+(?:\.\d+)*)/, '$1.0.0'),
    `0!${v}`,
    v.replace(/(\d+)/g, '0$1'),
    v.replace(/a(\d)/, 'alpha$1').replace(/b(\d)/, '-beta.$1').replace(/rc(\d)/, 'c$1'),
    v.replace(/\.post(\d+)/, '-$1').replace(/\.dev(\d+)/, '_dev$1'),
    v.replace(/\.post(\d+)/, '.rev$1').replace(/\+(.*)$/, (_, l: string) => `+${l.replace(/\./g, '-')}`),
    v.replace(/([a-z]+)0$/, '$1'),
  ];
  return out.filter((s) => s !== v && equal(s, v));
}

/** The PyPA records' listed versions (real lists of hundreds per entry). */
function pypaEntries(): ReturnType<typeof affectedOf> {
  const dir = join(VULNDATA, 'pypi/pypa-advisory-database/vulns');
  return readdirSync(dir).flatMap((pkg) => readdirSync(join(dir, pkg)).flatMap((f) => affectedOf(osvRecord(`pypi/pypa-advisory-database/vulns/${pkg}/${f}`), 'pypi')));
}

describe('PEP 440 equality keys (a native prefilter for long `versions` lists)', () => {
  it('selects every spelling packaging calls equal (pep440-packaging.tsv equalities, both ways)', () => {
    const pairs = readTsv('pep440-packaging.tsv').filter((r) => col(r, 'expected') === '0' && col(r, 'a') !== col(r, 'b'));
    expect(pairs.length).toBeGreaterThan(20);
    for (const r of pairs) {
      expect(selects(col(r, 'a'), col(r, 'b')), `${col(r, 'a')} ~ ${col(r, 'b')}`).toBe(true);
      expect(selects(col(r, 'b'), col(r, 'a')), `${col(r, 'b')} ~ ${col(r, 'a')}`).toBe(true);
    }
  });

  it('selects every equal respelling of every version the PyPA sample lists', () => {
    const versions = [...new Set(pypaEntries().flatMap((a) => a.versions))];
    expect(versions.length).toBeGreaterThan(1500);
    let checked = 0;
    const missed: string[] = [];
    for (const v of versions) {
      for (const s of spellings(v)) {
        checked++;
        if (!selects(v, s)) missed.push(`${v} -> ${s}`);
        if (!selects(s, v)) missed.push(`${s} -> ${v}`);
      }
    }
    expect(missed).toEqual([]);
    expect(checked).toBeGreaterThan(10_000);
  });

  it('keys a list entry by entry even when an entry holds a line break', () => {
    expect(pep440EqualityKeys(['1.0', ' 2.0\n', '0!3.00.0', '', 'v01.2.3rc04'])).toEqual(['1', '2', '3', '', '1.2.3.4']);
  });

  it('rejects lines with other numbers (it is a filter, not a pass-through)', () => {
    expect(selects('1.2.3', '1.2.4')).toBe(false);
    expect(selects('1.2.3', '1.2.30')).toBe(false);
    expect(selects('1.2.3', '1.23')).toBe(false);
    expect(selects('1.0', '1.0.1')).toBe(false);
    expect(selects('2.0', '1!2.0')).toBe(false);
  });

  it('the matcher gives the same verdicts with and without the prefilter on the real PyPA entries', () => {
    const { equalityKeys: _, ...plainScheme } = pep440Scheme as VersionScheme;
    const entries = pypaEntries().filter((a) => a.versions.length > 0);
    const semver = schemeById('semver');
    const installed = new Set<string>(['0.0.1', '99.0', ' 1.0\n']);
    for (const a of entries.slice(0, 200)) for (const v of a.versions.slice(0, 3)) for (const s of [v, ...spellings(v)]) installed.add(s);
    let affected = 0;
    const fastCache = new ParseCache();
    const slowCache = new ParseCache();
    for (const a of entries) {
      // no ranges: only the list decides, so both paths are exercised on every installed version
      const listOnly = { ...a, ranges: [] };
      for (const v of installed) {
        const fast = evaluateAffected(listOnly, v, { scheme: pep440Scheme, semver, cache: fastCache });
        const slow = evaluateAffected(listOnly, v, { scheme: plainScheme, semver, cache: slowCache });
        expect(fast, `${a.name} ${v}`).toEqual(slow);
        if (fast.kind === 'affected') affected++;
      }
    }
    expect(affected).toBeGreaterThan(500);
  });
});
