/**
 * Reads of byte ranges out of a stream that is seen once, front to back: a read starts at an
 * absolute offset, collects bytes as chunks go by, and when it has what it asked for its `step`
 * decides whether it needs more (a larger total) or is done. Used by the Go build-info scanner to
 * pick a few hundred bytes out of a binary of hundreds of megabytes without keeping the rest.
 */

/**
 * `bytes` are the bytes read so far from `start`; `ended` is true when the stream ended (or the
 * range had already gone by) before `need` bytes arrived. Return a larger total to keep reading.
 */
export type ReadStep = (bytes: Buffer, ended: boolean) => number | undefined;

interface PendingRead {
  start: number;
  buf: Buffer;
  fill: number;
  need: number;
  step: ReadStep;
  done: boolean;
}

export class StreamReads {
  private reads: PendingRead[] = [];
  /** Offset of the first byte still to come (or of the chunk being fed). */
  private horizon = 0;

  get pending(): number {
    return this.reads.length;
  }

  /** Can a read starting at `offset` still be served? */
  reachable(offset: number): boolean {
    return offset >= this.horizon;
  }

  /**
   * Read `need` bytes from `start`, the first of which may already be known (`before`: bytes from
   * `start` that came in earlier chunks). A range that has already gone by ends at once.
   */
  add(start: number, need: number, step: ReadStep, before?: Buffer): void {
    const read: PendingRead = { start, buf: Buffer.allocUnsafe(Math.max(need, before?.length ?? 0, 1)), fill: 0, need, step, done: false };
    if (before) read.fill = before.copy(read.buf);
    if (start + read.fill < this.horizon) {
      this.finish(read);
      return;
    }
    this.reads.push(read);
  }

  /** Give a chunk at absolute offset `at` to every read (including reads added while feeding it). */
  feed(chunk: Buffer, at: number): void {
    this.horizon = at;
    for (let i = 0; i < this.reads.length; i++) {
      const r = this.reads[i];
      if (r && !r.done) this.feedOne(r, chunk, at);
    }
    this.horizon = at + chunk.length;
    this.reads = this.reads.filter((r) => !r.done);
  }

  /** The stream ended: every unfinished read gets what it has. */
  end(): void {
    // steps may add reads (which end at once, the horizon being past them)
    const open = this.reads;
    this.reads = [];
    this.horizon = Number.MAX_SAFE_INTEGER;
    for (const r of open) if (!r.done) this.finish(r);
  }

  /** Drop every pending read (the scan is over). */
  clear(): void {
    this.reads = [];
  }

  private feedOne(r: PendingRead, chunk: Buffer, at: number): void {
    const end = at + chunk.length;
    while (!r.done) {
      if (r.fill < r.need) {
        const from = r.start + r.fill;
        if (from < at) {
          this.finish(r); // the range began before this chunk: bytes were missed
          return;
        }
        const to = Math.min(r.start + r.need, end);
        if (from >= to) return;
        r.fill += chunk.copy(r.buf, r.fill, from - at, to - at);
        if (r.fill < r.need) return;
      }
      const more = r.step(r.buf.subarray(0, r.fill), false);
      if (more === undefined || more <= r.need) {
        r.done = true;
        return;
      }
      this.grow(r, more);
    }
  }

  private grow(r: PendingRead, need: number): void {
    if (need > r.buf.length) {
      const bigger = Buffer.allocUnsafe(Math.max(need, Math.min(r.buf.length * 2, need * 2)));
      r.buf.copy(bigger, 0, 0, r.fill);
      r.buf = bigger;
    }
    r.need = need;
  }

  private finish(r: PendingRead): void {
    r.done = true;
    r.step(r.buf.subarray(0, r.fill), true);
  }
}
