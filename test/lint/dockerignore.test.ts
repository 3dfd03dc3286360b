/**
 * Unit tests of the .dockerignore reader and matcher. Vectors marked "moby" are the test vectors of
 * moby/patternmatcher (patternmatcher_test.go, ignorefile_test.go): facts about the semantics we
 * reproduce. The differential test against a real build is dockerignore.buildah.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { AppError } from '../../src/core/errors.js';
import { parseDockerignore, SENSITIVE_SAMPLE_PATHS, sensitiveLeaks } from '../../src/lint/dockerignore.js';
import { compilePattern } from '../../src/lint/dockerignore/pattern.js';

const excludes = (lines: string | string[], path: string): boolean =>
  parseDockerignore(Array.isArray(lines) ? lines.join('\n') : lines, '.dockerignore').excludes(path, false);

describe('reading the file (moby ignorefile.ReadAll)', () => {
  it('keeps patterns with their lines, drops comments and blanks, cleans and strips a leading /', () => {
    const text = 'test1\n/test2\n/a/file/here\n\nlastfile\n# this is a comment\n! /inverted/abs/path\n  ./x/../y/  \n!!bang\n';
    expect(parseDockerignore(text, 'f').patterns).toEqual([
      { pattern: 'test1', exclusion: false, line: 1 },
      { pattern: 'test2', exclusion: false, line: 2 },
      { pattern: 'a/file/here', exclusion: false, line: 3 },
      { pattern: 'lastfile', exclusion: false, line: 5 },
      { pattern: 'inverted/abs/path', exclusion: true, line: 7 },
      { pattern: 'y', exclusion: false, line: 8 },
      { pattern: '!bang', exclusion: true, line: 9 },
    ]);
  });

  it('a # only starts a comment in column 1; CRLF, a BOM and Unicode spaces are handled like Go', () => {
    expect(parseDockerignore(' #x\n#y\r\n\u00a0z\u2003\r\n', 'f').patterns.map((p) => p.pattern)).toEqual(['#x', 'z']);
    expect(parseDockerignore('\uFEFFa\n\uFEFFb\n', 'f').patterns.map((p) => p.pattern)).toEqual(['a', '\uFEFFb']);
  });

  it('rejects what BuildKit rejects, naming the file and line', () => {
    for (const [text, line] of [['ok\n!\n', 2], ['ok\n! \n', 2], ['[', 1], ['a\\', 1], ['x\n[]a]', 2], ['[Local-Only]/', 1], ['\\e', 1], ['[[:nope:]]', 1]] as const) {
      let thrown: unknown;
      try {
        parseDockerignore(text, 'ctx/.dockerignore');
      } catch (err) {
        thrown = err;
      }
      expect(thrown, text).toBeInstanceOf(AppError);
      expect((thrown as AppError).code).toBe('INPUT');
      expect((thrown as AppError).message).toContain(`ctx/.dockerignore:${line}: invalid pattern`);
    }
  });
});

describe('moby patternmatcher vectors', () => {
  // [pattern, path, excluded]: TestMatches, evaluated with parent results as BuildKit's walker does
  const single: Array<[string, string, boolean]> = [
    ['**', 'file', true], ['**/', 'file', true], ['**', 'dir/file', true], ['**/**', 'dir/file', true],
    ['dir/**', 'dir/file', true], ['dir/**', 'dir/dir2/file', true], ['**/dir', 'dir', true], ['**/dir', 'dir/file', true],
    ['**/dir2/*', 'dir/dir2/file', true], ['**/dir2/**', 'dir/dir2/dir3/file', true], ['**file', 'file', true],
    ['**file', 'dir/file', true], ['**/file', 'dir/dir/file', true], ['**/file*', 'dir/dir/file.txt', true],
    ['**/file*txt', 'dir/dir/file.txt', true], ['**/file*.txt*', 'dir/dir/file.txt', true], ['**/**/*.txt', 'dir/dir/file.txt', true],
    ['**/**/*.txt2', 'dir/dir/file.txt', false], ['**/*.txt', 'file.txt', true], ['a**/*.txt', 'a/dir/dir/file.txt', true],
    ['a/*.txt', 'a/dir/file.txt', false], ['a/*.txt', 'a/file.txt', true], ['a/*.txt**', 'a/file.txt', true],
    ['a[b-d]e', 'ae', false], ['a[b-d]e', 'ace', true], ['a[b-d]e', 'aae', false], ['a[^b-d]e', 'aze', true],
    ['.*', '.foo', true], ['.*', 'foo', false], ['abc.def', 'abcdef', false], ['abc.def', 'abc.def', true],
    ['abc?def', 'abcZdef', true], ['abc?def', 'abcdef', false], ['**/foo/bar', 'dir/dir2/foo/bar', true],
    ['abc/**', 'abc', false], ['abc/**', 'abc/def/ghi', true], ['**/.foo', '.foo', true], ['**/.foo', 'bar.foo', false],
    ['a(b)c/def', 'a(b)c/def', true], ['a(b)c/def', 'a(b)c/xyz', false], ['a.|)$(}+{bc', 'a.|)$(}+{bc', true],
    ['dist/*.whl', 'dist/proxy.py-2.4.0rc3.dev36+g08acad9-py3-none-any.whl', true], ['a\\\\', 'a\\', true], ['a\\*b', 'a*b', true],
    // Go's filepath.Match vectors as moby runs them
    ['a*', 'ab/c', true], ['a*/b', 'a/c/b', false], ['a*b*c*d*e*/f', 'axbxcxdxe/xxx/f', false], ['a*b?c*x', 'abxbbxdbxebxczzx', true],
    ['ab[^e-g]', 'abc', true], ['a?b', 'a☺b', true], ['a[^a]b', 'a☺b', true], ['a???b', 'a☺b', false], ['[a-ζ]*', 'α', true],
    ['*[a-ζ]', 'A', false], ['a?b', 'a/b', false], ['[\\]a]', ']', true], ['[\\-]', '-', true], ['[x\\-]', 'z', false], ['[\\-x]', 'x', true],
  ];
  it.each(single)('%s on %s → %s', (pattern, path, want) => {
    expect(excludes(pattern, path)).toBe(want);
  });

  it.each([
    [['**', '!util/docker/web'], 'util/docker/web/foo', false],
    [['**', '!util/docker/web', 'util/docker/web/foo'], 'util/docker/web/foo', true],
    [['**', '!dist/*.whl'], 'dist/proxy.py-2.4.0rc3.dev36+g08acad9-py3-none-any.whl', false],
    [['docs', '!docs/README.md'], 'docs/README.md', false],
    [['docs/*', '!docs/README.md'], 'docs/README.md', false],
    [['!fileutils.go', '*.go'], 'fileutils.go', true],
  ] as Array<[string[], string, boolean]>)('%j on %s → %s', (lines, path, want) => {
    expect(excludes(lines, path)).toBe(want);
  });

  it.each([
    ['*', 'regexp', '^[^/]*$'], ['a*/b', 'regexp', '^a[^/]*/b$'], ['**', 'suffix', undefined], ['**/**', 'regexp', '^(.*/)?.*$'],
    ['dir/**', 'prefix', undefined], ['**/dir', 'suffix', undefined], ['**/dir2/**', 'regexp', '^(.*/)?dir2/.*$'],
    ['**/**/*.txt', 'regexp', '^(.*/)?(.*/)?[^/]*\\.txt$'], ['a[b-d]e', 'regexp', '^a[b-d]e$'], ['.*', 'regexp', '^\\.[^/]*$'],
    ['abc.def', 'exact', undefined], ['abc?def', 'regexp', '^abc[^/]def$'], ['a.|)$(}+{bc', 'exact', undefined],
  ])('compiles %s as %s %s', (pattern, type, source) => {
    const c = compilePattern(pattern);
    expect([c.type, c.goSource]).toEqual([type, source]);
  });
});

