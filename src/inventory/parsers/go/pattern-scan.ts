/**
 * Finds fixed byte patterns in a stream of chunks, including hits that straddle two chunks, with
 * Buffer#indexOf (no copy of the chunk). Hits are absolute offsets, reported once, in order per
 * pattern.
 */
export class PatternScan {
  private tail: Buffer = Buffer.alloc(0);
  private readonly keep: number;

  constructor(private readonly patterns: readonly Buffer[]) {
    this.keep = Math.max(...patterns.map((p) => p.length)) - 1;
  }

  /**
   * Scan a chunk at absolute offset `at`; `onHit(patternIndex, offset, before)` for each occurrence,
   * where `before` holds the hit's bytes that came in earlier chunks (empty unless it straddles).
   */
  scan(chunk: Buffer, at: number, onHit: (pattern: number, offset: number, before: Buffer) => void, active: (pattern: number) => boolean): void {
    const tail = this.tail;
    if (tail.length > 0) {
      // occurrences that begin in the previous chunk's tail and end in this chunk
      const seam = Buffer.concat([tail, chunk.subarray(0, this.keep)]);
      const seamAt = at - tail.length;
      this.patterns.forEach((p, i) => {
        if (!active(i)) return;
        for (let j = seam.indexOf(p); j >= 0 && j < tail.length; j = seam.indexOf(p, j + 1)) {
          // hits wholly in the tail were reported with the previous chunk
          if (j + p.length > tail.length) onHit(i, seamAt + j, Buffer.from(tail.subarray(j)));
        }
      });
    }
    this.patterns.forEach((p, i) => {
      if (!active(i)) return;
      for (let j = chunk.indexOf(p); j >= 0; j = chunk.indexOf(p, j + 1)) onHit(i, at + j, EMPTY);
    });
    this.tail = keepTail(tail, chunk, this.keep);
  }
}

const EMPTY = Buffer.alloc(0);

/** The last `keep` bytes of tail + chunk, copied (chunks are only valid during the call). */
function keepTail(tail: Buffer, chunk: Buffer, keep: number): Buffer {
  if (chunk.length >= keep) return Buffer.from(chunk.subarray(chunk.length - keep));
  const joined = Buffer.concat([tail, chunk]);
  return Buffer.from(joined.subarray(Math.max(0, joined.length - keep)));
}
