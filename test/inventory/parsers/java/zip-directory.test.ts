import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { walkArchive } from '../../../../src/inventory/parsers/java/archive-walk.js';
import { BufferSource, FileSlice, type ByteSource } from '../../../../src/inventory/parsers/java/byte-source.js';
import { readZipDirectory, type ZipDirectory, type ZipDirectoryLimits } from '../../../../src/inventory/parsers/java/zip-directory.js';
import { extractEntry, readSmallEntry } from '../../../../src/inventory/parsers/java/zip-entry.js';
import { ensureFixtures, fixture } from '../../../helpers/fixtures.js';
import { sharedPath } from '../../support/shared.js';
import { makeZip, pomEntry } from './zip-maker.js';

const LIMITS: ZipDirectoryLimits = { maxEntries: 1_000_000, maxDirectoryBytes: 256 * 2 ** 20, maxSelected: 1_000_000 };
const all = (): boolean => true;

async function directoryOf(src: ByteSource, limits = LIMITS): Promise<ZipDirectory> {
  const dir = await readZipDirectory(src, all, limits);
  if (typeof dir === 'string') throw new Error(dir);
  return dir;
}

async function withFile<T>(path: string, fn: (src: ByteSource) => Promise<T>): Promise<T> {
  const handle = await open(path, 'r');
  try {
    return await fn(new FileSlice(handle, 0, (await handle.stat()).size));
  } finally {
    await handle.close();
  }
}

/** Python's zipfile (an independent reader) on each archive: entries and the sha256 of small ones. */
const PY_LIST = `
import hashlib, json, sys, zipfile
out = {}
for path in sys.argv[1:]:
    with zipfile.ZipFile(path) as z:
        rows = []
        for i in z.infolist():
            row = [i.filename, i.compress_type, i.file_size, i.compress_size, i.header_offset]
            if i.file_size <= 65536 and not i.is_dir():
                row.append(hashlib.sha256(z.read(i)).hexdigest())
            rows.append(row)
        out[path] = rows
json.dump(out, sys.stdout)
`;
type PyRow = [string, number, number, number, number, string?];
const pythonList = (paths: string[]): Record<string, PyRow[]> =>
  JSON.parse(execFileSync('python3', ['-c', PY_LIST, ...paths], { encoding: 'utf8', maxBuffer: 1 << 30 })) as Record<string, PyRow[]>;

async function compareWithPython(paths: string[]): Promise<void> {
  const want = pythonList(paths);
  for (const path of paths) {
    await withFile(path, async (src) => {
      const dir = await directoryOf(src);
      expect(dir.problems, path).toEqual([]);
      const rows = want[path] ?? [];
      expect(dir.entries.map((e) => [e.name, e.method, e.size, e.compressedSize, e.localOffset]), path).toEqual(rows.map((r) => r.slice(0, 5)));
      for (const [k, row] of rows.entries()) {
        const entry = dir.entries[k];
        if (row[5] === undefined || entry === undefined) continue;
        const data = await readSmallEntry(src, entry, dir.dataEnd, 65536);
        expect(typeof data === 'string' ? data : createHash('sha256').update(data).digest('hex'), `${path} ${row[0]}`).toBe(row[5]);
      }
    });
  }
}

