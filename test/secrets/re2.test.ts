/**
 * Go RE2 → JavaScript translation: every construct is checked by what the translated regex matches
 * (on latin1-decoded text, as the scanner runs it), not by the source text it happens to produce.
 */
import { describe, expect, it } from 'vitest';
import { AppError } from '../../src/core/errors.js';
import { translateRe2 } from '../../src/secrets/re2.js';

function re(pattern: string): RegExp {
  const t = translateRe2(pattern, 'rule test-rule');
  return new RegExp(t.source, t.flags);
}

/** The text as the scanner sees it: its UTF-8 bytes, one char per byte. */
const latin1 = (s: string): string => Buffer.from(s, 'utf8').toString('latin1');

function rejects(pattern: string, message: RegExp): void {
  let err: unknown;
  try {
    translateRe2(pattern, 'rule my-rule');
  } catch (e) {
    err = e;
  }
  expect(err, pattern).toBeInstanceOf(AppError);
  expect((err as AppError).code).toBe('INPUT');
  expect((err as AppError).message).toContain('rule my-rule');
  expect((err as AppError).message).toMatch(message);
}

describe('case-insensitivity flags', () => {
  it('a leading (?i) becomes the JS i flag', () => {
    const t = translateRe2('(?i)secret_[a-z]{4}', 'r');
    expect(t.flags).toBe('i');
    expect(new RegExp(t.source, t.flags).test('SECRET_ABCD')).toBe(true);
  });

  it('a mid-pattern (?i) applies to the rest of its group only', () => {
    const p = re(String.raw`\b(p8e-(?i)[a-z0-9]{4})x`);
    expect(p.test('p8e-AbC1x')).toBe(true);
    expect(p.test('P8E-abc1x')).toBe(false); // before the flag: case-sensitive
    expect(p.test('p8e-abc1X')).toBe(false); // after the group: case-sensitive again
  });

  it('a bare (?i) lasts across | to the end of the group, as in Go', () => {
    const p = re('^(?:x(?i)y|z)$');
    expect(p.test('xY')).toBe(true);
    expect(p.test('Z')).toBe(true);
    expect(p.test('XY')).toBe(false);
  });

  it('(?i:…) is scoped', () => {
    const p = re('^a(?i:bc)d$');
    expect(p.test('aBCd')).toBe(true);
    expect(p.test('ABCd')).toBe(false);
    expect(p.test('aBCD')).toBe(false);
  });

  it('(?-i:…) inside a case-insensitive pattern expands the rest instead of using the i flag', () => {
    const t = translateRe2('(?i)^a(?-i:[Aa]pi|API)c$', 'r');
    expect(t.flags).toBe('');
    const p = new RegExp(t.source, t.flags);
    expect(p.test('AApiC')).toBe(true);
    expect(p.test('aAPIc')).toBe(true);
    expect(p.test('aaPic')).toBe(false);
  });

  it('folds character classes before negating them', () => {
    expect(re('^(?i:[a-c]+)$').test('AbC')).toBe(true);
    expect(re('^x(?i:[^a])$').test('xA')).toBe(false);
    expect(re('^x(?i:[^a])$').test('xb')).toBe(true);
  });
});

describe('anchors and dot', () => {
  it('\\z and $ (without m) are the end of the text, \\A and ^ its start', () => {
    expect(re(String.raw`a\z`).test('xa')).toBe(true);
    expect(re(String.raw`a\z`).test('a\n')).toBe(false);
    expect(re('a$').test('a\nb')).toBe(false);
    expect(re(String.raw`\Ab`).test('ab')).toBe(false);
    expect(re(String.raw`\Ab`).test('bc')).toBe(true);
    expect(re('^b').test('a\nb')).toBe(false);
  });

  it('(?m) makes ^ and $ line anchors', () => {
    expect(re('(?m)^b$').test('a\nb\nc')).toBe(true);
    expect(re('(?m)^multi-line: \\d+$').test('x\nmulti-line: 42\ny')).toBe(true);
    expect(re('^multi-line: \\d+$').test('x\nmulti-line: 42\ny')).toBe(false);
  });

  it('. matches \\r but not \\n; (?s) makes it match \\n', () => {
    expect(re('a.b').test('a\rb')).toBe(true);
    expect(re('a.b').test('a\nb')).toBe(false);
    expect(re('(?s)a.b').test('a\nb')).toBe(true);
    expect(re('a(?s:.)b').test('a\nb')).toBe(true);
  });

  it('\\s is Go\'s ASCII set: no vertical tab, no latin1 no-break space', () => {
    const s = re(String.raw`^\s$`);
    for (const c of ['\t', '\n', '\f', '\r', ' ']) expect(s.test(c), JSON.stringify(c)).toBe(true);
    expect(s.test('\v')).toBe(false);
    expect(s.test('\u00a0')).toBe(false);
    expect(re(String.raw`^\S$`).test('\u00a0')).toBe(true);
  });
});

