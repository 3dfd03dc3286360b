import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readTar, type TarSink } from '../../../src/inventory/tar/reader.js';
import type { TarHeader } from '../../../src/inventory/tar/header.js';
import { AppError } from '../../../src/core/errors.js';
import { makeTar, PYTHON, type TarSpecEntry } from '../../helpers/tar-maker.js';

interface Seen {
  header: TarHeader;
  data?: string;
}

function collect(): { sink: TarSink; seen: Seen[] } {
  const seen: Seen[] = [];
  const sink: TarSink = {
    entry(header) {
      const s: Seen = { header };
      seen.push(s);
      const parts: Buffer[] = [];
      return {
        data: (c) => parts.push(Buffer.from(c)),
        end: () => {
          s.data = Buffer.concat(parts).toString('utf8');
        },
      };
    },
  };
  return { sink, seen };
}

/** Feed a buffer in chunks of the given sizes (cycled), to exercise every header/data boundary. */
async function* chunked(buf: Buffer, sizes: number[]): AsyncGenerator<Buffer> {
  let pos = 0;
  let i = 0;
  while (pos < buf.length) {
    const n = sizes[i++ % sizes.length] as number;
    yield buf.subarray(pos, pos + n);
    pos += n;
  }
}

/** Python's own reading of the same archive: name, type, size, linkname, uid. */
function pythonListing(tar: Buffer): Array<[string, string, number, string, number]> {
  const code = `
import json, sys, tarfile, io
tf = tarfile.open(fileobj=io.BytesIO(sys.stdin.buffer.read()))
t = {tarfile.REGTYPE: 'file', tarfile.DIRTYPE: 'dir', tarfile.SYMTYPE: 'symlink', tarfile.LNKTYPE: 'hardlink', tarfile.FIFOTYPE: 'fifo'}
print(json.dumps([[m.name, t.get(m.type, 'other'), m.size if m.isfile() else 0, m.linkname, m.uid] for m in tf.getmembers()]))`;
  return JSON.parse(execFileSync(PYTHON, ['-c', code], { input: tar }).toString()) as Array<[string, string, number, string, number]>;
}

const longDir = `${'d'.repeat(60)}/${'e'.repeat(60)}/${'f'.repeat(70)}`;
const ENTRIES: TarSpecEntry[] = [
  { name: 'etc', type: 'dir' },
  { name: 'etc/os-release', data: 'ID=test\n' },
  { name: `${longDir}/a-file-with-a-rather-long-name-to-pass-one-hundred-characters.txt`, data: 'long' },
  { name: 'usr/lib/os-release', type: 'symlink', linkname: `../../${'x'.repeat(120)}/target` },
  { name: 'bin/hard', type: 'hardlink', linkname: 'etc/os-release' },
  { name: 'ünïcødé/文件.txt', data: 'unicode ✓' },
  { name: 'big-uid', data: 'u', uid: 70_000_000 },
  { name: 'run/fifo', type: 'fifo' },
  { name: 'empty', data: '' },
  { name: 'block-sized', data: 'z'.repeat(512) },
];

