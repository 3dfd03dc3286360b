import { deflateRawSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { field, fieldAll, parseCoreMetadata, requiredNames } from '../../../../src/inventory/parsers/python/core-metadata.js';
import { installedFilesTxt, recordFiles } from '../../../../src/inventory/parsers/python/installed-files.js';
import { classifierLicenses, pythonLicenses } from '../../../../src/inventory/parsers/python/licenses.js';
import { isPypiName, normalizePypiName, pypiPurl } from '../../../../src/inventory/parsers/python/names.js';
import { parseRequirements } from '../../../../src/inventory/parsers/python/requirements.js';
import { readZipEntry, ZipError } from '../../../../src/inventory/parsers/python/zip-entry.js';

const licensesOf = (text: string): ReturnType<typeof pythonLicenses> => pythonLicenses(parseCoreMetadata(text));

describe('core metadata', () => {
  it('reads headers with continuation lines, CRLF and a BOM; stops at the first empty line', () => {
    const meta = parseCoreMetadata(Buffer.from('\uFEFFName: a\r\nSummary: one\r\n  two\r\nClassifier: X\r\nclassifier: Y\r\nno colon line\r\n\r\nVersion: 9\r\n'));
    expect(field(meta, 'name')).toBe('a');
    expect(field(meta, 'summary')).toBe('one\n  two');
    expect(fieldAll(meta, 'classifier')).toEqual(['X', 'Y']);
    expect(field(meta, 'version')).toBeUndefined();
  });

  it('required names: unconditional Requires-Dist, extras excluded, other markers kept', () => {
    const meta = parseCoreMetadata(
      'Requires-Dist: idna<4,>=2.5\nRequires-Dist: PySocks!=1.5.7,>=1.5.6; extra == "socks"\nRequires-Dist: importlib-metadata; python_version < "3.8"\nRequires-Dist: typing_extensions (>=4)\n',
    );
    expect(requiredNames(meta)).toEqual(['idna', 'importlib-metadata', 'typing_extensions']);
  });
});

describe('licenses', () => {
  it('prefers License-Expression, then an SPDX License field, then classifiers, then the text', () => {
    expect(licensesOf('License-Expression: MIT\nLicense: BSD\n')).toEqual({ licenses: ['MIT'] });
    expect(licensesOf('License: Apache-2.0\nClassifier: License :: OSI Approved :: MIT License\n')).toEqual({ licenses: ['Apache-2.0'] });
    expect(licensesOf('License: Apache License, Version 2.0\n')).toEqual({ licenses: ['Apache-2.0'], declared: 'Apache License, Version 2.0' });
    expect(licensesOf('License: GPLv2+\n')).toEqual({ licenses: ['GPL-2.0-or-later'], declared: 'GPLv2+' });
    expect(licensesOf('License: BSD\nClassifier: License :: OSI Approved :: BSD License\n')).toEqual({ licenses: ['BSD License'], declared: 'BSD' });
    expect(licensesOf('License: Dual\nClassifier: License :: OSI Approved :: MIT License\nClassifier: License :: OSI Approved :: Apache Software License\n')).toEqual({
      licenses: ['MIT', 'Apache Software License'],
      declared: 'Dual',
    });
    expect(licensesOf('License: Eclipse Public License v2.0\nClassifier: License :: OSI Approved\n')).toEqual({ licenses: ['Eclipse Public License v2.0'] });
  });

  it('ignores placeholders and whole license texts', () => {
    expect(licensesOf('License: UNKNOWN\n')).toEqual({ licenses: [] });
    expect(licensesOf('License: Copyright (c) 2020 Someone\n        Permission is hereby granted, free of charge\n')).toEqual({ licenses: [] });
    expect(classifierLicenses(['License :: OSI Approved', 'License :: Other/Proprietary License', 'Topic :: X'])).toEqual([]);
  });
});

describe('names', () => {
  it('normalises per PEP 503 and makes pypi purls', () => {
    expect(normalizePypiName('Foo_Bar.baz')).toBe('foo-bar-baz');
    expect(normalizePypiName('A--_.b')).toBe('a-b');
    // the purl spec: lower case and `_` → `-`, nothing else (PEP 503 is for comparing names)
    expect(pypiPurl('Zope.Interface', '5.4.0+local')).toBe('pkg:pypi/zope.interface@5.4.0+local');
    expect(pypiPurl('lazr.restfulclient', '0.14.5')).toBe('pkg:pypi/lazr.restfulclient@0.14.5');
    expect(pypiPurl('Foo_Bar-baz', '1')).toBe('pkg:pypi/foo-bar-baz@1');
    expect(isPypiName('ok.name_1')).toBe(true);
    for (const bad of ['', '-x', 'x-', 'a b', 'a/b']) expect(isPypiName(bad), bad).toBe(false);
  });
});

describe('installed files', () => {
  it('RECORD: quoted cells, absolute and parent-relative paths', () => {
    expect(recordFiles('a.py,sha256=x,1\r\n"b,""c"".py",,\n/etc/x.conf,,\n../../../bin/t,,\n\n', 'usr/lib/python3/dist-packages')).toEqual([
      '/usr/lib/python3/dist-packages/a.py',
      '/usr/lib/python3/dist-packages/b,"c".py',
      '/etc/x.conf',
      '/usr/bin/t',
    ]);
  });
  it('installed-files.txt: relative to the egg-info directory', () => {
    expect(installedFilesTxt('../x.py\nPKG-INFO\n\n', 'site/x-1.egg-info')).toEqual(['/site/x.py', '/site/x-1.egg-info/PKG-INFO']);
  });
});

describe('requirements', () => {
  it('pins only; options, URLs, editables and markers handled; lines are where entries start', () => {
    const got = parseRequirements(
      [
        '--index-url https://example.invalid/simple',
        '-e ./local',
        'pkg @ https://example.invalid/pkg.whl#sha256=00',
        'a===1.0.post1 ; python_version > "3"',
        'b == 2.0 \\',
        '    --hash=sha256:00',
        'c==1.*',
        'd==1.0,!=1.1',
        '-c constraints.txt',
        '--requirement=other.in',
        '-rlocal.txt',
        '-r requirements-base.txt',
      ].join('\n'),
    );
    expect(got.packages).toEqual([
      { name: 'a', version: '1.0.post1', line: 4 },
      { name: 'b', version: '2.0', line: 5 },
    ]);
    expect(got.problems).toEqual(['-r/--requirement include of a file not named requirements*.txt not followed: lines 10, 11']);
  });
  it('decodes UTF-16 big-endian too', () => {
    const be = Buffer.from('\uFEFFx==1\n', 'utf16le').swap16();
    expect(parseRequirements(be).packages).toEqual([{ name: 'x', version: '1', line: 1 }]);
  });
});

/** A one-member zip archive, with the central directory's sizes optionally lying. */
function zipOf(name: string, data: Buffer, opts: { declaredSize?: number; method?: 0 | 8 } = {}): Buffer {
  const method = opts.method ?? 8;
  const body = method === 8 ? deflateRawSync(data) : data;
  const nameBuf = Buffer.from(name);
  const local = Buffer.alloc(30);
  local.writeUInt32LE(0x04034b50, 0);
  local.writeUInt16LE(method, 8);
  local.writeUInt16LE(nameBuf.length, 26);
  const central = Buffer.alloc(46);
  central.writeUInt32LE(0x02014b50, 0);
  central.writeUInt16LE(method, 10);
  central.writeUInt32LE(body.length, 20);
  central.writeUInt32LE(opts.declaredSize ?? data.length, 24);
  central.writeUInt16LE(nameBuf.length, 28);
  central.writeUInt32LE(0, 42);
  const cdOffset = local.length + nameBuf.length + body.length;
  const eocd = Buffer.alloc(22);
  eocd.writeUInt32LE(0x06054b50, 0);
  eocd.writeUInt16LE(1, 8);
  eocd.writeUInt16LE(1, 10);
  eocd.writeUInt32LE(central.length + nameBuf.length, 12);
  eocd.writeUInt32LE(cdOffset, 16);
  return Buffer.concat([local, nameBuf, body, central, nameBuf, eocd]);
}

describe('zip entries', () => {
  it('reads stored and deflated members; absent members are undefined', () => {
    expect(readZipEntry(zipOf('EGG-INFO/PKG-INFO', Buffer.from('Name: x\n')), 'EGG-INFO/PKG-INFO', 1024)?.toString()).toBe('Name: x\n');
    expect(readZipEntry(zipOf('a', Buffer.from('stored'), { method: 0 }), 'a', 1024)?.toString()).toBe('stored');
    expect(readZipEntry(zipOf('a', Buffer.from('x')), 'b', 1024)).toBeUndefined();
  });

  it('refuses bombs: a member that inflates past the cap, whatever its declared size', () => {
    const bomb = zipOf('EGG-INFO/PKG-INFO', Buffer.alloc(8 * 1024 * 1024), { declaredSize: 100 });
    expect(bomb.length).toBeLessThan(16 * 1024);
    expect(() => readZipEntry(bomb, 'EGG-INFO/PKG-INFO', 1024 * 1024)).toThrow(ZipError);
    expect(() => readZipEntry(zipOf('a', Buffer.alloc(10)), 'a', 5)).toThrow('member larger than 5 bytes');
  });

  it('reports truncated and foreign data as ZipError', () => {
    const good = zipOf('a', Buffer.from('x'));
    expect(() => readZipEntry(good.subarray(0, good.length - 30), 'a', 10)).toThrow(ZipError);
    expect(() => readZipEntry(Buffer.from('PK'), 'a', 10)).toThrow(ZipError);
    const corrupt = Buffer.from(good);
    corrupt.writeUInt32LE(0x7fffffff, good.length - 22 + 16);
    expect(() => readZipEntry(corrupt, 'a', 10)).toThrow(ZipError);
  });
});
