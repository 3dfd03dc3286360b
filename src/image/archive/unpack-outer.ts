import { createReadStream, createWriteStream } from 'node:fs';
import { mkdtemp, open, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import { AppError } from '../../core/errors.js';
import { decompressed, sniffCompression, type Compression } from '../../inventory/tar/decompress.js';

export async function fileHead(path: string, n: number): Promise<Buffer> {
  const fh = await open(path, 'r');
  try {
    const buf = Buffer.alloc(n);
    const { bytesRead } = await fh.read(buf, 0, n, 0);
    return buf.subarray(0, bytesRead);
  } finally {
    await fh.close();
  }
}

export async function fileCompression(path: string): Promise<Compression> {
  return sniffCompression(await fileHead(path, 4));
}

/**
 * A compressed archive (`docker save | gzip`) cannot be read by range: decompress it once into a
 * private temporary directory under `tmpRoot` (the cache dir), bounded by `maxBytes`.
 */
export async function decompressToTemp(path: string, tmpRoot: string, maxBytes: number, what: string): Promise<{ file: string; cleanup: () => Promise<void> }> {
  const dir = await mkdtemp(join(tmpRoot, 'archive-'));
  const file = join(dir, 'archive.tar');
  const cleanup = (): Promise<void> => rm(dir, { recursive: true, force: true });
  try {
    const { stream } = await decompressed(createReadStream(path), what);
    let total = 0;
    async function* limited(): AsyncGenerator<Buffer> {
      for await (const chunk of stream) {
        total += (chunk as Buffer).length;
        if (total > maxBytes) throw new AppError('LIMIT', `${what}: decompresses to more than ${maxBytes} bytes — refusing a possible decompression bomb`);
        yield chunk as Buffer;
      }
    }
    await pipeline(Readable.from(limited()), createWriteStream(file));
    return { file, cleanup };
  } catch (err) {
    await cleanup();
    throw err;
  }
}
