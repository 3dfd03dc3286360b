/**
 * Finds literal byte strings ("anchors") in a stream of chunks and hands each occurrence to a
 * callback together with a bounded region around it, so that a version string next to the anchor
 * can be read. Nothing but a small tail of the previous chunk is kept, whatever the file's size.
 *
 * Occurrences inside a chunk are found in the chunk itself (no copy); occurrences whose region
 * crosses chunk boundaries are found in a small seam buffer (the previous tail plus the head of the
 * next chunk). An occurrence can be reported twice (once from a chunk, once from a seam): callers
 * collect distinct values, so this is harmless and keeps the scanner simple.
 */

export interface Needle {
  /** The literal bytes to look for. */
  anchor: Buffer;
  /** Bytes of context wanted before the anchor. */
  before: number;
  /** Bytes of context wanted after the end of the anchor. */
  after: number;
  /** Stop looking for this needle after this many occurrences (hostile files full of anchors). */
  maxHits: number;
}

/**
 * One occurrence: `region` holds up to `before` bytes, the anchor (at `anchorAt`) and up to
 * `after` bytes. The region is only shorter than asked where the file itself starts or ends.
 * The buffer is only valid during the call.
 */
export type HitHandler = (needle: number, region: Buffer, anchorAt: number) => void;

export class NeedleScanner {
  private readonly span: number;
  private readonly hits: number[];
  private tail: Buffer = Buffer.alloc(0);
  private total = 0;

  constructor(
    private readonly needles: readonly Needle[],
    private readonly onHit: HitHandler,
  ) {
    this.span = Math.max(1, ...needles.map((n) => n.before + n.anchor.length + n.after));
    this.hits = needles.map(() => 0);
  }

  push(chunk: Buffer): void {
    if (chunk.length === 0) return;
    const tailStartsFile = this.total === this.tail.length;
    if (this.tail.length > 0) {
      const seam = Buffer.concat([this.tail, chunk.subarray(0, this.span)]);
      this.search(seam, tailStartsFile, false);
    }
    this.search(chunk, this.total === 0, false);
    this.total += chunk.length;
    this.keepTail(chunk);
  }

  /** Occurrences whose region the end of the file cuts short. */
  end(): void {
    this.search(this.tail, this.total === this.tail.length, true);
    this.tail = Buffer.alloc(0);
  }

  private keepTail(chunk: Buffer): void {
    if (chunk.length >= this.span) {
      this.tail = Buffer.from(chunk.subarray(chunk.length - this.span));
      return;
    }
    const joined = Buffer.concat([this.tail, chunk]);
    this.tail = joined.length > this.span ? Buffer.from(joined.subarray(joined.length - this.span)) : joined;
  }

  private search(buf: Buffer, clipStart: boolean, clipEnd: boolean): void {
    for (let i = 0; i < this.needles.length; i++) {
      const n = this.needles[i] as Needle;
      let at = buf.indexOf(n.anchor);
      while (at >= 0 && (this.hits[i] as number) < n.maxHits) {
        const lo = at - n.before;
        const hi = at + n.anchor.length + n.after;
        if ((lo >= 0 || clipStart) && (hi <= buf.length || clipEnd)) {
          this.hits[i] = (this.hits[i] as number) + 1;
          const from = Math.max(0, lo);
          this.onHit(i, buf.subarray(from, Math.min(buf.length, hi)), at - from);
        }
        at = buf.indexOf(n.anchor, at + 1);
      }
    }
  }
}
