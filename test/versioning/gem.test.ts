/**
 * Vectors from rubygems' own tests (ruby/rubygems test/rubygems/test_gem_version.rb and
 * test_gem_requirement.rb, the current ones in ruby/rubygems and ruby/ruby), transcribed as data.
 */
import { describe, expect, it } from 'vitest';
import { gemScheme } from '../../src/versioning/gem.js';
import { InvalidRangeError, InvalidVersionError } from '../../src/versioning/scheme.js';

const cmp = (a: string, b: string): number => gemScheme.compare(a, b);
const sat = (v: string, r: string): boolean | undefined => gemScheme.satisfies?.(v, r);

describe('gem scheme: Gem::Version (test_gem_version.rb)', () => {
  it('test_spaceship, test_semver, test_equals2', () => {
    const rows: [string, string, number][] = [
      ['1.0', '1.0.0', 0], ['1.0', '1.0.a', 1], ['1.8.2', '0.0.0', 1], ['1.8.2', '1.8.2.a', 1], ['1.8.2.b', '1.8.2.a', 1],
      ['1.8.2.a', '1.8.2', -1], ['1.8.2.a10', '1.8.2.a9', 1], ['0.beta.1', '0.0.beta.1', 0], ['0.0.beta', '0.0.beta.1', -1],
      ['0.0.beta', '0.beta.1', -1], ['5.a', '5.0.0.rc2', -1], ['5.x', '5.0.0.rc2', 1], ['1.9.3', '1.9.3', 0], ['1.9.3', '1.9.2.99', 1],
      ['1.9.3', '1.9.3.1', -1], ['1.2', '1.2', 0], ['1.2', '1.3', -1], ['1.2.b1', '1.2.b.1', 0],
      ['1.0.0-alpha', '1.0.0-alpha.1', -1], ['1.0.0-alpha.1', '1.0.0-beta.2', -1], ['1.0.0-beta.2', '1.0.0-beta.11', -1],
      ['1.0.0-beta.11', '1.0.0-rc.1', -1], ['1.0.0-rc1', '1.0.0', -1], ['1.0.0-1', '1', -1],
      ['1.0.0.beta.1', '1.0.0-beta.1', 0], ['1.0.0.rc.1', '1.0.0-rc.1', 0], ['1.2.3.beta', '1.2.3-beta', 0],
      ['1.0.0.pre.1', '1.0.0-1', 0], ['1.0.0.1', '1.0.0-1', 1], ['1.0.0.beta.1', '1.0.0.pre.beta.1', 0],
      ['1.freeze.test', '1', -1], ['1.0.0', '0.0.1.20220404083012', 1], ['0.7.0', '0.6.63000', 1], ['18.0.1', '18.0.2', -1],
      ['1.2.pre.1', '1.2.0.pre.1.0', 0],
    ];
    for (const [a, b, want] of rows) {
      expect(cmp(a, b), `${a} <=> ${b}`).toBe(want);
      expect(cmp(b, a), `${b} <=> ${a}`).toBe(want === 0 ? 0 : -want);
    }
  });

  it('test_initialize, test_initialize_invalid, test_prerelease', () => {
    for (const good of ['1.0', '1.0 ', ' 1.0 ', '1.0\n', '\n1.0\n']) expect(cmp(good, '1.0'), JSON.stringify(good)).toBe(0);
    for (const bad of ['junk', '1.0\n2.0', '1..2', '1.2 3.4', '2.3422222.222.222222222.22222.ads0as.dasd0.ddd2222.2.qd3e.']) {
      expect(() => gemScheme.parse(bad), bad).toThrow(InvalidVersionError);
    }
    for (const p of ['1.2.0.a', '2.9.b', '22.1.50.0.d', '1.2.d.42', '1.A', '1-1', '1-a']) expect(gemScheme.parse(p).prerelease, p).toBe(true);
    for (const p of ['1.2.0', '2.9', '22.1.50.0']) expect(gemScheme.parse(p).prerelease, p).toBe(false);
    expect(gemScheme.parse('1.0.0-beta.1').version).toBe('1.0.0.beta.1');
    expect(gemScheme.parse('1.0.0-1').version).toBe('1.0.0.pre.1');
    expect(gemScheme.parse('1.0.0.a.1.0').canonical).toEqual([1, 'a', 1]);
    expect(gemScheme.parse('1.2.3-1').canonical).toEqual([1, 2, 3, 'pre', 1]);
  });

  it('refuses the empty version (Gem::Version reads it as 0; an empty installed version is missing data)', () => {
    for (const empty of ['', '   ']) expect(() => gemScheme.parse(empty)).toThrow(InvalidVersionError);
    expect(gemScheme.aliases).toEqual(['rubygems', 'ruby', 'bundler']);
  });
});

