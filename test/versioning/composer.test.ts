/**
 * Vectors from composer/semver's own tests (tests/VersionParserTest.php: normalisation, constraint
 * parsing), transcribed as data; constraint parses are compared in Composer's string form.
 */
import { describe, expect, it } from 'vitest';
import { normalizeComposer } from '../../src/versioning/composer-normalize.js';
import { composerScheme, parseComposerConstraints, type Clause } from '../../src/versioning/composer.js';
import { InvalidRangeError, InvalidVersionError } from '../../src/versioning/scheme.js';

const NORMALIZED: [string, string][] = [
  ['1.0.0', '1.0.0.0'], ['1.2.3.4', '1.2.3.4'], ['1.0.0RC1dev', '1.0.0.0-RC1-dev'], ['1.0.0-rC15-dev', '1.0.0.0-RC15-dev'], ['1.0.0.RC.15-dev', '1.0.0.0-RC15-dev'],
  ['1.0.0-rc1', '1.0.0.0-RC1'], ['1.0.0.pl3-dev', '1.0.0.0-patch3-dev'], ['1.0-dev', '1.0.0.0-dev'], ['0', '0.0.0.0'], ['10.4.13-beta', '10.4.13.0-beta'],
  ['10.4.13beta2', '10.4.13.0-beta2'], ['10.4.13beta.2', '10.4.13.0-beta2'], ['v1.13.11-beta.0', '1.13.11.0-beta0'], ['1.13.11.0-beta0', '1.13.11.0-beta0'],
  ['10.4.13-b', '10.4.13.0-beta'], ['10.4.13-b5', '10.4.13.0-beta5'], ['v1.0.0', '1.0.0.0'], ['2010.01', '2010.01.0.0'], ['2010.01.02', '2010.01.02.0'],
  ['2010.1.555', '2010.1.555.0'], ['2010.10.200', '2010.10.200.0'], ['20230131.0.0', '20230131.0.0'], ['202301310000.0.0', '202301310000.0.0'], ['v20100102', '20100102'],
  ['20100102', '20100102'], ['20100102.0', '20100102.0'], ['20100102.1.0', '20100102.1.0'], ['20100102.0.3', '20100102.0.3'],
  ['2010-01-02-10-20-30.0.3', '2010.01.02.10.20.30.0.3'], ['2010-01-02-10-20-30.5', '2010.01.02.10.20.30.5'], ['2010-01-02', '2010.01.02'], ['2012.06.07', '2012.06.07.0'],
  ['2010-01-02.5', '2010.01.02.5'], ['20100102-203040', '20100102.203040'], ['20100102.x-dev', '20100102.9999999.9999999.9999999-dev'],
  ['20100102.203040.x-dev', '20100102.203040.9999999.9999999-dev'], ['20100102203040-10', '20100102203040.10'], ['20100102-203040-p1', '20100102.203040-patch1'],
  ['201903.0', '201903.0'], ['201903.x-dev', '201903.9999999.9999999.9999999-dev'], ['201903.0-p2', '201903.0-patch2'], ['dev-master', 'dev-master'],
  ['master', 'dev-master'], ['dev-trunk', 'dev-trunk'], ['1.x-dev', '1.9999999.9999999.9999999-dev'], ['dev-feature-foo', 'dev-feature-foo'], ['DEV-FOOBAR', 'dev-FOOBAR'],
  ['dev-feature/foo', 'dev-feature/foo'], ['dev-feature+issue-1', 'dev-feature+issue-1'], ['dev-master as 1.0.0', 'dev-master'],
  ['dev-load-varnish-only-when-used as ^2.0', 'dev-load-varnish-only-when-used'], ['dev-load-varnish-only-when-used@dev as ^2.0@dev', 'dev-load-varnish-only-when-used'],
  ['1.0.0+foo@dev', '1.0.0.0'], ['dev-load-varnish-only-when-used@stable', 'dev-load-varnish-only-when-used'], ['1.0.0-beta.5+foo', '1.0.0.0-beta5'],
  ['1.0.0+foo', '1.0.0.0'], ['1.0.0-alpha.3.1+foo', '1.0.0.0-alpha3.1'], ['1.0.0-alpha2.1+foo', '1.0.0.0-alpha2.1'], ['1.0.0-alpha-2.1-3+foo', '1.0.0.0-alpha2.1-3'],
  ['1.0.0+foo as 2.0', '1.0.0.0'], ['00.01.03.04', '00.01.03.04'], ['000.001.003.004', '000.001.003.004'], ['0.000.103.204', '0.000.103.204'], ['0700', '0700.0.0.0'],
  ['041.x-dev', '041.9999999.9999999.9999999-dev'], ['dev-041.003', 'dev-041.003'], ['dev-1.0.0-dev<1.0.5-dev', 'dev-1.0.0-dev<1.0.5-dev'], ['dev-foo bar', 'dev-foo bar'],
  [' 1.0.0', '1.0.0.0'], ['1.0.0 ', '1.0.0.0'],
];
const NOT_VERSIONS = ['', 'a', '1.0.0-meh', '1.0.0.0.0', 'feature-foo', '1.0.0+foo bar', '1.0.1-SNAPSHOT', '1.0.0<1.0.5-dev', '1.0.0-dev<1.0.5-dev', 'foo bar-dev', '1.0 .2', ' as ', ' as 1.2', '^', '^8 || ^', '~', '~1 ~', '~1', '^1', '1.*', '20100102.0.3.4'];

