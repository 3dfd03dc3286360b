import { describe, expect, it } from 'vitest';
import { AppError } from '../../../../src/core/errors.js';
import { parseHeaderBlob } from '../../../../src/inventory/parsers/rpm/header.js';
import { formatEvr, packageFromHeader, parseSourceRpm } from '../../../../src/inventory/parsers/rpm/package.js';
import { RpmTag, RpmType } from '../../../../src/inventory/parsers/rpm/tags.js';
import { buildBlob, int32, str, strArray, type BlobEntry } from './blob-builder.js';

const nvr = (): BlobEntry[] => [str(RpmTag.NAME, 'pkg'), str(RpmTag.VERSION, '1.0'), str(RpmTag.RELEASE, '1')];
const pkgOf = (entries: BlobEntry[]) => packageFromHeader(parseHeaderBlob(buildBlob(entries)), 9, 'header #9');

describe('SOURCERPM names', () => {
  it.each([
    ['util-linux-2.32.1-42.el8_8.src.rpm', { name: 'util-linux', version: '2.32.1', release: '42.el8_8' }],
    ['glibc-2.34-2.cm2.src.rpm', { name: 'glibc', version: '2.34', release: '2.cm2' }],
    ['a-b-c-1-2.nosrc.rpm', { name: 'a-b-c', version: '1', release: '2' }],
  ])('splits %s', (filename, want) => {
    expect(parseSourceRpm(filename)).toEqual(want);
  });

  it.each(['(none)', 'foo.src.rpm', 'foo-1.src.rpm', '-1-2.src.rpm', 'foo--2.src.rpm', 'foo-1-.src.rpm', 'foo-1-2.rpm'])(
    'rejects %s',
    (filename) => {
      expect(parseSourceRpm(filename)).toBeUndefined();
    },
  );

  it('stays linear on hostile input', () => {
    const start = performance.now();
    expect(parseSourceRpm(`${'-'.repeat(200_000)}x.src.rpm`)).toBeUndefined();
    expect(performance.now() - start).toBeLessThan(200);
  });
});

describe('EVR', () => {
  it('writes the epoch only when there is one', () => {
    expect(formatEvr(undefined, '1.0', '1')).toBe('1.0-1');
    expect(formatEvr(0, '1.0', '1')).toBe('0:1.0-1');
    expect(formatEvr(12, '1.0', '1.el9')).toBe('12:1.0-1.el9');
  });
});

describe('packages from headers', () => {
  it.each([RpmTag.NAME, RpmTag.VERSION, RpmTag.RELEASE])('rejects a header without tag %i', (tag) => {
    const entries = nvr().filter((e) => e.tag !== tag);
    expect(() => pkgOf(entries)).toThrow(AppError);
    expect(() => pkgOf(entries)).toThrow(/^header #9: header has no [A-Z]+ tag$/);
  });

  it('joins DIRNAMES, DIRINDEXES and BASENAMES', () => {
    const files = [strArray(RpmTag.BASENAMES, ['a', 'b', 'c']), strArray(RpmTag.DIRNAMES, ['/etc/', '/usr/bin/']), int32(RpmTag.DIRINDEXES, [1, 0, 1])];
    expect(pkgOf([...nvr(), ...files]).files).toEqual(['/usr/bin/a', '/etc/b', '/usr/bin/c']);
  });

  it('rejects file lists that do not line up', () => {
    const uneven = [strArray(RpmTag.BASENAMES, ['a', 'b']), strArray(RpmTag.DIRNAMES, ['/']), int32(RpmTag.DIRINDEXES, [0])];
    expect(() => pkgOf([...nvr(), ...uneven])).toThrow(/2 BASENAMES but 1 DIRINDEXES/);
    const dangling = [strArray(RpmTag.BASENAMES, ['a']), strArray(RpmTag.DIRNAMES, ['/']), int32(RpmTag.DIRINDEXES, [5])];
    expect(() => pkgOf([...nvr(), ...dangling])).toThrow(/points at directory 5 of 1/);
  });

  it('reads the old FILENAMES tag', () => {
    expect(pkgOf([...nvr(), strArray(RpmTag.OLDFILENAMES, ['/bin/sh', '/etc/passwd'])]).files).toEqual(['/bin/sh', '/etc/passwd']);
  });

  it('prefers LONGSIZE and treats "(none)" as absent', () => {
    const longsize: BlobEntry = { tag: RpmTag.LONGSIZE, type: RpmType.INT64, data: Buffer.from([0, 0, 0, 1, 0, 0, 0, 2]) };
    const pkg = pkgOf([...nvr(), int32(RpmTag.SIZE, [5]), longsize, str(RpmTag.SOURCERPM, '(none)'), str(RpmTag.LICENSE, 'MIT')]);
    expect(pkg.size).toBe(2 ** 32 + 2);
    expect(pkg.sourceRpm).toBeUndefined();
    expect(pkg.license).toBe('MIT');
  });
});