describe('tar reader', () => {
  for (const format of ['gnu', 'pax'] as const) {
    it(`reads a ${format} archive exactly as Python's tarfile does, whatever the chunking`, async () => {
      const tar = makeTar(ENTRIES, format);
      const reference = pythonListing(tar);
      for (const sizes of [[tar.length], [1], [7, 512, 3, 1024], [511, 513]]) {
        const { sink, seen } = collect();
        const stats = await readTar(chunked(tar, sizes), sink, { what: 'test' });
        expect(stats.entries).toBe(reference.length);
        expect(seen.map((s) => [s.header.name.replace(/\/$/, ''), s.header.type, s.header.type === 'file' ? s.header.size : 0, s.header.linkname, s.header.uid])).toEqual(reference);
      }
      const { sink, seen } = collect();
      await readTar(chunked(tar, [100]), sink, { what: 'test' });
      const byName = new Map(seen.map((s) => [s.header.name, s.data]));
      expect(byName.get('etc/os-release')).toBe('ID=test\n');
      expect(byName.get('ünïcødé/文件.txt')).toBe('unicode ✓');
      expect(byName.get('block-sized')).toBe('z'.repeat(512));
      expect(byName.get('empty')).toBe('');
    });
  }

  it('reads a ustar archive whose long path uses the prefix field', async () => {
    const name = `${'p'.repeat(120)}/${'n'.repeat(90)}`;
    const tar = makeTar([{ name, data: 'prefixed' }], 'ustar');
    const { sink, seen } = collect();
    await readTar(chunked(tar, [4096]), sink, { what: 'test' });
    expect(seen.map((s) => s.header.name)).toEqual([name]);
    expect(seen[0]?.data).toBe('prefixed');
  });

  it('keeps PAX extended attributes (security.capability) as base64', async () => {
    const tar = makeTar([{ name: 'usr/bin/ping', data: 'x', pax: { 'SCHILY.xattr.security.capability': 'caps' } }], 'pax');
    const { sink, seen } = collect();
    await readTar(chunked(tar, [tar.length]), sink, { what: 'test' });
    expect(seen[0]?.header.xattrs).toEqual({ 'security.capability': Buffer.from('caps').toString('base64') });
  });

  it('rejects a stream cut off inside an entry', async () => {
    const tar = makeTar([{ name: 'a', data: 'x'.repeat(5000) }], 'pax');
    const cut = tar.subarray(0, 512 + 1000);
    await expect(readTar(chunked(cut, [300]), collect().sink, { what: 'layer 1' })).rejects.toThrow(/layer 1: truncated tar stream/);
  });

  it('rejects a header whose checksum does not match', async () => {
    const tar = Buffer.from(makeTar([{ name: 'a', data: 'hello' }], 'pax'));
    const hdr = tar.indexOf(Buffer.from('a\0'));
    tar[hdr] = 'b'.charCodeAt(0); // change the name without fixing the checksum
    const err = await readTar(chunked(tar, [tar.length]), collect().sink, { what: 'layer 2' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).code).toBe('INPUT');
    expect((err as AppError).message).toMatch(/layer 2: invalid tar header at byte 0 \(checksum mismatch\)/);
  });

  it('rejects random bytes that are not a tar stream', async () => {
    const junk = Buffer.alloc(4096, 0x41);
    await expect(readTar(chunked(junk, [1000]), collect().sink, { what: 'junk' })).rejects.toThrow(/junk: invalid tar header/);
  });

  it('bounds the bytes accepted after the end-of-archive marker', async () => {
    const tar = makeTar([{ name: 'a', data: 'x' }], 'pax');
    const padded = Buffer.concat([tar, Buffer.alloc(64 * 1024)]);
    await expect(readTar(chunked(padded, [4096]), collect().sink, { what: 'l', maxTrailingBytes: 1024 })).rejects.toThrow(/after the end of the tar archive/);
    await expect(readTar(chunked(padded, [4096]), collect().sink, { what: 'l' })).resolves.toMatchObject({ entries: 1 });
  });

  it('skips the data of entries the sink does not want without buffering it', async () => {
    const tar = makeTar([{ name: 'big', zeros: 3 * 1024 * 1024 }, { name: 'after', data: 'tail' }], 'pax');
    const got: string[] = [];
    const sink: TarSink = {
      entry: (h) => {
        if (h.name !== 'after') return null;
        return { data: (c) => got.push(c.toString()), end: () => undefined };
      },
    };
    await readTar(chunked(tar, [65536]), sink, { what: 't' });
    expect(got.join('')).toBe('tail');
  });
});

describe('sparse files (GNU tar writes them; layers made by tar --sparse contain them)', () => {
  /** A 10 MiB file with 10 islands of data, archived by GNU tar in the given sparse format. */
  function sparseTar(format: string[]): Buffer {
    const dir = mkdtempSync(join(tmpdir(), 'drydock-sparse-'));
    try {
      execFileSync('truncate', ['-s', '10M', join(dir, 'holes')]);
      for (let i = 0; i < 10; i++) execFileSync('dd', ['if=/dev/urandom', `of=${join(dir, 'holes')}`, 'bs=4096', 'count=1', `seek=${i * 200}`, 'conv=notrunc', 'status=none']);
      writeFileSync(join(dir, 'after'), 'still here');
      execFileSync('tar', ['-C', dir, '--sparse', ...format, '-cf', join(dir, 'out.tar'), 'holes', 'after']);
      return readFileSync(join(dir, 'out.tar'));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }

  for (const [label, format] of [
    ['old GNU (with extension blocks)', ['--format=gnu']],
    ['PAX 1.0', ['--format=posix', '--sparse-version=1.0']],
    ['PAX 0.1', ['--format=posix', '--sparse-version=0.1']],
    ['PAX 0.0', ['--format=posix', '--sparse-version=0.0']],
  ] as const) {
    it(`${label}: the real name and size, and the entries after it`, async () => {
      const tar = sparseTar([...format]);
      const { sink, seen } = collect();
      await readTar(chunked(tar, [1000]), sink, { what: 't' });
      const holes = seen.find((s) => s.header.name === 'holes');
      expect(holes?.header.sparse).toBe(true);
      expect(holes?.header.size).toBe(10 * 1024 * 1024);
      expect(seen.find((s) => s.header.name === 'after')?.data).toBe('still here');
      expect(seen.map((s) => s.header.name)).toEqual(pythonListing(tar).map((r) => r[0]));
    });
  }
});
