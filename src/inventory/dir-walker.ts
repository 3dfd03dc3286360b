import { lstat, open, opendir, readlink } from 'node:fs/promises';
import type { Stats } from 'node:fs';
import { join } from 'node:path';
import { AppError, errorMessage } from '../core/errors.js';
import type { Analyzer } from './analyzer.js';
import { LayerCollector } from './layer-collector.js';
import type { LayerResult } from './layer-result.js';
import type { TarEntryType, TarHeader } from './tar/header.js';
import type { EntryConsumer } from './tar/reader.js';

/** Virtual filesystems skipped when they are mount points of their own (scanning `dir:/`). */
const VIRTUAL_TOP = new Set(['proc', 'sys', 'dev']);
const CHUNK = 1 << 20;

function typeOf(st: Stats): TarEntryType {
  if (st.isFile()) return 'file';
  if (st.isDirectory()) return 'dir';
  if (st.isSymbolicLink()) return 'symlink';
  if (st.isCharacterDevice()) return 'char';
  if (st.isBlockDevice()) return 'block';
  if (st.isFIFO()) return 'fifo';
  return 'other';
}

/** Feed a file to a consumer in 1 MiB chunks (never the whole file in memory), up to `size` bytes. */
async function feed(abs: string, size: number, consumer: EntryConsumer): Promise<string | undefined> {
  const fh = await open(abs, 'r').catch((err: unknown) => errorMessage(err));
  if (typeof fh === 'string') return fh;
  try {
    const buf = Buffer.allocUnsafe(Math.min(CHUNK, Math.max(size, 1)));
    let pos = 0;
    while (pos < size) {
      const { bytesRead } = await fh.read(buf, 0, Math.min(buf.length, size - pos), pos);
      if (bytesRead === 0) break;
      consumer.data(buf.subarray(0, bytesRead));
      pos += bytesRead;
    }
    consumer.end();
    return undefined;
  } finally {
    await fh.close();
  }
}

/**
 * Walk a root filesystem directory as if it were a single layer. Symlinks are recorded, never
 * followed; files are read only when an analyzer asks for them.
 */
export async function walkRootfs(root: string, analyzers: readonly Analyzer[], scratchRoot?: string): Promise<LayerResult> {
  let rootStat: Stats;
  try {
    rootStat = await lstat(root);
  } catch (err) {
    throw new AppError('NOT_FOUND', `dir:${root}: ${errorMessage(err)}`);
  }
  if (!rootStat.isDirectory()) throw new AppError('INPUT', `dir:${root}: not a directory`);
  const collector = new LayerCollector(analyzers, scratchRoot !== undefined ? { scratchRoot } : {});
  try {
    const bytes = await walk(root, rootStat, collector);
    return await collector.finish({ uncompressedBytes: bytes, compression: 'none' });
  } finally {
    collector.dispose();
  }
}

async function walk(root: string, rootStat: Stats, collector: LayerCollector): Promise<number> {
  let bytes = 0;
  const stack: string[] = [''];
  while (stack.length) {
    const rel = stack.pop() as string;
    const dir = await opendir(join(root, rel)).catch((err: unknown) => errorMessage(err));
    if (typeof dir === 'string') {
      collector.addUnknown({ path: rel, source: 'walker', reason: `directory not readable: ${dir}` });
      continue;
    }
    for await (const d of dir) {
      const path = rel ? `${rel}/${d.name}` : d.name;
      const abs = join(root, path);
      const st = await lstat(abs).catch(() => undefined);
      if (!st) continue;
      if (!rel && VIRTUAL_TOP.has(d.name) && st.isDirectory() && st.dev !== rootStat.dev) continue;
      const h: TarHeader = { ...blankHeader(path), type: typeOf(st), size: st.isFile() ? st.size : 0, mode: st.mode & 0o7777, uid: st.uid, gid: st.gid };
      if (h.type === 'symlink') h.linkname = await readlink(abs).catch(() => '');
      const consumer = collector.entry(h);
      if (h.type === 'dir') stack.push(path);
      if (h.type === 'file') bytes += st.size;
      if (consumer) {
        const failure = await feed(abs, h.size, consumer);
        if (failure !== undefined) collector.addUnknown({ path, source: 'walker', reason: `file not readable: ${failure}` });
      }
    }
  }
  return bytes;
}

function blankHeader(name: string): TarHeader {
  return { name, type: 'dir', size: 0, mode: 0o755, uid: 0, gid: 0, mtime: 0, linkname: '' };
}
