import { createGunzip } from 'node:zlib';
import * as zlib from 'node:zlib';
import { Readable, pipeline, type Duplex } from 'node:stream';
import { Decompress as ZstdDecompress } from 'fzstd';
import { AppError } from '../../core/errors.js';

export type Compression = 'gzip' | 'zstd' | 'none';

const GZIP_MAGIC = [0x1f, 0x8b];
const ZSTD_MAGIC = [0x28, 0xb5, 0x2f, 0xfd];

export function sniffCompression(head: Buffer): Compression {
  if (head.length >= 2 && head[0] === GZIP_MAGIC[0] && head[1] === GZIP_MAGIC[1]) return 'gzip';
  if (head.length >= 4 && ZSTD_MAGIC.every((b, i) => head[i] === b)) return 'zstd';
  return 'none';
}

/** Read just enough of a stream to sniff it, then hand back a stream that replays those bytes first. */
async function peek(source: AsyncIterable<Buffer>, min: number): Promise<{ head: Buffer; rest: AsyncIterable<Buffer> }> {
  const it = source[Symbol.asyncIterator]();
  const parts: Buffer[] = [];
  let have = 0;
  let done = false;
  while (have < min) {
    const r = await it.next();
    if (r.done) {
      done = true;
      break;
    }
    parts.push(r.value);
    have += r.value.length;
  }
  const head = Buffer.concat(parts);
  async function* rest(): AsyncGenerator<Buffer> {
    if (head.length) yield head;
    if (done) return;
    for (;;) {
      const r = await it.next();
      if (r.done) return;
      yield r.value;
    }
  }
  return { head, rest: rest() };
}

async function* zstdChunks(source: AsyncIterable<Buffer>, what: string): AsyncGenerator<Buffer> {
  const out: Buffer[] = [];
  const d = new ZstdDecompress((chunk: Uint8Array) => {
    out.push(Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength));
  });
  try {
    for await (const chunk of source) {
      d.push(chunk);
      while (out.length) yield out.shift() as Buffer;
    }
    d.push(new Uint8Array(0), true);
  } catch (err) {
    if (err instanceof AppError) throw err;
    throw new AppError('INPUT', `${what}: invalid zstd data (${(err as Error).message})`);
  }
  while (out.length) yield out.shift() as Buffer;
}

type NativeZstd = { createZstdDecompress?: () => NodeJS.ReadWriteStream };

/**
 * The uncompressed bytes of a stored layer or archive, whatever its compression (gzip, zstd or
 * none — sniffed from magic bytes, not trusted from media types).
 */
export async function decompressed(source: AsyncIterable<Buffer>, what: string): Promise<{ compression: Compression; stream: AsyncIterable<Buffer> }> {
  const { head, rest } = await peek(source, 4);
  const compression = sniffCompression(head);
  if (compression === 'none') return { compression, stream: rest };
  if (compression === 'gzip') {
    const gunzip = createGunzip({ chunkSize: 256 * 1024 });
    return { compression, stream: wrapErrors(through(rest, gunzip), what, 'gzip') };
  }
  const native = (zlib as unknown as NativeZstd).createZstdDecompress;
  if (native) {
    return { compression, stream: wrapErrors(through(rest, native() as unknown as Duplex), what, 'zstd') };
  }
  return { compression, stream: zstdChunks(rest, what) };
}

/** Pipe a source through a transform so that errors and early exits propagate both ways. */
function through(source: AsyncIterable<Buffer>, transform: Duplex): AsyncIterable<Buffer> {
  pipeline(Readable.from(source, { objectMode: false }), transform, () => {
    // errors surface to whoever iterates `transform`
  });
  return transform as AsyncIterable<Buffer>;
}

async function* wrapErrors(stream: AsyncIterable<Buffer>, what: string, kind: string): AsyncGenerator<Buffer> {
  try {
    for await (const chunk of stream) yield chunk;
  } catch (err) {
    if (err instanceof AppError) throw err;
    const code = (err as NodeJS.ErrnoException).code ?? '';
    const why = code === 'Z_BUF_ERROR' ? 'unexpected end of data (truncated)' : (err as Error).message;
    throw new AppError('INPUT', `${what}: invalid ${kind} data: ${why}`, { cause: err });
  }
}