describe('gem scheme: Gem::Requirement (test_gem_requirement.rb)', () => {
  const cases: [string, string, boolean][] = [
    // test_satisfied_by_eh_good
    ['0.2.33', '= 0.2.33', true], ['0.2.34', '> 0.2.33', true], ['1.0', '= 1.0', true], ['1.0', '1.0', true], ['1.8.2', '> 1.8.0', true],
    ['1.112', '> 1.111', true], ['0.2', '> 0.0.0', true], ['0.0.0.0.0.2', '> 0.0.0', true], ['0.0.1.0', '> 0.0.0.1', true],
    ['10.3.2', '> 9.3.2', true], ['1.0.0.0', '= 1.0', true], ['10.3.2', '!= 9.3.4', true], [' 9.3.2', '>= 9.3.2', true],
    ['9.3.2 ', '>= 9.3.2', true], ['3.1', '< 3.2.rc1', true], ['3.2.0', '> 3.2.0.rc1', true], ['3.2.0.rc2', '> 3.2.0.rc1', true],
    ['3.0.rc2', '< 3.0', true], ['3.0.rc2', '< 3.0.0', true], ['3.0.rc2', '< 3.0.1', true], ['3.0.rc2', '> 0', true],
    // test_bad
    ['1.2.3', '!= 1.2.3', false], ['1.2.003.0.0', '!= 1.02.3', false], ['4.5.6', '< 1.2.3', false], ['1.0', '> 1.1', false],
    ['1.1.1', '> 1.1.1', false], ['1.2', '= 1.1', false], ['1.40', '= 1.1', false], ['1.3', '= 1.40', false], ['9.3.3', '<= 9.3.2', false],
    ['9.3.1', '>= 9.3.2', false], ['9.3.03', '<= 9.3.2', false], ['1.0.0.1', '= 1.0', false],
    // test_satisfied_by_boxed / _eh_boxed
    ['1.3', '~> 1.4', false], ['1.4', '~> 1.4', true], ['1.5', '~> 1.4', true], ['2.0', '~> 1.4', false], ['1.3', '~> 1.4.4', false],
    ['1.4', '~> 1.4.4', false], ['1.4.4', '~> 1.4.4', true], ['1.4.5', '~> 1.4.4', true], ['1.5', '~> 1.4.4', false], ['2.0', '~> 1.4.4', false],
    ['1.1.pre', '~> 1.0.0', false], ['1.1.pre', '~> 1.1', false], ['2.0.a', '~> 1.0', false], ['2.0.a', '~> 2.0', false],
    // test_satisfied_by_spermy_inplace_pre (~> 1.4.beta)
    ['1.3.beta.0', '~> 1.4.beta', false], ['1.3', '~> 1.4.beta', false], ['1.4.alpha', '~> 1.4.beta', false], ['1.4.alpha.0', '~> 1.4.beta', false],
    ['1.4.beta', '~> 1.4.beta', true], ['1.4.beta.0', '~> 1.4.beta', true], ['1.4', '~> 1.4.beta', true], ['1.4.0', '~> 1.4.beta', true],
    ['1.4.1', '~> 1.4.beta', true], ['2.0', '~> 1.4.beta', false], ['2.0.0', '~> 1.4.beta', false],
    // test_satisfied_by_spermy_postfix_pre_sub (~> 1.4.0.beta.1)
    ['1.4.0.beta', '~> 1.4.0.beta.1', false], ['1.4.0.beta.0', '~> 1.4.0.beta.1', false], ['1.4.0.beta.1', '~> 1.4.0.beta.1', true],
    ['1.4', '~> 1.4.0.beta.1', true], ['1.4.1', '~> 1.4.0.beta.1', true], ['1.5', '~> 1.4.0.beta.1', false], ['1.5.0.alpha', '~> 1.4.0.beta.1', false],
    // test_satisfied_by_spermy_release (~> 1.4.0)
    ['1.3.alpha.0', '~> 1.4.0', false], ['1.4.beta.0', '~> 1.4.0', false], ['1.4', '~> 1.4.0', true], ['1.4.1', '~> 1.4.0', true],
    ['1.5.alpha.0', '~> 1.4.0', false], ['1.5.beta.0', '~> 1.4.0', false], ['1.5', '~> 1.4.0', false],
    // lists: test_satisfied_by_range_pre_inplace, _range_inplace, _eh_multiple
    ['1.4.alpha.0', '>= 1.4.beta, < 1.5', false], ['1.4.beta.0', '>= 1.4.beta, < 1.5', true], ['1.4.1', '>= 1.4.beta, < 1.5', true],
    // test_satisfied_by_explicitly_bounded (current rubygems): pre-releases are ordered, not excluded
    ['1.4.5', '>= 1.4.4, < 1.5', true], ['1.5.0.rc1', '>= 1.4.4, < 1.5', true], ['1.5.0', '>= 1.4.4, < 1.5', false],
    ['1.5.0.rc1', '>= 1.4.4, < 1.5.a', false], ['5.0.0.rc2', '~> 5.a', true], ['5.0.0.rc2', '~> 5.x', false], ['5.0.0', '~> 5.a', true],
    ['5.0.0', '~> 5.x', true], ['0.9', '~> 1', false], ['1.0', '~> 1', true], ['1.1', '~> 1', true], ['2.0', '~> 1', false], ['1.4.0', '~> 1.4', true],
    ['1.4.beta.1', '>= 1.4, < 1.5', false], ['1.4', '>= 1.4, < 1.5', true], ['1.5.0', '>= 1.4, < 1.5', false],
    ['1.3', '>= 1.4, <= 1.6, != 1.5', false], ['1.4', '>= 1.4, <= 1.6, != 1.5', true], ['1.5', '>= 1.4, <= 1.6, != 1.5', false],
    ['1.6', '>= 1.4, <= 1.6, != 1.5', true], ['1.7', '>= 1.4, <= 1.6, != 1.5', false],
    // test_parse
    ['1', '  1', true], ['1', '= 1', true], ['2', '> 1', true], ['1', '=\n1', true],
  ];
  it.each(cases)('%s satisfies %s: %s', (v, r, want) => expect(sat(v, r)).toBe(want));

  it('test_illformed_requirements and test_parse_bad', () => {
    for (const r of ['>>> 1.3.5', '> blah', '', '~> 1.0,', '== 1.0']) expect(() => sat('1.0', r), r).toThrow(InvalidRangeError);
  });
});
