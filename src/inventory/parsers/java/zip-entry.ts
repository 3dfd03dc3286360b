import { createWriteStream } from 'node:fs';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createInflateRaw, inflateRawSync } from 'node:zlib';
import type { ByteSource } from './byte-source.js';
import type { ZipEntry } from './zip-directory.js';

/**
 * One entry's bytes: the local file header (APPNOTE 4.3.7) locates the data; stored entries are
 * read as they are, deflated ones inflated with node:zlib — small ones into memory with a hard
 * output cap, big ones streamed to a scratch file with the same kind of cap. A string result is
 * the reason the entry could not be read; nothing here throws on bad input.
 */

const LOCAL_SIG = 0x04034b50;
const LOCAL_HEADER_SIZE = 30;
const CHUNK = 256 * 1024;
export const STORED = 0;
export const DEFLATED = 8;

/** Where the entry's data starts, after checking its local header and that the data ends before `dataEnd`. */
export async function entryDataOffset(src: ByteSource, entry: ZipEntry, dataEnd: number): Promise<number | string> {
  if ((entry.flags & 0x1) !== 0) return 'entry is encrypted';
  const header = await src.read(entry.localOffset, LOCAL_HEADER_SIZE);
  if (header.length < LOCAL_HEADER_SIZE || header.readUInt32LE(0) !== LOCAL_SIG) return 'local header not found where the central directory says';
  const offset = entry.localOffset + LOCAL_HEADER_SIZE + header.readUInt16LE(26) + header.readUInt16LE(28);
  if (offset + entry.compressedSize > dataEnd) return 'entry data runs past the end of the archive data';
  return offset;
}

/** The whole content of a small entry (at most `maxBytes` once inflated). */
export async function readSmallEntry(src: ByteSource, entry: ZipEntry, dataEnd: number, maxBytes: number): Promise<Buffer | string> {
  if (entry.size > maxBytes) return `entry is ${entry.size} bytes, over the ${maxBytes}-byte limit`;
  if (entry.method !== STORED && entry.method !== DEFLATED) return `unsupported compression method ${entry.method}`;
  if (entry.compressedSize > maxBytes + 1024 && entry.method === DEFLATED) return 'compressed size is implausibly large';
  const offset = await entryDataOffset(src, entry, dataEnd);
  if (typeof offset === 'string') return offset;
  const raw = await src.read(offset, entry.compressedSize);
  if (raw.length < entry.compressedSize) return 'entry data is truncated';
  if (entry.method === STORED) return entry.size === raw.length ? raw : 'stored entry size disagrees with its compressed size';
  try {
    const out = inflateRawSync(raw, { maxOutputLength: maxBytes });
    return out.length === entry.size ? out : `entry inflates to ${out.length} bytes, not the ${entry.size} declared`;
  } catch (err) {
    return err instanceof RangeError ? `entry inflates beyond the ${maxBytes}-byte limit` : 'entry data is not valid deflate data';
  }
}

/** A view of a stored entry's bytes inside the archive, with no copy. */
export async function storedEntry(src: ByteSource, entry: ZipEntry, dataEnd: number): Promise<ByteSource | string> {
  if (entry.method !== STORED) return 'entry is compressed';
  if (entry.size !== entry.compressedSize) return 'stored entry size disagrees with its compressed size';
  const offset = await entryDataOffset(src, entry, dataEnd);
  return typeof offset === 'string' ? offset : src.slice(offset, entry.compressedSize);
}

class OverLimit extends Error {}

/**
 * Inflate a deflated entry into a new file at `dest`, never past its declared size (a lying size
 * is how bombs get past ratio checks). Resolves to the number of bytes written or a problem.
 */
export async function extractEntry(src: ByteSource, entry: ZipEntry, dataEnd: number, dest: string): Promise<number | string> {
  if (entry.method !== DEFLATED) return `unsupported compression method ${entry.method}`;
  const offset = await entryDataOffset(src, entry, dataEnd);
  if (typeof offset === 'string') return offset;
  let written = 0;
  const limit = entry.size;
  const counter = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      written += chunk.length;
      if (written > limit) done(new OverLimit());
      else done(null, chunk);
    },
  });
  try {
    await pipeline(Readable.from(rangeChunks(src, offset, entry.compressedSize)), createInflateRaw({ chunkSize: CHUNK }), counter, createWriteStream(dest, { mode: 0o600 }));
  } catch (err) {
    if (err instanceof OverLimit) return `entry inflates beyond the ${entry.size} bytes it declares`;
    const code = (err as { code?: unknown }).code;
    if (typeof code === 'string' && !code.startsWith('Z_')) return `could not write the scratch copy (${code})`;
    return 'entry data is not valid deflate data';
  }
  return written === entry.size ? written : `entry inflates to ${written} bytes, not the ${entry.size} declared`;
}

async function* rangeChunks(src: ByteSource, start: number, length: number): AsyncGenerator<Buffer> {
  for (let p = 0; p < length; p += CHUNK) {
    const chunk = await src.read(start + p, Math.min(CHUNK, length - p));
    if (chunk.length === 0) return;
    yield chunk;
  }
}
