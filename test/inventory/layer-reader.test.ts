import { describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readLayer } from '../../src/inventory/layer-reader.js';
import type { Analyzer, CapturedFile } from '../../src/inventory/analyzer.js';
import { sha256Digest } from '../../src/core/digest.js';
import { AppError } from '../../src/core/errors.js';
import { compress, makeCompressedTar, makeTar, type TarSpecEntry } from '../helpers/tar-maker.js';

/** A minimal analyzer that records what it was given: it wants every path under etc/. */
function recorder(opts: { maxFileSize?: number; fail?: boolean } = {}): Analyzer & { seen: CapturedFile[] } {
  const seen: CapturedFile[] = [];
  return {
    id: 'recorder',
    version: 1,
    maxFileSize: opts.maxFileSize ?? 1 << 20,
    seen,
    required: (p) => p.startsWith('etc/'),
    analyzeLayer(files) {
      if (opts.fail) throw new Error('boom');
      seen.push(...files);
      return files.map((f) => ({ path: f.path, facts: f.content.toString('utf8') }));
    },
  };
}

async function* once(buf: Buffer): AsyncGenerator<Buffer> {
  for (let i = 0; i < buf.length; i += 65536) yield buf.subarray(i, i + 65536);
}

const LAYER: TarSpecEntry[] = [
  { name: './etc/', type: 'dir' },
  { name: './etc/os-release', data: 'ID=alpine\n' },
  { name: './etc/.wh.motd' },
  { name: './usr/share/.wh..wh..opq' },
  { name: './usr/.wh..wh.plnk' },
  { name: './etc/link', type: 'hardlink', linkname: './etc/os-release' },
  { name: './lib', type: 'symlink', linkname: 'usr/lib' },
];

