import { constants, createReadStream } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { AppError, errorMessage } from '../../core/errors.js';
import { DigestVerifier, digestAlgorithm, digestHex, verifyBuffer, type Digest } from '../../core/digest.js';
import type { TarIndex } from './tar-index.js';

/** Content-addressed blobs of an OCI layout (a directory, or the same layout inside a tar). */
export interface BlobStore {
  /** Names the store in errors. */
  readonly what: string;
  /** A small file at the layout root (index.json, oci-layout, manifest.json), or undefined if absent. */
  readRootFile(name: string, maxBytes: number): Promise<Buffer | undefined>;
  /** A whole blob, verified against its digest (and size when given). */
  readBlob(digest: Digest, size: number | undefined, maxBytes: number): Promise<Buffer>;
  /** A blob as a stream that fails on a digest or size mismatch. */
  openBlob(digest: Digest, size: number | undefined): Promise<Readable>;
  /** Stored size of a blob, if present. */
  blobSize(digest: Digest): Promise<number | undefined>;
}

function blobPath(d: Digest): string {
  return `blobs/${digestAlgorithm(d)}/${digestHex(d)}`;
}

/** Pipe through a verifier; an error on either side tears both down (no leaked descriptors). */
export function verifying(stream: Readable, d: Digest, size: number | undefined, what: string): Readable {
  const v = new DigestVerifier(d, size, what);
  stream.on('error', (err) => v.destroy(err));
  v.on('close', () => stream.destroy());
  return stream.pipe(v);
}

/**
 * Read a file of a layout directory: it must be a regular file (a FIFO would hang, a device would
 * never end) and is read through one descriptor, never more than `maxBytes`.
 */
async function readRegular(path: string, maxBytes: number, what: string): Promise<Buffer | undefined> {
  // O_NONBLOCK: opening a FIFO must not wait for a writer (it is refused just below).
  const fh = await open(path, constants.O_RDONLY | constants.O_NONBLOCK).catch(() => undefined);
  if (!fh) return undefined;
  try {
    const st = await fh.stat();
    if (!st.isFile()) throw new AppError('INPUT', `${what}: ${path} is not a regular file`);
    if (st.size > maxBytes) throw new AppError('LIMIT', `${what}: ${path} is ${st.size} bytes, over the ${maxBytes}-byte limit`);
    const buf = Buffer.alloc(st.size);
    const { bytesRead } = await fh.read(buf, 0, st.size, 0);
    return buf.subarray(0, bytesRead);
  } finally {
    await fh.close();
  }
}

export class DirBlobStore implements BlobStore {
  constructor(
    private readonly root: string,
    readonly what: string,
  ) {}

  readRootFile(name: string, maxBytes: number): Promise<Buffer | undefined> {
    return readRegular(join(this.root, name), maxBytes, this.what);
  }

  async blobSize(d: Digest): Promise<number | undefined> {
    const st = await stat(join(this.root, blobPath(d))).catch(() => undefined);
    return st?.isFile() ? st.size : undefined;
  }

  async readBlob(d: Digest, size: number | undefined, maxBytes: number): Promise<Buffer> {
    const buf = await readRegular(join(this.root, blobPath(d)), maxBytes, this.what);
    if (buf === undefined) throw new AppError('NOT_FOUND', `${this.what}: blob ${d} is missing`);
    verifyBuffer(buf, d, size, `${this.what}: blob ${d}`);
    return buf;
  }

  async openBlob(d: Digest, size: number | undefined): Promise<Readable> {
    const p = join(this.root, blobPath(d));
    if ((await this.blobSize(d)) === undefined) throw new AppError('NOT_FOUND', `${this.what}: blob ${d} is missing or not a regular file`);
    return verifying(createReadStream(p, { highWaterMark: 256 * 1024 }), d, size, `${this.what}: blob ${d}`);
  }
}

export class TarBlobStore implements BlobStore {
  constructor(
    private readonly index: TarIndex,
    readonly what: string,
  ) {}

  async readRootFile(name: string, maxBytes: number): Promise<Buffer | undefined> {
    const e = this.index.find(name);
    return e ? this.index.read(e, maxBytes, this.what) : undefined;
  }

  async blobSize(d: Digest): Promise<number | undefined> {
    return this.index.find(blobPath(d))?.size;
  }

  async readBlob(d: Digest, size: number | undefined, maxBytes: number): Promise<Buffer> {
    const e = this.index.find(blobPath(d));
    if (!e) throw new AppError('NOT_FOUND', `${this.what}: blob ${d} is missing`);
    const buf = await this.index.read(e, maxBytes, this.what);
    verifyBuffer(buf, d, size, `${this.what}: blob ${d}`);
    return buf;
  }

  async openBlob(d: Digest, size: number | undefined): Promise<Readable> {
    const e = this.index.find(blobPath(d));
    if (!e) throw new AppError('NOT_FOUND', `${this.what}: blob ${d} is missing`);
    try {
      return verifying(this.index.open(e), d, size, `${this.what}: blob ${d}`);
    } catch (err) {
      throw new AppError('INPUT', `${this.what}: cannot read blob ${d}: ${errorMessage(err)}`);
    }
  }
}