/** Composer's string form of a parsed constraint (Constraint / MultiConstraint __toString). */
function show(groups: Clause[][]): string {
  const one = (c: Clause): string => (c.any ? '*' : `${c.op === '=' ? '==' : c.op} ${c.version}`);
  const group = (g: Clause[]): string => (g.length === 1 ? one(g[0] as Clause) : `[${g.map(one).join(' ')}]`);
  return groups.length === 1 ? group(groups[0] ?? []) : `[${groups.map(group).join(' || ')}]`;
}

const CONSTRAINTS: [string, string][] = [
  ['*', '*'], ['v*', '>= 0.0.0.0-dev'], ['*.*', '>= 0.0.0.0-dev'], ['x.X.x.*', '>= 0.0.0.0-dev'], ['<>1.0.0', '!= 1.0.0.0'], ['!=1.0.0', '!= 1.0.0.0'],
  ['>1.0.0', '> 1.0.0.0'], ['<1.2.3.4', '< 1.2.3.4-dev'], ['<=1.2.3', '<= 1.2.3.0'], ['>=1.2.3', '>= 1.2.3.0-dev'], ['=1.2.3', '== 1.2.3.0'], ['==1.2.3', '== 1.2.3.0'],
  ['1.2.3', '== 1.2.3.0'], ['=1.0', '== 1.0.0.0'], ['1.2.3b5', '== 1.2.3.0-beta5'], ['1.2.3a1', '== 1.2.3.0-alpha1'], ['1.2.3p1234', '== 1.2.3.0-patch1234'],
  ['1.2.3pl1234', '== 1.2.3.0-patch1234'], ['>= 1.2.3', '>= 1.2.3.0-dev'], ['< 1.2.3', '< 1.2.3.0-dev'], ['> 1.2.3', '> 1.2.3.0'], ['>=dev-master', '>= dev-master'],
  ['dev-master', '== dev-master'], ['dev-CAPS', '== dev-CAPS'], ['dev-master as 1.0.0', '== dev-master'], ['<1.2.3.4-stable', '< 1.2.3.4'], ['>=1.2.3.4-stable', '>= 1.2.3.4'],
  ['1.0@dev', '== 1.0.0.0'], ['>=1.0@beta', '>= 1.0.0.0-beta'], ['1.0.x-dev#abcd123', '== 1.0.9999999.9999999-dev'],
  ['v2.*', '[>= 2.0.0.0-dev < 3.0.0.0-dev]'], ['2.0.*', '[>= 2.0.0.0-dev < 2.1.0.0-dev]'], ['2.10.X', '[>= 2.10.0.0-dev < 2.11.0.0-dev]'], ['2.1.3.*', '[>= 2.1.3.0-dev < 2.1.4.0-dev]'],
  ['0.x.x', '< 1.0.0.0-dev'], ['~v1', '[>= 1.0.0.0-dev < 2.0.0.0-dev]'], ['~1.0.0', '[>= 1.0.0.0-dev < 1.1.0.0-dev]'], ['~1.2.3.4', '[>= 1.2.3.4-dev < 1.2.4.0-dev]'],
  ['~1.2-BETA2', '[>= 1.2.0.0-beta2 < 2.0.0.0-dev]'], ['~1.2.2-stable', '[>= 1.2.2.0 < 1.3.0.0-dev]'], ['~201903.205830.1-stable', '[>= 201903.205830.1 < 201903.205831.0.0-dev]'],
  ['~2.0.x-dev', '[>= 2.0.9999999.9999999-dev < 2.1.0.0-dev]'], ['~0.x-dev', '[>= 0.9999999.9999999.9999999-dev < 1.0.0.0-dev]'], ['^0', '[>= 0.0.0.0-dev < 1.0.0.0-dev]'],
  ['^0.0', '[>= 0.0.0.0-dev < 0.1.0.0-dev]'], ['^1.2.3-beta.2', '[>= 1.2.3.0-beta2 < 2.0.0.0-dev]'], ['^0.2.3', '[>= 0.2.3.0-dev < 0.3.0.0-dev]'],
  ['^0.0.3-alpha', '[>= 0.0.3.0-alpha < 0.0.4.0-dev]'], ['^0.0.3-stable', '[>= 0.0.3.0 < 0.0.4.0-dev]'], ['^201903.0-beta', '[>= 201903.0-beta < 201904.0.0.0-dev]'],
  ['^2.0.*-dev', '[>= 2.0.9999999.9999999-dev < 3.0.0.0-dev]'], ['^2.0.3.x-dev', '[>= 2.0.3.9999999-dev < 3.0.0.0-dev]'], ['v1 - v2', '[>= 1.0.0.0-dev < 3.0.0.0-dev]'],
  ['1.2.3 - 2.3.4.5', '[>= 1.2.3.0-dev <= 2.3.4.5]'], ['1.2-beta - 2.3', '[>= 1.2.0.0-beta < 2.4.0.0-dev]'], ['1.2-beta - 2.3-dev', '[>= 1.2.0.0-beta <= 2.3.0.0-dev]'],
  ['1.2.3-alpha - 2.3-RC', '[>= 1.2.3.0-alpha <= 2.3.0.0-RC]'], ['1 - 2.0', '[>= 1.0.0.0-dev < 2.1.0.0-dev]'], ['1.2 - 2.1.0', '[>= 1.2.0.0-dev <= 2.1.0.0]'],
  ['2.x-dev - 3.x-dev', '[>= 2.9999999.9999999.9999999-dev <= 3.9999999.9999999.9999999-dev]'], ['3.x-dev', '== 3.9999999.9999999.9999999-dev'], ['3-dev', '== 3.0.0.0-dev'],
  ['dev-3.x', '== dev-3.x'], ['xsd2php-dev', '== dev-xsd2php'], ['3.next-dev', '== dev-3.next'], ['foobar-dev as 2.1.0 || 3.5 as 1.5', '[== dev-foobar || == 3.5.0.0]'],
  ['1.0 - 2.0.x-dev', '[>= 1.0.0.0-dev <= 2.0.9999999.9999999-dev]'], ['^1.', '[>= 1.0.0.0-dev < 2.0.0.0-dev]'], ['~1.', '[>= 1.0.0.0-dev < 2.0.0.0-dev]'],
  ['1.2.', '== 1.2.0.0'], ['1.2..dev', '== 1.2.0.0-dev'], ['1.2-.dev', '== 1.2.0.0-dev'], ['1.2_-dev', '== 1.2.0.0-dev'],
  ['~2.5.9|~2.6,>=2.6.2', '[[>= 2.5.9.0-dev < 2.6.0.0-dev] || [>= 2.6.0.0-dev < 3.0.0.0-dev >= 2.6.2.0-dev]]'],
  ['>2.0,<=3.0', '[> 2.0.0.0 <= 3.0.0.0]'], ['>2.0 <=3.0', '[> 2.0.0.0 <= 3.0.0.0]'], ['>2.0 , <=3.0', '[> 2.0.0.0 <= 3.0.0.0]'], ['> 2.0   <=  3.0', '[> 2.0.0.0 <= 3.0.0.0]'],
  ['  > 2.0  ,  <=  3.0 ', '[> 2.0.0.0 <= 3.0.0.0]'], ['>=1.1.0-alpha4,<1.2.x-dev', '[>= 1.1.0.0-alpha4 < 1.2.9999999.9999999-dev]'], ['>=1.1.0-alpha4,<1.2-beta2', '[>= 1.1.0.0-alpha4 < 1.2.0.0-beta2]'],
];