describe('layer reader', () => {
  it('reads plain, gzip and zstd layers to the same result and verifies the diffID', async () => {
    const tar = makeTar(LAYER);
    const diffId = sha256Digest(tar);
    const results = [];
    for (const stored of [tar, compress(tar, 'gzip'), compress(tar, 'zstd')]) {
      const r = await readLayer(once(stored), { diffId, what: 'layer 1', analyzers: [recorder()], maxLayerBytes: 1 << 30 });
      results.push({ ...r, stats: { ...r.stats, compression: 'x' } });
    }
    expect(results[1]).toEqual(results[0]);
    expect(results[2]).toEqual(results[0]);
    const r = results[0];
    expect(r?.entries.map((e) => [e[0], e[1], e[4]])).toEqual([
      ['etc', 'd', undefined],
      ['etc/os-release', 'f', undefined],
      ['etc/link', 'h', 'etc/os-release'],
      ['lib', 'l', 'usr/lib'],
    ]);
    expect(r?.whiteouts).toEqual(['etc/motd']);
    expect(r?.opaqueDirs).toEqual(['usr/share']);
    // the hard link shares the captured content of its target
    expect(r?.results['recorder']).toEqual([
      { path: 'etc/os-release', facts: 'ID=alpine\n' },
      { path: 'etc/link', facts: 'ID=alpine\n' },
    ]);
  });

  it('rejects a layer whose content does not match its diffID', async () => {
    const tar = makeTar(LAYER);
    const wrong = sha256Digest(Buffer.from('something else'));
    const err = await readLayer(once(compress(tar, 'gzip')), { diffId: wrong, what: 'layer 3 (x)', analyzers: [], maxLayerBytes: 1 << 30 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).code).toBe('DIGEST_MISMATCH');
    expect((err as AppError).message).toContain('layer 3 (x): uncompressed content digest is sha256:');
  });

  it('records entries that climb out of the root, and hard links to outside, as unknowns and skips them', async () => {
    const tar = makeTar([
      { name: '../../etc/evil', data: 'x' },
      { name: 'a/../../escape', data: 'x' },
      { name: '/etc/absolute', data: 'abs is relative to the image root' },
      { name: 'etc/hl', type: 'hardlink', linkname: '../../../etc/shadow' },
      { name: 'etc/sym', type: 'symlink', linkname: '../../../../etc/shadow' },
    ]);
    const rec = recorder();
    const r = await readLayer(once(tar), { what: 'l', analyzers: [rec], maxLayerBytes: 1 << 30 });
    expect(r.entries.map((e) => e[0])).toEqual(['etc/absolute', 'etc/sym']);
    expect(r.unknowns.map((u) => [u.path, u.reason.split(' — ')[0]])).toEqual([
      ['../../etc/evil', 'entry path climbs above the image root ("..")'],
      ['a/../../escape', 'entry path climbs above the image root ("..")'],
      ['etc/hl', 'hard link to "../../../etc/shadow" points outside the image'],
    ]);
    expect(rec.seen.map((f) => f.path)).toEqual(['etc/absolute']);
  });

  it('refuses a decompression bomb once the layer passes the size limit', async () => {
    const bomb = makeCompressedTar([{ name: 'etc/zeros', zeros: 256 * 1024 * 1024 }], 'gzip');
    expect(bomb.length).toBeLessThan(2 * 1024 * 1024);
    const err = await readLayer(once(bomb), { what: 'layer 1', analyzers: [recorder()], maxLayerBytes: 64 * 1024 * 1024 }).catch((e: unknown) => e);
    expect((err as AppError).code).toBe('LIMIT');
    expect((err as AppError).message).toMatch(/layer 1: uncompressed layer exceeds 67108864 bytes/);
  });

  it('refuses the same bomb in zstd', async () => {
    const bomb = makeCompressedTar([{ name: 'zeros', zeros: 128 * 1024 * 1024 }], 'zstd');
    const err = await readLayer(once(bomb), { what: 'layer 2', analyzers: [], maxLayerBytes: 16 * 1024 * 1024 }).catch((e: unknown) => e);
    expect((err as AppError).code).toBe('LIMIT');
  });

  it('reports a truncated gzip blob clearly', async () => {
    const gz = compress(makeTar([{ name: 'etc/f', data: 'y'.repeat(100000) }]), 'gzip');
    const err = await readLayer(once(gz.subarray(0, gz.length - 200)), { what: 'layer 4', analyzers: [], maxLayerBytes: 1 << 30 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).code).toBe('INPUT');
    expect((err as AppError).message).toMatch(/layer 4: (invalid gzip data|truncated tar stream)/);
  });

  it('turns files over an analyzer limit and analyzer failures into unknowns', async () => {
    const tar = makeTar([{ name: 'etc/big', data: 'b'.repeat(2000) }, { name: 'etc/small', data: 's' }]);
    const r = await readLayer(once(tar), { what: 'l', analyzers: [recorder({ maxFileSize: 1000 })], maxLayerBytes: 1 << 30 });
    expect(r.results['recorder']).toEqual([{ path: 'etc/small', facts: 's' }]);
    expect(r.unknowns).toEqual([{ path: 'etc/big', source: 'recorder', reason: "file is 2000 bytes, over this analyzer's 1000-byte limit — not read" }]);
    const failing = await readLayer(once(tar), { what: 'l', analyzers: [recorder({ fail: true })], maxLayerBytes: 1 << 30 });
    expect(failing.unknowns.map((u) => u.reason)).toEqual(['analyzer failed: boom', 'analyzer failed: boom']);
  });

  it('capture modes: a scratch file for random access, a stream for fingerprints, both cleaned up', async () => {
    const scratch = mkdtempSync(join(tmpdir(), 'drydock-scratch-'));
    const seen: Array<{ path: string; size: number; head: string; exists: boolean }> = [];
    const fileAnalyzer: Analyzer = {
      id: 'file-mode',
      version: 1,
      maxFileSize: 1 << 30,
      capture: 'file',
      required: (p, info) => p.endsWith('.jar') && info.size > 0,
      analyzeLayer: async (files, ctx) => {
        const dir = await ctx.scratchDir();
        expect(dir.startsWith(scratch)).toBe(true);
        for (const f of files) {
          const path = f.tempPath as string;
          seen.push({ path: f.path, size: f.size, head: readFileSync(path).subarray(0, 4).toString('latin1'), exists: existsSync(path) });
          expect(path.startsWith(scratch)).toBe(true);
          expect(f.content.length).toBe(0);
        }
        return files.map((f) => ({ path: f.path, facts: { bytes: statSync(f.tempPath as string).size } }));
      },
    };
    let chunks = 0;
    const streamAnalyzer: Analyzer = {
      id: 'stream-mode',
      version: 1,
      maxFileSize: 1 << 30,
      capture: 'stream',
      required: (_p, info) => (info.mode & 0o111) !== 0,
      stream: () => {
        let count = 0;
        return {
          data: (c) => {
            chunks++;
            count += c.filter((b) => b === 0x41).length;
          },
          end: () => ({ as: count }),
        };
      },
      analyzeLayer: (files) => files.map((f) => ({ path: f.path, facts: f.streamed })),
    };
    const big = 'A'.repeat(3 * 1024 * 1024);
    const tar = makeTar([
      { name: 'app/lib.jar', data: 'PK\u0003\u0004 not really a zip' },
      { name: 'app/same.jar', type: 'hardlink', linkname: 'app/lib.jar' },
      { name: 'usr/bin/tool', data: big, mode: 0o755 },
      { name: 'usr/bin/notes', data: 'AAA', mode: 0o644 },
    ]);
    const r = await readLayer(once(compress(tar, 'gzip')), { what: 'l', analyzers: [fileAnalyzer, streamAnalyzer], maxLayerBytes: 1 << 30, scratchRoot: scratch });
    expect(seen.map((x) => [x.path, x.size, x.head, x.exists])).toEqual([
      ['app/lib.jar', 21, 'PK\u0003\u0004', true],
      ['app/same.jar', 21, 'PK\u0003\u0004', true],
    ]);
    expect(r.results['file-mode']).toEqual([
      { path: 'app/lib.jar', facts: { bytes: 21 } },
      { path: 'app/same.jar', facts: { bytes: 21 } },
    ]);
    expect(r.results['stream-mode']).toEqual([{ path: 'usr/bin/tool', facts: { as: big.length } }]);
    expect(chunks).toBeGreaterThan(1);
    expect(readdirSync(scratch)).toEqual([]);
    // a layer that fails half-way leaves no scratch files either
    const cut = compress(tar, 'gzip');
    await expect(readLayer(once(cut.subarray(0, cut.length - 50)), { what: 'l', analyzers: [fileAnalyzer], maxLayerBytes: 1 << 30, scratchRoot: scratch })).rejects.toThrow();
    expect(readdirSync(scratch)).toEqual([]);
    rmSync(scratch, { recursive: true, force: true });
  });
});
