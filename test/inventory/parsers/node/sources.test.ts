import { describe, expect, it } from 'vitest';
import { cleanUrl, sourceOfResolved, sourceOfSpec } from '../../../../src/inventory/parsers/node/sources.js';

describe('dependency sources', () => {
  it.each([
    ['^1.2.0', { kind: 'registry' }],
    ['latest', { kind: 'registry' }],
    ['>= 2.1.2 < 3', { kind: 'registry' }],
    ['npm:string-width@^4.2.0', { kind: 'registry' }],
    ['workspace:^', { kind: 'workspace' }],
    ['file:../local', { kind: 'local' }],
    ['link:./x', { kind: 'local' }],
    ['github:user/repo#v1', { kind: 'git', url: 'github:user/repo#v1' }],
    ['user/repo', { kind: 'git', url: 'github:user/repo' }],
    ['git+https://github.com/u/r.git#abc', { kind: 'git', url: 'git+https://github.com/u/r.git#abc' }],
    ['https://github.com/u/r.git', { kind: 'git', url: 'https://github.com/u/r.git' }],
    ['https://example.com/pkg-1.0.0.tgz', { kind: 'tarball', url: 'https://example.com/pkg-1.0.0.tgz' }],
    ['unsupported:~2.0.6', undefined],
  ])('%s', (spec, want) => {
    expect(sourceOfSpec(spec)).toEqual(want);
  });

  it('registry tarballs (with /-/ in the path) are the registry, on any host', () => {
    expect(sourceOfResolved('https://registry.npmjs.org/a/-/a-1.0.0.tgz')).toEqual({ kind: 'registry' });
    expect(sourceOfResolved('https://npm.corp.example/repo/@s/a/-/a-1.0.0.tgz')).toEqual({ kind: 'registry' });
    expect(sourceOfResolved('https://codeload.github.com/u/r/tar.gz/abc')).toEqual({ kind: 'tarball', url: 'https://codeload.github.com/u/r/tar.gz/abc' });
  });

  it('never keeps credentials or query strings of URLs', () => {
    expect(cleanUrl('git+https://user:s3cret@github.com/u/r.git#abc')).toBe('git+https://github.com/u/r.git#abc');
    expect(cleanUrl('https://tok@host/x.tgz?token=s3cret#frag')).toBe('https://host/x.tgz#frag');
    expect(cleanUrl('https://host/a@b/x.tgz')).toBe('https://host/a@b/x.tgz');
    expect(sourceOfSpec('https://u:p@host/x.tgz?sig=1')).toEqual({ kind: 'tarball', url: 'https://host/x.tgz' });
  });
});
