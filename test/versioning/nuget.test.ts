/**
 * Vectors from NuGet's own tests (NuGet/NuGet.Client test/NuGet.Core.Tests/NuGet.Versioning.Test:
 * VersionComparerTests.cs, VersionRangeTests.cs), transcribed as data.
 */
import { describe, expect, it } from 'vitest';
import { nugetScheme, parseNuGetRange } from '../../src/versioning/nuget.js';
import { InvalidRangeError, InvalidVersionError } from '../../src/versioning/scheme.js';

const cmp = (a: string, b: string): number => nugetScheme.compare(a, b);
const sat = (v: string, r: string): boolean | undefined => nugetScheme.satisfies?.(v, r);

describe('nuget scheme: VersionComparer.Default (VersionComparerTests.cs)', () => {
  it('VersionComparisonDefaultEqual', () => {
    for (const [a, b] of [['1.0.0', '1.0.0'], ['1.0.0-BETA', '1.0.0-beta'], ['1.0.0-BETA+AA', '1.0.0-beta+aa'], ['1.0.0-BETA.X.y.5.77.0+AA', '1.0.0-beta.x.y.5.77.0+aa']]) {
      expect(cmp(a ?? '', b ?? ''), `${a} = ${b}`).toBe(0);
    }
  });

  it('VersionComparisonDefaultLess (both directions)', () => {
    const less = [
      ['0.0.0', '1.0.0'], ['1.0.0', '1.1.0'], ['1.0.0', '1.0.1'], ['1.999.9999', '2.1.1'], ['1.0.0-BETA', '1.0.0-beta2'], ['1.0.0-beta+AA', '1.0.0+aa'],
      ['1.0.0-BETA', '1.0.0-beta.1+AA'], ['1.0.0-BETA.X.y.5.77.0+AA', '1.0.0-beta.x.y.5.79.0+aa'], ['1.0.0-BETA.X.y.5.79.0+AA', '1.0.0-beta.x.y.5.790.0+abc'],
    ];
    for (const [a = '', b = ''] of less) {
      expect(cmp(a, b), `${a} < ${b}`).toBe(-1);
      expect(cmp(b, a), `${b} > ${a}`).toBe(1);
    }
  });

  it('normalises 1-4 part versions and leading zeros', () => {
    expect(cmp('1.0', '1.0.0.0')).toBe(0);
    expect(cmp('1', '1.0.0')).toBe(0);
    expect(cmp('01.02.003', '1.2.3')).toBe(0);
    expect(cmp('1.2.3.4', '1.2.3')).toBe(1);
    expect(cmp('1.0.0-2', '1.0.0-10')).toBe(-1); // numeric labels by value
    expect(cmp('1.0.0-10', '1.0.0-a')).toBe(-1); // numeric below alphanumeric
    for (const bad of ['', '1.0.0-', '1.0.0+', '1..0', '1.2.3.4.5', 'a.b', '1.0.0-beta..1', '9999999999.0']) expect(() => nugetScheme.parse(bad), bad).toThrow(InvalidVersionError);
    expect(nugetScheme.aliases).toEqual(['dotnet']);
  });
});

describe('nuget scheme: VersionRange (VersionRangeTests.cs)', () => {
  it('ParseVersionRangeSatisfies', () => {
    const yes = [
      ['1.0.0', '2.0.0'], ['[1.0.0, 2.0.0]', '2.0.0'], ['[1.0.0, 2.0.0]', '1.0.0'], ['[1.0.0-beta+meta, 2.0.0-beta+meta]', '1.0.0'],
      ['[1.0.0-beta+meta, 2.0.0-beta+meta]', '1.0.0-beta+meta'], ['[1.0.0-beta+meta, 2.0.0-beta+meta]', '2.0.0-beta'], ['[1.0.0-beta+meta, 2.0.0-beta+meta]', '1.0.0+meta'],
      ['(1.0.0-beta+meta, 2.0.0-beta+meta)', '1.0.0'], ['(1.0.0-beta+meta, 2.0.0-beta+meta)', '2.0.0-alpha+meta'], ['(1.0.0-beta+meta, 2.0.0-beta+meta)', '2.0.0-alpha'],
      ['(, 2.0.0-beta+meta)', '2.0.0-alpha'], ['[1.0.0, 2.0.0]', '1.0.0+B'], ['[1.0.0+A, 2.0.0+A]', '1.0.0'], ['[1,3)', '2.9'], ['[4.3.0]', '4.3.0'],
    ];
    for (const [r = '', v = ''] of yes) expect(sat(v, r), `${v} in ${r}`).toBe(true);
  });

  it('ParseVersionRangeDoesNotSatisfy', () => {
    const no = [
      ['1.0.0', '0.0.0'], ['[1.0.0, 2.0.0]', '2.0.1'], ['[1.0.0, 2.0.0]', '0.0.0'], ['[1.0.0, 2.0.0]', '3.0.0'], ['[1.0.0-beta+meta, 2.0.0-beta+meta]', '1.0.0-alpha'],
      ['[1.0.0-beta+meta, 2.0.0-beta+meta]', '1.0.0-alpha+meta'], ['[1.0.0-beta+meta, 2.0.0-beta+meta]', '2.0.0-rc'], ['[1.0.0-beta+meta, 2.0.0-beta+meta]', '2.0.0+meta'],
      ['(1.0.0-beta+meta, 2.0.0-beta+meta)', '2.0.0-beta+meta'], ['(, 2.0.0-beta+meta)', '2.0.0-beta+meta'], ['[1,3)', '3.0'],
    ];
    for (const [r = '', v = ''] of no) expect(sat(v, r), `${v} not in ${r}`).toBe(false);
  });

  it('parses the interval forms of VersionRange_PrettyPrintTests', () => {
    const forms: [string, string | undefined, boolean, string | undefined, boolean][] = [
      ['[1.0.0]', '1.0.0', true, '1.0.0', true], ['[1.0.0, ]', '1.0.0', true, undefined, true], ['(1.0.0, )', '1.0.0', false, undefined, false],
      ['(1.0.0, ]', '1.0.0', false, undefined, true], ['(1.0.0, 2.0.0)', '1.0.0', false, '2.0.0', false], ['(, 2.0.0]', undefined, false, '2.0.0', true],
      ['[, 2.0.0)', undefined, true, '2.0.0', false], ['[1.0, 2.0]', '1.0.0', true, '2.0.0', true],
    ];
    const same = (got: unknown, want: string | undefined): boolean =>
      want === undefined ? got === undefined : got !== undefined && nugetScheme.compareParsed(got as never, nugetScheme.parse(want)) === 0;
    for (const [r, min, minInc, max, maxInc] of forms) {
      const p = parseNuGetRange(r);
      expect(same(p.min, min), `${r} min`).toBe(true);
      expect(same(p.max, max), `${r} max`).toBe(true);
      // an absent bound's bracket means nothing
      if (min !== undefined) expect(p.minInclusive, r).toBe(minInc);
      if (max !== undefined) expect(p.maxInclusive, r).toBe(maxInc);
    }
  });

  it('rejects malformed and floating ranges', () => {
    for (const r of ['', '(1.0.0)', '(,)', '[1.0,2.0', '[2.0,1.0]', '[1,2,3]', '1.*', '[1.0.*, 2.0.0-beta]', '[x, 2.0]']) expect(() => parseNuGetRange(r), r).toThrow(InvalidRangeError);
  });
});