describe('composer scheme: VersionParser (VersionParserTest.php)', () => {
  it('normalises versions (successfulNormalizedVersions)', () => {
    for (const [input, want] of NORMALIZED) expect(normalizeComposer(input), input).toBe(want);
  });

  it('rejects what Composer rejects (failingNormalizedVersions)', () => {
    for (const bad of NOT_VERSIONS) expect(normalizeComposer(bad), bad).toBeUndefined();
    for (const bad of NOT_VERSIONS) expect(() => composerScheme.parse(bad), bad).toThrow(InvalidVersionError);
  });

  it.each(CONSTRAINTS)('parses the constraint %s', (input, want) => expect(show(parseComposerConstraints(input))).toBe(want));

  it('rejects long hostile strings in linear time (Composer relies on possessive quantifiers)', () => {
    const start = performance.now();
    expect(normalizeComposer(`1.0.0-beta${'1'.repeat(5000)}x`)).toBeUndefined();
    expect(normalizeComposer(`1.0.0-beta${'1.'.repeat(5000)}x`)).toBeUndefined();
    expect(() => parseComposerConstraints(`^1.0.0-beta${'1'.repeat(5000)}x`)).toThrow(InvalidRangeError);
    expect(performance.now() - start).toBeLessThan(2000);
  });

  it('rejects malformed constraints', () => {
    for (const bad of ['~>1.2', '1.0#abcd123', '', '>=foo', '^', '1.0 - ']) expect(() => parseComposerConstraints(bad), bad).toThrow(InvalidRangeError);
  });
});