describe('classes and escapes', () => {
  it('POSIX classes, negated ones, inside larger classes', () => {
    expect(re('^[[:alnum:]]+$').test('aZ9')).toBe(true);
    expect(re('^[[:alnum:]]+$').test('a_')).toBe(false);
    expect(re('^[[:^digit:]]+$').test('abc')).toBe(true);
    expect(re('^[[:^digit:]]+$').test('a1')).toBe(false);
    expect(re('^[[:word:].-]+$').test('a_b.c-d')).toBe(true);
    expect(re('^[[:xdigit:]]+$').test('00ff')).toBe(true);
    rejects('[[:nope:]]', /unknown POSIX class/);
  });

  it('named groups: (?P<name>…) and (?<name>…), the same name on several groups', () => {
    const t = translateRe2('(?P<key>k)=(?P<secret>s1)|(?<secret>s2)', 'r');
    expect(t.groupCount).toBe(3);
    expect(t.groupNames.get('key')).toEqual([1]);
    expect(t.groupNames.get('secret')).toEqual([2, 3]);
    expect(new RegExp(t.source).exec('k=s1')?.[2]).toBe('s1');
  });

  it('\\Q…\\E quotes, and a quantifier after it applies to the last char', () => {
    expect(re(String.raw`^\Qa.b*\E$`).test('a.b*')).toBe(true);
    expect(re(String.raw`^\Qa.b*\E$`).test('axbb')).toBe(false);
    expect(re(String.raw`^\Qab\E+$`).test('abbb')).toBe(true);
    expect(re(String.raw`^\Qab\E+$`).test('abab')).toBe(false);
  });

  it('octal, hex and \\x{…} escapes; non-ASCII becomes UTF-8 bytes', () => {
    expect(re(String.raw`^\101\x42\x{43}$`).test('ABC')).toBe(true);
    expect(re(String.raw`^caf\x{e9}$`).test(latin1('café'))).toBe(true);
    expect(re('^é+$').test(latin1('ééé'))).toBe(true);
    expect(re('^[é]+$').test(latin1('é'))).toBe(true);
    expect(re(String.raw`^\x60[\x60]$`).test('``')).toBe(true);
  });

  it('escaped punctuation, \\d \\w \\b, classes with escapes and dashes', () => {
    expect(re(String.raw`^[\w.-]+\.[a-z]{2}$`).test('my-host.io')).toBe(true);
    expect(re(String.raw`^[\\'"\x60\s>=:(,)]$`).test('(')).toBe(true);
    expect(re(String.raw`\bkey\b`).test('a key b')).toBe(true);
    expect(re(String.raw`\bkey\b`).test('monkeys')).toBe(false);
    expect(re(String.raw`^\d{3}-\W$`).test('123-!')).toBe(true);
    expect(re('^[]a]+$').test(']a')).toBe(true); // ] first in a class is literal
    expect(re('^a{,5}$').test('a{,5}')).toBe(true); // not a repeat in Go: literal
    expect(re(String.raw`^[\d-z]+$`).test('1-z')).toBe(true); // after a class escape, - is a literal (Perl mode)
  });

  it('\\pL and \\pN are approximated over bytes (ASCII exact, any byte ≥ 0x80 for the rest)', () => {
    expect(re(String.raw`^\pL+$`).test('abc')).toBe(true);
    expect(re(String.raw`^\pL+$`).test('ab1')).toBe(false);
    expect(re(String.raw`^\p{L}+$`).test(latin1('é'))).toBe(true);
    expect(re(String.raw`^[\pN]+$`).test('123')).toBe(true);
    rejects(String.raw`\p{Greek}`, /not supported/);
  });

  it('(?U) swaps greedy and lazy', () => {
    expect(re('(?U)a+').exec('aaa')?.[0]).toBe('a');
    expect(re('(?U)a+?').exec('aaa')?.[0]).toBe('aaa');
    expect(re('a+?').exec('aaa')?.[0]).toBe('a');
  });
});

describe('what RE2 rejects is an error naming the rule', () => {
  it.each([
    ['a*+', /possessive/],
    ['a**', /nested repetition/],
    ['(?=x)y', /look-around/],
    ['(?<!x)y', /look-around/],
    [String.raw`(a)\1`, /back-reference/],
    ['(?P=name)', /back-reference/],
    [String.raw`a\Z`, /\\Z is not supported/],
    [String.raw`\C`, /not supported/],
    [String.raw`\y`, /invalid escape/],
    ['(?x)a', /unknown flag/],
    ['(a', /missing closing \)/],
    ['a)', /unmatched \)/],
    ['[a', /missing closing \]/],
    ['x{1001}', /invalid repeat count/],
    ['*a', /missing argument/],
    ['[z-a]', /invalid character class range/],
    [String.raw`[a-\d]`, /invalid character class range/],
  ])('%s', (pattern, message) => rejects(pattern, message));
});
