import { describe, expect, it } from 'vitest';
import { compileGlob } from '../../../src/report/filters/glob.js';
import { parsePurl, purlMatches } from '../../../src/report/filters/purl-match.js';

/**
 * Match vectors of bmatcuk/doublestar's doublestar_test.go (the library Trivy uses for
 * `.trivyignore.yaml` paths; itself based on Go's path/match_test.go), re-typed as data:
 * [pattern, path, matches]. `null` = the pattern is invalid (ErrBadPattern).
 */
const DOUBLESTAR: ReadonlyArray<[string, string, boolean | null]> = [
  ['abc', 'abc', true], ['*', 'abc', true], ['*c', 'abc', true], ['a*', 'a', true], ['a*', 'abc', true],
  ['a*', 'ab/c', false], ['a*/b', 'abc/b', true], ['a*/b', 'a/c/b', false],
  ['a*b*c*d*e*/f', 'axbxcxdxe/f', true], ['a*b*c*d*e*/f', 'axbxcxdxexxx/f', true],
  ['a*b*c*d*e*/f', 'axbxcxdxe/xxx/f', false], ['a*b*c*d*e*/f', 'axbxcxdxexxx/fff', false],
  ['a*b?c*x', 'abxbbxdbxebxczzx', true], ['a*b?c*x', 'abxbbxdbxebxczzy', false],
  ['ab[c]', 'abc', true], ['ab[b-d]', 'abc', true], ['ab[e-g]', 'abc', false], ['ab[^c]', 'abc', false],
  ['ab[^b-d]', 'abc', false], ['ab[^e-g]', 'abc', true], ['a\\*b', 'ab', false], ['a?b', 'a☺b', true],
  ['a[^a]b', 'a☺b', true], ['a???b', 'a☺b', false], ['a[^a][^a][^a]b', 'a☺b', false], ['[a-ζ]*', 'α', true],
  ['*[a-ζ]', 'A', false], ['a?b', 'a/b', false], ['a*b', 'a/b', false], ['[\\]a]', ']', true], ['[\\-]', '-', true],
  ['[x\\-]', 'x', true], ['[x\\-]', '-', true], ['[x\\-]', 'z', false], ['[\\-x]', 'x', true], ['[\\-x]', '-', true],
  ['[\\-x]', 'a', false], ['[]a]', ']', null], ['[-]', '-', null], ['[x-]', 'x', null], ['[-x]', 'x', null],
  ['\\', 'a', null], ['[a-b-c]', 'a', null], ['[', 'a', null], ['[^', 'a', null], ['[^bc', 'a', null],
  ['a[', 'ab', null], ['*x', 'xxx', true], ['a/**', 'a', false], ['a/**', 'a/b', true], ['a/**', 'a/b/c', true],
  ['**/c', 'c', true], ['**/c', 'b/c', true], ['**/c', 'a/b/c', true], ['**/c', 'a/b', false], ['**/c', 'abcd', false],
  ['**/c', 'a/abc', false], ['a/**/b', 'a/b', true], ['a/**/c', 'a/b/c', true], ['a/**/d', 'a/b/c/d', true],
  ['a/\\**', 'a/b/c', false], ['ab{c,d}', 'abc', true], ['ab{c,d,*}', 'abcde', true], ['ab{c,d}[', 'abcd', null],
  ['abc**', 'abc', true], ['**abc', 'abc', true],
];

describe('doublestar globs', () => {
  it.each(DOUBLESTAR)('%j vs %j → %j', (pattern, path, want) => {
    if (want === null) {
      expect(() => compileGlob(pattern)).toThrow();
      return;
    }
    expect(compileGlob(pattern).test(path)).toBe(want);
  });

  it('matches the paths of Trivy ignore-file examples', () => {
    expect(compileGlob('**/*-lock.json').test('srv/app/package-lock.json')).toBe(true);
    expect(compileGlob('**/*-lock.json').test('package-lock.json')).toBe(true);
    expect(compileGlob('usr/local/lib/python3.9/site-packages/setuptools-58.1.0.dist-info/METADATA').test('usr/local/lib/python3.9/site-packages/setuptools-58.1.0.dist-info/METADATA')).toBe(true);
    expect(compileGlob('vendor/**').test('vendor/a/b')).toBe(true);
    expect(compileGlob('vendor/**').test('other/vendor/a')).toBe(false);
  });
});

describe('purl matching (OpenVEX / Trivy rules)', () => {
  const m = (c: string, t: string): boolean => {
    const cp = parsePurl(c);
    const tp = parsePurl(t);
    if (!cp || !tp) throw new Error('bad purl in test');
    return purlMatches(cp, tp);
  };
  const target = 'pkg:apk/alpine/libssl3@3.3.2-r0?arch=x86_64&distro=alpine-3.20.3';

  it.each([
    ['pkg:apk/alpine/libssl3', true], // no version: every version
    ['pkg:apk/alpine/libssl3@3.3.2-r0', true],
    ['pkg:apk/alpine/libssl3@3.3.2-r1', false],
    ['pkg:apk/alpine/libssl3?arch=x86_64', true], // qualifiers it states must be on the target
    ['pkg:apk/alpine/libssl3?arch=aarch64', false],
    ['pkg:apk/alpine/libssl3?arch=x86_64&distro=alpine-3.20.3&os=linux', false],
    ['pkg:apk/wolfi/libssl3', false], // namespace differs
    ['pkg:deb/alpine/libssl3', false], // type differs
    ['pkg:apk/alpine/libssl', false],
    ['pkg:APK/alpine/libssl3', true], // the type is case-insensitive
    ['pkg:apk/alpine/libssl3#sub/path', false], // a constraint subpath must be equal
  ])('%s → %s', (constraint, want) => {
    expect(m(constraint, target)).toBe(want);
  });

  it('normalises names the way purl types require (PyPI is case-insensitive, _ ≡ -)', () => {
    expect(m('pkg:pypi/Requests', 'pkg:pypi/requests@2.28.1')).toBe(true);
    expect(m('pkg:pypi/Typing_Extensions', 'pkg:pypi/typing-extensions@4.0.0')).toBe(true);
    expect(m('pkg:npm/%40babel/core', 'pkg:npm/%40babel/core@7.24.0')).toBe(true);
  });

  it('parsePurl rejects what is not a purl', () => {
    expect(parsePurl('CVE-2024-1')).toBeUndefined();
    expect(parsePurl('pkg:')).toBeUndefined();
    expect(parsePurl('sha256:0123')).toBeUndefined();
  });
});
