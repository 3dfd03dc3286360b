/**
 * Positions in the Dockerfile text: the physical-line table (offset → 1-based line/column) and the
 * segment map that takes an index in a joined logical line (continuations removed) back to the file.
 */
import type { Pos, ShellSource, Span } from './ast.js';

/** Physical lines: where each starts and where its content ends (before the trailing `\r`s and `\n`). */
export class SourceText {
  readonly text: string;
  /** Offset of each line's first character (line 1 starts after a BOM). */
  readonly starts: number[] = [];
  /** Offset where each line's content ends (trailing `\r`/`\n` excluded). */
  readonly ends: number[] = [];

  constructor(text: string) {
    this.text = text;
    const n = text.length;
    let start = n > 0 && text.charCodeAt(0) === 0xfeff ? 1 : 0;
    for (;;) {
      const nl = text.indexOf('\n', start);
      const stop = nl < 0 ? n : nl;
      let end = stop;
      while (end > start && text.charCodeAt(end - 1) === 13) end--;
      this.starts.push(start);
      this.ends.push(end);
      if (nl < 0) break;
      start = nl + 1;
    }
    // A final newline does not open an extra (empty) line.
    if (this.starts.length > 1 && this.starts[this.starts.length - 1] === n) {
      this.starts.pop();
      this.ends.pop();
    }
  }

  get lineCount(): number {
    return this.starts.length;
  }

  /** 0-based line index holding `offset`. */
  lineIndexOf(offset: number): number {
    const s = this.starts;
    let lo = 0;
    let hi = s.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((s[mid] as number) <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  pos(offset: number): Pos {
    const n = this.text.length;
    const o = offset < 0 ? 0 : offset > n ? n : offset;
    if (o === n && n > 0 && this.text.charCodeAt(n - 1) === 10) return { line: this.starts.length + 1, column: 1, offset: o };
    const li = this.lineIndexOf(o);
    const col = o - (this.starts[li] as number) + 1;
    return { line: li + 1, column: col < 1 ? 1 : col, offset: o };
  }

  span(startOffset: number, endOffset: number): Span {
    const start = this.pos(startOffset);
    return { start, end: endOffset <= startOffset ? start : this.pos(endOffset) };
  }
}

/**
 * Maps indices of a joined string to file offsets. The string is a concatenation of contiguous file
 * pieces: piece k starts at string index `lstarts[k]` and at file offset `fstarts[k]`.
 */
export class SegMap {
  private readonly lstarts: number[] = [];
  private readonly fstarts: number[] = [];
  private len = 0;

  get length(): number {
    return this.len;
  }

  /** Appends a piece of `length` characters taken from file offset `fileOffset`. */
  add(fileOffset: number, length: number): void {
    if (length <= 0) return;
    const k = this.lstarts.length - 1;
    // Merge with the previous piece when it continues it in the file.
    if (k >= 0 && (this.fstarts[k] as number) + (this.len - (this.lstarts[k] as number)) === fileOffset) {
      this.len += length;
      return;
    }
    this.lstarts.push(this.len);
    this.fstarts.push(fileOffset);
    this.len += length;
  }

  /** File offset of string index `i`; `i >= length` maps just past the last character. */
  offset(i: number): number {
    const ls = this.lstarts;
    const n = ls.length;
    if (n === 0) return 0;
    if (i >= this.len) return (this.fstarts[n - 1] as number) + (this.len - (ls[n - 1] as number));
    if (i < 0) i = 0;
    let k = 0;
    if (n > 1) {
      let lo = 0;
      let hi = n - 1;
      while (lo < hi) {
        const mid = (lo + hi + 1) >> 1;
        if ((ls[mid] as number) <= i) lo = mid;
        else hi = mid - 1;
      }
      k = lo;
    }
    return (this.fstarts[k] as number) + (i - (ls[k] as number));
  }

  /** File offset just past string index range [a, b) (b > a), i.e. after the last character. */
  endOffset(a: number, b: number): number {
    return b > a ? this.offset(b - 1) + 1 : this.offset(a);
  }
}

/** A joined string with its map back into the file. */
export interface Mapped {
  readonly text: string;
  readonly map: SegMap;
  readonly src: SourceText;
}

/** The file span of `m.text.slice(a, b)`. */
export function spanOf(m: Mapped, a: number, b: number): Span {
  const start = m.src.pos(m.map.offset(a));
  if (b <= a) return { start, end: start };
  return { start, end: m.src.pos(m.map.endOffset(a, b)) };
}

/** A ShellSource over `m.text.slice(a, b)`. */
export function shellSourceOf(m: Mapped, a: number, b: number): ShellSource {
  const text = m.text.slice(a, b);
  const len = text.length;
  return {
    text,
    toFile(index: number): Pos {
      if (index >= len) return m.src.pos(m.map.endOffset(a, b));
      return m.src.pos(m.map.offset(a + (index < 0 ? 0 : index)));
    },
  };
}