describe('composer scheme: ordering and matching', () => {
  it('orders normalised versions like PHP version_compare', () => {
    const ascending = ['1.0.0-dev', '1.0.0-alpha1', '1.0.0-alpha2', '1.0.0-beta', '1.0.0-beta2', '1.0.0-RC1', '1.0.0', '1.0.0-p1', '1.0.1', '1.1', '1.x-dev', '2.0'];
    for (let i = 0; i < ascending.length; i++) {
      for (let j = 0; j < ascending.length; j++) expect(composerScheme.compare(ascending[i] ?? '', ascending[j] ?? ''), `${ascending[i]} vs ${ascending[j]}`).toBe(Math.sign(i - j));
    }
    expect(composerScheme.compare('v1.0', '1.0.0.0')).toBe(0);
    expect(() => composerScheme.parse('dev-main')).toThrow(InvalidVersionError);
    expect(composerScheme.aliases).toEqual(['packagist', 'php']);
  });

  it('satisfies constraints like Semver::satisfies', () => {
    const s = (v: string, r: string): boolean | undefined => composerScheme.satisfies?.(v, r);
    expect(s('1.2.3', '^1.2')).toBe(true);
    expect(s('2.0.0', '^1.2')).toBe(false);
    expect(s('2.0.0-beta1', '^1.2')).toBe(false);
    // Composer reads `<1.2.0` as `<1.2.0.0-dev`: the fix's own pre-releases are outside (as `composer audit` says),
    // while the ordering puts them below the fix (what OSV range matching uses)
    expect(s('1.2.0-RC1', '>=1.0,<1.2.0')).toBe(false);
    expect(s('1.1.9', '>=1.0,<1.2.0')).toBe(true);
    expect(composerScheme.compare('1.2.0-RC1', '1.2.0')).toBe(-1);
    expect(s('5.4.1', '>=5.0.0,<5.4.2|>=6.0.0,<6.0.2')).toBe(true);
    expect(s('6.0.2', '>=5.0.0,<5.4.2|>=6.0.0,<6.0.2')).toBe(false);
    expect(s('1.0.0', '1.0 - 2.0')).toBe(true);
    expect(s('2.0.5', '1.0 - 2.0')).toBe(true);
    expect(s('2.1.0', '1.0 - 2.0')).toBe(false);
    expect(s('1.5.0', '1.*')).toBe(true);
    expect(s('3.0.0', '*')).toBe(true);
    expect(s('1.0.0', '!=1.0')).toBe(false);
    expect(s('dev-main', '== dev-main')).toBe(true);
    expect(s('dev-main', '!= dev-other')).toBe(true);
    expect(() => s('dev-main', '<2.0')).toThrow(InvalidVersionError);
  });
});
