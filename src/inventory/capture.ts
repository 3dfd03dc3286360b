import { closeSync, openSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import type { Analyzer, StreamConsumer } from './analyzer.js';
import type { EntryConsumer } from './tar/reader.js';

/** What was kept of one file for the analyzers that asked for it. */
export interface CapturedData {
  mode: number;
  size: number;
  /** For `buffer` analyzers. */
  content?: Buffer;
  /** For `file` analyzers: a scratch copy. */
  tempPath?: string;
  /** For `stream` analyzers: each consumer's result, by analyzer id. */
  streamed?: Map<string, unknown>;
}

/** Buffers a whole file; the size is known up front, so one allocation. */
class BufferSink {
  readonly buf: Buffer;
  fill = 0;
  constructor(size: number) {
    this.buf = Buffer.allocUnsafe(size);
  }
  data(chunk: Buffer): void {
    this.fill += chunk.copy(this.buf, this.fill);
  }
  result(): Buffer {
    return this.fill === this.buf.length ? this.buf : this.buf.subarray(0, this.fill);
  }
}

/** Writes a file to scratch space synchronously (no unbounded write queue in memory). */
class FileSink {
  private fd: number;
  constructor(readonly path: string) {
    this.fd = openSync(path, 'w', 0o600);
  }
  data(chunk: Buffer): void {
    let off = 0;
    while (off < chunk.length) off += writeSync(this.fd, chunk, off, chunk.length - off);
  }
  close(): void {
    if (this.fd >= 0) closeSync(this.fd);
    this.fd = -1;
  }
}

export interface CapturePlan {
  buffer: boolean;
  /** Directory to write a scratch copy into, when a `file` analyzer wants the file. */
  fileDir?: string;
  streams: Array<{ analyzer: Analyzer; consumer: StreamConsumer }>;
}

let counter = 0;

/**
 * One consumer fanning a file's bytes out to everything that wants them: an in-memory buffer, a
 * scratch file, and stream consumers. `done` receives what was kept.
 */
export function captureConsumer(
  plan: CapturePlan,
  mode: number,
  size: number,
  done: (data: CapturedData) => void,
): EntryConsumer & { abort(): void } {
  const buffer = plan.buffer ? new BufferSink(size) : undefined;
  const file = plan.fileDir !== undefined ? new FileSink(join(plan.fileDir, `f${++counter}`)) : undefined;
  return {
    abort() {
      file?.close();
    },
    data(chunk) {
      buffer?.data(chunk);
      file?.data(chunk);
      for (const s of plan.streams) s.consumer.data(chunk);
    },
    end() {
      file?.close();
      const data: CapturedData = { mode, size };
      if (buffer) data.content = buffer.result();
      if (file) data.tempPath = file.path;
      if (plan.streams.length) data.streamed = new Map(plan.streams.map((s) => [s.analyzer.id, s.consumer.end()]));
      done(data);
    },
  };
}