describe('zip central directory: the same entries and bytes as Python zipfile', () => {
  let work: string;
  beforeAll(async () => {
    await ensureFixtures(['java-app']);
    work = mkdtempSync(join(tmpdir(), 'drydock-zip-'));
  });
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  it('on the real jars, WARs and EARs of the java-app image and the Trivy test jars', async () => {
    const rootfs = fixture('java-app').rootfs;
    const java = readdirSync(join(rootfs, 'usr/share/java'), { withFileTypes: true }).filter((d) => d.isFile() && d.name.endsWith('.jar')).map((d) => join(rootfs, 'usr/share/java', d.name));
    const app = ['boot/boot-app.jar', 'boot/boot-app-launcher.jar', 'web/web-app.war', 'ear/enterprise.ear', 'nested/deep.jar', 'shaded/shaded-app-2.0.jar'].map((p) => join(rootfs, 'app', p));
    const trivy = ['nested.jar', 'test.jar', 'hadoop-shaded-guava-1.1.0-SNAPSHOT.jar'].map((p) => sharedPath('conformance', 'trivy-parsers', 'java_jar', 'testdata', p));
    expect(java.length).toBeGreaterThan(20);
    await compareWithPython([...java, ...app, ...trivy]);
  });

  it('on archives Python writes with ZIP64 records (over 65,535 entries; forced ZIP64 extras), a comment and prefix data', async () => {
    const many = join(work, 'many.zip');
    const forced = join(work, 'forced.zip');
    execFileSync('python3', ['-c', `
import zipfile, sys
with zipfile.ZipFile(sys.argv[1], 'w', zipfile.ZIP_STORED) as z:
    for i in range(70000): z.writestr(f'c/{i}.class', b'x')
    z.writestr('META-INF/maven/g/a/pom.properties', 'groupId=g\\nartifactId=a\\nversion=1\\n')
with zipfile.ZipFile(sys.argv[2], 'w', zipfile.ZIP_DEFLATED) as z:
    with z.open('lib/big.bin', 'w', force_zip64=True) as f: f.write(b'y' * 100000)
    z.writestr('META-INF/maven/g/b/pom.properties', 'groupId=g\\nartifactId=b\\nversion=2\\n')
    z.comment = b'made by python'
`, many, forced]);
    const prefixed = join(work, 'prefixed.zip');
    writeFileSync(prefixed, Buffer.concat([Buffer.from('#!/bin/sh\nexec java -jar "$0"\n'), readFileSync(forced)]));
    await compareWithPython([many, forced, prefixed]);
    await withFile(many, async (src) => expect((await directoryOf(src)).total).toBe(70001));
  });

  it('agrees with Python on what the test zip writer makes, CRCs included (ZIP64, prefix data)', async () => {
    const entries = [pomEntry('g', 'a', '1'), { name: 'lib/x.jar', data: makeZip([pomEntry('g', 'x', '2')]), method: 'stored' as const }, { name: 'big.bin', data: Buffer.alloc(100_000, 7) }];
    const plain = join(work, 'maker.zip');
    const zip64 = join(work, 'maker64.zip');
    writeFileSync(plain, makeZip(entries, { comment: 'hi' }));
    writeFileSync(zip64, makeZip(entries, { zip64: true, prefix: Buffer.from('#!/bin/sh\n') }));
    const bad = execFileSync('python3', ['-c', 'import sys, zipfile\nfor p in sys.argv[1:]: print(zipfile.ZipFile(p).testzip())', plain, zip64], { encoding: 'utf8' });
    expect(bad).toBe('None\nNone\n');
    await compareWithPython([plain, zip64]);
  });

  it('finds the end record whose comment ends the file, not a signature inside the comment (where Python and unzip fail)', async () => {
    const zip = makeZip([pomEntry('g', 'a', '1')], { comment: 'a comment with PK\x05\x06 in it and more text after it' });
    expect(await directoryOf(new BufferSource(zip))).toMatchObject({ total: 1, problems: [] });
  });

  it('reads an archive with bytes after its end record when the directory is where the record says (as OpenJDK does)', async () => {
    const zip = makeZip([pomEntry('g', 'a', '1'), { name: 'lib/x.jar', data: makeZip([pomEntry('g', 'x', '2')]), method: 'stored' }]);
    for (const tail of [Buffer.alloc(16), Buffer.from('PK\x05\x06 not an end record, and more'), Buffer.alloc(60_000, 0x20)]) {
      expect(await directoryOf(new BufferSource(Buffer.concat([zip, tail]))), `${tail.length} bytes`).toMatchObject({ total: 2, problems: [] });
    }
    // ... and Python agrees on the entries
    const padded = join(work, 'padded.zip');
    writeFileSync(padded, Buffer.concat([zip, Buffer.alloc(16)]));
    await compareWithPython([padded]);
  });

  it('selects entries by their raw name bytes without decoding the rest', async () => {
    const zip = makeZip([pomEntry('g', 'a', '1'), { name: 'a/B.class', data: 'x' }, { name: 'lib/x.JAR', data: 'x', method: 'stored' }, { name: 'lib/dir.jar/', data: '' }, { name: 'META-INF/manifest.mf', data: 'A: b\n' }]);
    const { selectEntry } = await import('../../../../src/inventory/parsers/java/archive-entries.js');
    const dir = await readZipDirectory(new BufferSource(zip), selectEntry, LIMITS);
    expect(typeof dir === 'string' ? dir : dir.entries.map((e) => e.name)).toEqual(['META-INF/maven/g/a/pom.properties', 'lib/x.JAR', 'META-INF/manifest.mf']);
  });
});