describe('BuildKit context-walk semantics', () => {
  it('the root is never excluded; paths are cleaned', () => {
    expect(excludes('**', '.')).toBe(false);
    expect(excludes('*', '')).toBe(false);
    expect(excludes('a/b', './a//b/')).toBe(true);
    expect(excludes('a/b', '/a/b')).toBe(true);
  });

  it('an excluded directory excludes everything under it, unless an exception re-includes it', () => {
    expect(excludes('node_modules', 'node_modules/a/b/c.js')).toBe(true);
    expect(excludes(['node_modules', '!node_modules/a'], 'node_modules/a/b/c.js')).toBe(false);
    expect(excludes(['node_modules', '!node_modules/a'], 'node_modules/b/c.js')).toBe(true);
  });

  it('a wildcard exception reaches into excluded directories (no pruning), a literal one only below its path', () => {
    expect(excludes(['*', '!**/*.go'], 'src/app/main.go')).toBe(false);
    expect(excludes(['*', '!**/*.go'], 'src/app/x.js')).toBe(true);
    expect(excludes(['src', '!src/app/main.go'], 'src/app/main.go')).toBe(false);
  });

  it('a pattern skipped for a parent directory is not remembered for its children (fsutil quirk)', () => {
    // a/ is already excluded when line 3 comes, so line 3 is skipped there; for a/c line 2 re-includes
    // and line 3 is tried on "a/c" alone, which it does not match. `docker build` with BuildKit keeps a/c.
    expect(excludes(['a', '!a/c', 'a'], 'a/c')).toBe(false);
    expect(excludes(['a', '!a/c', 'a/c'], 'a/c')).toBe(true);
  });

  it('classes, anchors and escapes follow Go regexp syntax, as in moby', () => {
    expect(excludes('[*]', ']')).toBe(true); // "[*]" compiles to the Go regexp ^[[^/]*]$: a class of [ ^ / repeated, then ]
    expect(excludes('[*]', '*')).toBe(false);
    expect(excludes('[[:digit:]]x', '5x')).toBe(true);
    expect(excludes('\\d\\d', '42')).toBe(true);
    expect(excludes('\\x41', 'A')).toBe(true);
    expect(excludes('\\Qa*b', 'a[^/]*b$')).toBe(true); // \Q quotes the rest of the regexp, its $ included
    expect(excludes('x^*', 'x^y')).toBe(false); // a raw ^ is an anchor in the regexp form
    expect(excludes('x^y', 'x^y')).toBe(true); // ...but the exact form compares strings
    expect(excludes('**.md', 'a/b/c.md')).toBe(true); // leading ** is "ends with"
  });
});

