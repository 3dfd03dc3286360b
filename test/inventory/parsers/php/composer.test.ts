import { describe, expect, it } from 'vitest';
import { parseComposerLock, parseComposerManifest, parseInstalledJson } from '../../../../src/inventory/parsers/php/composer.js';

describe('Composer parsers', () => {
  it('splits `or` licenses, leaves platform requirements out of the dependencies', () => {
    const lock = parseComposerLock(JSON.stringify({ packages: [{ name: 'a/b', version: 'v1.2.0', license: '(MIT or GPL-2.0-only)', require: { php: '^8', 'ext-json': '*', 'lib-pcre': '*', 'c/d': '^1' } }] }));
    expect(lock).toEqual({ packages: [{ name: 'a/b', version: 'v1.2.0', licenses: ['MIT', 'GPL-2.0-only'], requires: ['c/d'], dev: false }], problems: [] });
  });

  it('reads replace and provide (package names only, with their constraints)', () => {
    const lock = parseComposerLock(
      JSON.stringify({ packages: [{ name: 'laravel/framework', version: 'v8.0.0', replace: { 'illuminate/support': 'self.version', php: '*' }, provide: { 'psr/log-implementation': '1.0|2.0', 'ext-x': '*' } }] }),
    );
    expect(lock.packages[0]).toMatchObject({ replaces: [['illuminate/support', 'self.version']], provides: [['psr/log-implementation', '1.0|2.0']] });
    expect(lock.problems).toEqual([]);
  });

  it('treats a null packages-dev as empty', () => {
    expect(parseComposerLock('{"packages": [], "packages-dev": null}')).toEqual({ packages: [], problems: [] });
  });

  it('does not quote the document when it is not JSON', () => {
    const secret = '{"packages": [{"name": "a/b", "version": "1", "password": "hunter2"';
    const { problems } = parseInstalledJson(secret);
    expect(problems).toHaveLength(1);
    expect(problems[0]).not.toContain('hunter2');
  });

  it('reads an app manifest for its own requirements', () => {
    expect(parseComposerManifest('{"require": {"php": "^8", "a/b": "^1"}, "require-dev": {"c/d": "^2"}}')).toEqual({ require: ['a/b'], requireDev: ['c/d'], problems: [] });
    expect(parseComposerManifest('{"require": []}').problems).toEqual([expect.stringMatching(/^require: Invalid input/)]);
  });
});
