import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { Readable } from 'node:stream';
import type { RandomAccessReader, ZipFile } from 'yauzl';

/**
 * Positioned reads of a file through two sliding windows. An OSV all.zip holds hundreds of thousands
 * of small entries read in order; yauzl's own fd reader costs several thread-pool round trips and
 * stream objects per entry (under 1,000 entries/s on a busy machine). Reading through windows turns
 * that into a few large reads. Two windows, because reading an archive alternates between the central
 * directory (at the end) and the entries' data (from the start). Memory: the windows, never the file.
 */
export class WindowedFile {
  readonly size: number;
  private readonly fd: number;
  /** Most recently used first. */
  private windows: Array<{ start: number; data: Buffer }> = [];
  private closed = false;

  constructor(
    path: string,
    private readonly windowBytes = 1024 * 1024,
  ) {
    this.fd = openSync(path, 'r');
    this.size = fstatSync(this.fd).size;
  }

  /** Exactly `length` bytes at `position` (a view valid until the next read); throws at end of file. */
  read(length: number, position: number): Buffer {
    if (position < 0 || length < 0 || position + length > this.size) throw new Error(`read of ${length} bytes at ${position} is beyond the end of the ${this.size}-byte file`);
    if (length > this.windowBytes) return this.direct(length, position);
    let w = this.windows.find((x) => position >= x.start && position + length <= x.start + x.data.length);
    if (!w) {
      w = { start: position, data: this.direct(Math.min(this.windowBytes, this.size - position), position) };
      this.windows = [w, ...this.windows].slice(0, 2);
    } else if (this.windows[0] !== w) {
      this.windows = [w, ...this.windows.filter((x) => x !== w)];
    }
    const at = position - w.start;
    return w.data.subarray(at, at + length);
  }

  private direct(length: number, position: number): Buffer {
    const buf = Buffer.allocUnsafe(length);
    let done = 0;
    while (done < length) {
      const n = readSync(this.fd, buf, done, length - done, position + done);
      if (n === 0) throw new Error('unexpected end of file');
      done += n;
    }
    return buf;
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    closeSync(this.fd);
  }
}

/** Open `path` with yauzl (central directory, zip64, name checks) reading through a WindowedFile. */
export async function openZipFile(path: string): Promise<{ zip: ZipFile; file: WindowedFile }> {
  const { default: yauzl } = await import('yauzl');
  const file = new WindowedFile(path);
  // yauzl's reader base class (util.inherits style): `read` serves the central directory and headers.
  class Reader extends (yauzl.RandomAccessReader as unknown as new () => RandomAccessReader) {
    override read(buffer: Buffer, offset: number, length: number, position: number, callback: (err: Error | null, bytesRead?: number) => void): void {
      let got: Buffer;
      try {
        got = file.read(length, position);
      } catch (err) {
        return callback(err instanceof Error ? err : new Error(String(err)));
      }
      got.copy(buffer, offset);
      callback(null, length);
    }
    override _readStreamForRange(start: number, end: number): Readable {
      return Readable.from([Buffer.from(file.read(end - start, start))]);
    }
    override close(callback: (err: Error | null) => void): void {
      file.close();
      callback(null);
    }
  }
  try {
    const zip = await new Promise<ZipFile>((resolve, reject) => {
      yauzl.fromRandomAccessReader(new Reader(), file.size, { lazyEntries: true, autoClose: false, validateEntrySizes: true, strictFileNames: false, decodeStrings: true }, (err, z) =>
        err || !z ? reject(err ?? new Error('cannot open')) : resolve(z),
      );
    });
    return { zip, file };
  } catch (err) {
    file.close();
    throw err;
  }
}
