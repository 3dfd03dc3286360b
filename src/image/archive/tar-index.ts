import { open, type FileHandle } from 'node:fs/promises';
import { createReadStream } from 'node:fs';
import { Readable } from 'node:stream';
import { AppError, errorMessage } from '../../core/errors.js';
import { entryType, isZeroBlock, parsePax, parseRawHeader, type TarEntryType } from '../../inventory/tar/header.js';
import { normalizeEntryPath } from '../../inventory/tar/paths.js';

export interface IndexedEntry {
  name: string;
  type: TarEntryType;
  /** Byte offset of the entry's data in the archive file. */
  offset: number;
  size: number;
  linkname: string;
}

const BLOCK = 512;
const MAX_META = 1 << 20;
const MAX_ENTRIES = 1_000_000;

/**
 * An index of an uncompressed tar file built from its headers alone (data is skipped by seeking),
 * so an image archive of many gigabytes is opened in milliseconds and its blobs streamed by range.
 */
export class TarIndex {
  private constructor(
    readonly path: string,
    private readonly entries: Map<string, IndexedEntry>,
  ) {}

  static async build(path: string, what: string): Promise<TarIndex> {
    let fh: FileHandle;
    try {
      fh = await open(path, 'r');
    } catch (err) {
      throw new AppError('NOT_FOUND', `${what}: cannot open: ${errorMessage(err)}`);
    }
    try {
      const entries = await scan(fh, what);
      return new TarIndex(path, entries);
    } finally {
      await fh.close();
    }
  }

  names(): string[] {
    return [...this.entries.keys()];
  }

  /** Look an entry up by name, following symlinks and hard links inside the archive. */
  find(name: string): IndexedEntry | undefined {
    let key = normalizeEntryPath(name).path ?? '';
    for (let hops = 0; hops < 16; hops++) {
      const e = this.entries.get(key);
      if (!e) return undefined;
      if (e.type === 'file') return e;
      if (e.type === 'hardlink') key = normalizeEntryPath(e.linkname).path ?? '';
      else if (e.type === 'symlink') {
        const base = key.includes('/') ? key.slice(0, key.lastIndexOf('/') + 1) : '';
        key = normalizeEntryPath(e.linkname.startsWith('/') ? e.linkname : base + e.linkname).path ?? '';
      } else return undefined;
    }
    return undefined;
  }

  /** Stream an entry's bytes by range. */
  open(entry: IndexedEntry): Readable {
    if (entry.size === 0) return Readable.from([]);
    return createReadStream(this.path, { start: entry.offset, end: entry.offset + entry.size - 1, highWaterMark: 256 * 1024 });
  }

  async read(entry: IndexedEntry, maxBytes: number, what: string): Promise<Buffer> {
    if (entry.size > maxBytes) throw new AppError('LIMIT', `${what}: ${entry.name} is ${entry.size} bytes, over the ${maxBytes}-byte limit`);
    const fh = await open(this.path, 'r');
    try {
      const buf = Buffer.alloc(entry.size);
      const { bytesRead } = await fh.read(buf, 0, entry.size, entry.offset);
      if (bytesRead !== entry.size) throw new AppError('INPUT', `${what}: ${entry.name} is truncated`);
      return buf;
    } finally {
      await fh.close();
    }
  }
}

async function readAt(fh: FileHandle, pos: number, len: number): Promise<Buffer> {
  const buf = Buffer.alloc(len);
  const { bytesRead } = await fh.read(buf, 0, len, pos);
  return bytesRead === len ? buf : buf.subarray(0, bytesRead);
}

/** Old GNU sparse headers may be followed by extension blocks (flag at byte 504 says another follows). */
async function skipSparseExtensions(fh: FileHandle, at: number, fileSize: number, what: string): Promise<number> {
  let pos = at;
  for (;;) {
    if (pos + BLOCK > fileSize) throw new AppError('INPUT', `${what}: truncated archive (inside a sparse map)`);
    const ext = await readAt(fh, pos, BLOCK);
    pos += BLOCK;
    if (ext[504] === 0) return pos;
  }
}

async function scan(fh: FileHandle, what: string): Promise<Map<string, IndexedEntry>> {
  const { size: fileSize } = await fh.stat();
  const entries = new Map<string, IndexedEntry>();
  let pos = 0;
  let pending = new Map<string, string>();
  while (pos + BLOCK <= fileSize) {
    const block = await readAt(fh, pos, BLOCK);
    if (isZeroBlock(block)) break;
    const raw = parseRawHeader(block, pos, what);
    let dataAt = pos + BLOCK;
    if (raw.flag === 'S' && block[482] !== 0) dataAt = await skipSparseExtensions(fh, dataAt, fileSize, what);
    const type = entryType(raw.flag);
    const headerOnly = type !== 'file' && type !== 'other';
    const isMeta = raw.flag === 'x' || raw.flag === 'g' || raw.flag === 'L' || raw.flag === 'K';
    const paxSize = isMeta ? undefined : Number(pending.get('size') ?? Number.NaN);
    const entrySize = paxSize !== undefined && Number.isSafeInteger(paxSize) && paxSize >= 0 ? paxSize : raw.size;
    const dataSize = headerOnly ? 0 : entrySize;
    if (dataAt + dataSize > fileSize) throw new AppError('INPUT', `${what}: truncated archive (entry "${raw.name}" runs past the end of the file)`);
    pos = dataAt + Math.ceil(dataSize / BLOCK) * BLOCK;
    if (raw.flag === 'x' || raw.flag === 'L' || raw.flag === 'K') {
      if (raw.size > MAX_META) throw new AppError('LIMIT', `${what}: oversized tar extension record`);
      const data = await readAt(fh, dataAt, raw.size);
      if (raw.flag === 'x') for (const [k, v] of parsePax(data)) pending.set(k, v);
      else pending.set(raw.flag === 'L' ? 'path' : 'linkpath', data.toString('utf8').replace(/\0.*$/s, ''));
      continue;
    }
    if (raw.flag === 'g') continue;
    const name = normalizeEntryPath(pending.get('path') ?? raw.name).path;
    const size = entrySize;
    const linkname = pending.get('linkpath') ?? raw.linkname;
    pending = new Map();
    if (name === null) continue;
    if (entries.size >= MAX_ENTRIES) throw new AppError('LIMIT', `${what}: more than ${MAX_ENTRIES} entries in the archive`);
    entries.set(name, { name, type, offset: dataAt, size: type === 'file' ? size : 0, linkname });
  }
  return entries;
}