describe('sensitiveLeaks', () => {
  it('everything leaks without a .dockerignore, nothing with a thorough one', () => {
    expect(sensitiveLeaks(undefined)).toEqual([...SENSITIVE_SAMPLE_PATHS]);
    const thorough = parseDockerignore(
      '.git\n**/.env*\n**/*.pem\n**/*.key\n**/id_rsa*\n**/id_ed25519*\n**/credentials*\n.aws\n.docker\n.npmrc\n.pypirc\n.netrc\n*.p12\n*.tfstate\n',
      '.dockerignore',
    );
    expect(sensitiveLeaks(thorough)).toEqual([]);
  });

  it('reports exactly what a typical .dockerignore misses', () => {
    const typical = parseDockerignore('node_modules\n.git\n*.log\n.env\n', '.dockerignore');
    expect(sensitiveLeaks(typical)).toEqual(SENSITIVE_SAMPLE_PATHS.filter((p) => p !== '.git/config' && p !== '.env'));
  });

  it('an exception can re-open a leak, and custom paths can be checked', () => {
    const ignore = parseDockerignore('*\n!.env.production\n!keys\n', '.dockerignore');
    expect(sensitiveLeaks(ignore)).toEqual(['.env.production', 'keys/id_rsa']);
    expect(sensitiveLeaks(ignore, ['app/.env', 'keys/x'])).toEqual(['keys/x']);
  });
});