describe('zip central directory: damaged and hostile archives', () => {
  const good = makeZip([pomEntry('g', 'a', '1'), { name: 'lib/x.jar', data: makeZip([pomEntry('g', 'x', '2')]), method: 'stored' }]);
  const read = (buf: Buffer, limits = LIMITS): Promise<ZipDirectory | string> => readZipDirectory(new BufferSource(buf), all, limits);

  it('reports a directory that lists fewer entries than it declares, and entries outside the archive', async () => {
    const liar = makeZip([pomEntry('g', 'a', '1')], { declaredCount: 7 });
    expect(await read(liar)).toMatchObject({ total: 1, problems: ['central directory lists 1 of the 7 entries it declares (damaged or truncated)'] });
    const outside = makeZip([pomEntry('g', 'a', '1'), { name: 'big', data: 'x', declaredCompressedSize: 1 << 30 }]);
    expect(await read(outside)).toMatchObject({ entries: [{ name: 'META-INF/maven/g/a/pom.properties' }], problems: ['1 entries have offsets or sizes outside the archive: not read'] });
  });

  it('refuses what cannot be a zip, and enforces its limits', async () => {
    expect(await read(Buffer.from('PK'))).toBe('too small to be a zip archive');
    expect(await read(good.subarray(0, good.length - 5))).toBe('not a zip archive (no end-of-central-directory record)');
    const eocd = good.length - 22;
    const badOffset = Buffer.from(good);
    badOffset.writeUInt32LE(good.length, eocd + 16);
    expect(await read(badOffset)).toBe('central directory offset points past the central directory');
    const badSize = Buffer.from(good);
    badSize.writeUInt32LE(good.length * 2, eocd + 12);
    expect(await read(badSize)).toBe('central directory size is larger than the archive');
    const saturated = Buffer.from(good);
    saturated.writeUInt16LE(0xffff, eocd + 10);
    expect(await read(saturated)).toBe('ZIP64 values without a ZIP64 end-of-central-directory locator');
    expect(await read(good, { ...LIMITS, maxEntries: 1 })).toMatchObject({ total: 1, problems: ['more than 1 entries: the rest were not read'] });
    expect(await read(good, { ...LIMITS, maxDirectoryBytes: 10 })).toMatch(/^central directory of \d+ bytes is over the 10-byte limit$/);
    expect(await read(good, { ...LIMITS, maxSelected: 1 })).toMatchObject({ total: 2, entries: [{ name: 'META-INF/maven/g/a/pom.properties' }], problems: ['1 more manifests, pom files or nested archives than the 1 read per archive: not read'] });
  });

  it('never throws and never hangs on corrupted archives (3,000 random mutations of a nested jar)', async () => {
    let seed = 12345;
    const rand = (n: number): number => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed % n;
    };
    const base = makeZip([pomEntry('g', 'a', '1'), { name: 'META-INF/MANIFEST.MF', data: 'Implementation-Version: 1\n' }, { name: 'lib/x.jar', data: good }, { name: 'lib/y.jar', data: good, method: 'stored' }], { zip64: true });
    const scratch = mkdtempSync(join(tmpdir(), 'drydock-zip-fuzz-'));
    const started = Date.now();
    try {
      for (let i = 0; i < 3_000; i++) {
        const buf = Buffer.from(base);
        for (let k = 1 + rand(4); k > 0; k--) buf[rand(buf.length)] = rand(256);
        const result = await walkArchive(new BufferSource(buf), '/f.jar', { scratchRoot: () => Promise.resolve(scratch) });
        expect(Array.isArray(result.packages)).toBe(true);
      }
    } finally {
      rmSync(scratch, { recursive: true, force: true });
    }
    expect(Date.now() - started).toBeLessThan(60_000);
  }, 120_000);
});

describe('zip entries', () => {
  const zip = makeZip([
    { name: 'small.txt', data: 'hello' },
    { name: 'stored.txt', data: 'hello', method: 'stored' },
    { name: 'bomb.bin', data: Buffer.alloc(8 * 2 ** 20), declaredSize: 10 },
    { name: 'secret.txt', data: 'x', flags: 1 },
    { name: 'odd.txt', data: 'hello', methodCode: 14 },
  ]);
  const src = new BufferSource(zip);

  it('reads small entries and refuses the rest with a reason', async () => {
    const dir = await directoryOf(src);
    const get = (name: string) => {
      const e = dir.entries.find((x) => x.name === name);
      if (!e) throw new Error(name);
      return readSmallEntry(src, e, dir.dataEnd, 1 << 20);
    };
    expect((await get('small.txt')).toString()).toBe('hello');
    expect((await get('stored.txt')).toString()).toBe('hello');
    expect(await get('bomb.bin')).toBe('entry inflates beyond the 1048576-byte limit');
    expect(await get('secret.txt')).toBe('entry is encrypted');
    expect(await get('odd.txt')).toBe('unsupported compression method 14');
    const moved = { ...(dir.entries[0] ?? dir.entries[1]!), localOffset: 3 };
    expect(await readSmallEntry(src, moved, dir.dataEnd, 100)).toBe('local header not found where the central directory says');
  });

  it('extracts to a file no further than the declared size', async () => {
    const dir = await directoryOf(src);
    const scratch = mkdtempSync(join(tmpdir(), 'drydock-zip-x-'));
    try {
      const bomb = dir.entries.find((e) => e.name === 'bomb.bin')!;
      expect(await extractEntry(src, bomb, dir.dataEnd, join(scratch, 'b'))).toBe('entry inflates beyond the 10 bytes it declares');
      const small = dir.entries.find((e) => e.name === 'small.txt')!;
      expect(await extractEntry(src, small, dir.dataEnd, join(scratch, 's'))).toBe(5);
      expect(readFileSync(join(scratch, 's'), 'utf8')).toBe('hello');
      expect(await extractEntry(src, small, dir.dataEnd, join(scratch, 'missing-dir', 's'))).toBe('could not write the scratch copy (ENOENT)');
    } finally {
      rmSync(scratch, { recursive: true, force: true });
    }
  });
});
