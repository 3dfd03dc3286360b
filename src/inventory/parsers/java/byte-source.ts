import type { FileHandle } from 'node:fs/promises';

/**
 * Random access to a range of bytes: a whole file, or the part of a file that holds one entry of
 * a zip stored without compression (a Spring Boot `BOOT-INF/lib/*.jar` is read in place through
 * its outer archive's file handle, never copied).
 */
export interface ByteSource {
  readonly size: number;
  /** Exactly `length` bytes at `position` (fewer only if the range runs past `size`). */
  read(position: number, length: number): Promise<Buffer>;
  /** A view of `length` bytes at `position` of this source (clamped to the source). */
  slice(position: number, length: number): ByteSource;
}

/** A window `[base, base + size)` of an open file. The caller owns (and closes) the handle. */
export class FileSlice implements ByteSource {
  constructor(
    private readonly handle: FileHandle,
    private readonly base: number,
    readonly size: number,
  ) {}

  async read(position: number, length: number): Promise<Buffer> {
    const start = Math.max(0, Math.min(position, this.size));
    const want = Math.max(0, Math.min(length, this.size - start));
    const buf = Buffer.allocUnsafe(want);
    let got = 0;
    while (got < want) {
      const { bytesRead } = await this.handle.read(buf, got, want - got, this.base + start + got);
      if (bytesRead === 0) break; // the file is shorter than it claimed
      got += bytesRead;
    }
    return got === want ? buf : buf.subarray(0, got);
  }

  slice(position: number, length: number): ByteSource {
    const start = Math.max(0, Math.min(position, this.size));
    return new FileSlice(this.handle, this.base + start, Math.max(0, Math.min(length, this.size - start)));
  }
}

/** Bytes in memory as a ByteSource (tests, and entries small enough to hold). */
export class BufferSource implements ByteSource {
  constructor(private readonly buf: Buffer) {}

  get size(): number {
    return this.buf.length;
  }

  read(position: number, length: number): Promise<Buffer> {
    const start = Math.max(0, Math.min(position, this.buf.length));
    return Promise.resolve(this.buf.subarray(start, Math.min(this.buf.length, start + Math.max(0, length))));
  }

  slice(position: number, length: number): ByteSource {
    const start = Math.max(0, Math.min(position, this.buf.length));
    return new BufferSource(this.buf.subarray(start, Math.min(this.buf.length, start + Math.max(0, length))));
  }
}
