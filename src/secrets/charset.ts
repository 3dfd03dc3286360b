/**
 * A character class over the scanner's alphabet: content is decoded as latin1, so every char is a
 * byte. ASCII members are exact; non-ASCII is one unit (`high`) because a Go class member ≥ U+0080
 * matches a multi-byte UTF-8 rune, which here is a run of bytes ≥ 0x80:
 *  - 'none'    no byte ≥ 0x80
 *  - 'full'    every byte ≥ 0x80 (e.g. the complement of an ASCII-only class)
 *  - 'partial' some runes ≥ U+0080 (approximated by every byte ≥ 0x80; stays so when complemented, so a
 *              negated class never rejects text the Go class would accept)
 */
type High = 'none' | 'partial' | 'full';

const POSIX: Record<string, ReadonlyArray<readonly [number, number]>> = {
  alnum: [[0x30, 0x39], [0x41, 0x5a], [0x61, 0x7a]],
  alpha: [[0x41, 0x5a], [0x61, 0x7a]],
  ascii: [[0x00, 0x7f]],
  blank: [[0x09, 0x09], [0x20, 0x20]],
  cntrl: [[0x00, 0x1f], [0x7f, 0x7f]],
  digit: [[0x30, 0x39]],
  graph: [[0x21, 0x7e]],
  lower: [[0x61, 0x7a]],
  print: [[0x20, 0x7e]],
  punct: [[0x21, 0x2f], [0x3a, 0x40], [0x5b, 0x60], [0x7b, 0x7e]],
  space: [[0x09, 0x0d], [0x20, 0x20]],
  upper: [[0x41, 0x5a]],
  word: [[0x30, 0x39], [0x41, 0x5a], [0x61, 0x7a], [0x5f, 0x5f]],
  xdigit: [[0x30, 0x39], [0x41, 0x46], [0x61, 0x66]],
};

export class CharSet {
  private readonly ascii = new Uint8Array(128);
  private high: High = 'none';

  static fromRanges(ranges: ReadonlyArray<readonly [number, number]>): CharSet {
    const set = new CharSet();
    for (const [lo, hi] of ranges) set.addRange(lo, hi);
    return set;
  }

  static digit(): CharSet {
    return CharSet.fromRanges(POSIX['digit'] ?? []);
  }

  static word(): CharSet {
    return CharSet.fromRanges(POSIX['word'] ?? []);
  }

  /** Go's `\s`: `[\t\n\f\r ]` (no `\v`). */
  static goSpace(): CharSet {
    return CharSet.fromRanges([[0x09, 0x0a], [0x0c, 0x0d], [0x20, 0x20]]);
  }

  static posix(name: string): CharSet | undefined {
    const ranges = POSIX[name];
    return ranges === undefined ? undefined : CharSet.fromRanges(ranges);
  }

  /** Code points lo..hi; the part ≥ 0x80 becomes 'partial' non-ASCII (or 'full' when it spans 0x80..0x10FFFF). */
  addRange(lo: number, hi: number): void {
    for (let c = lo; c <= Math.min(hi, 0x7f); c++) this.ascii[c] = 1;
    if (hi < 0x80) return;
    const full = lo <= 0x80 && hi >= 0x10ffff;
    if (full || this.high === 'full') this.high = 'full';
    else this.high = 'partial';
  }

  addSet(other: CharSet): void {
    for (let c = 0; c < 128; c++) if (other.ascii[c]) this.ascii[c] = 1;
    if (other.high === 'full' || this.high === 'full') this.high = 'full';
    else if (other.high === 'partial') this.high = 'partial';
  }

  complement(): CharSet {
    const out = new CharSet();
    for (let c = 0; c < 128; c++) out.ascii[c] = this.ascii[c] ? 0 : 1;
    out.high = this.high === 'none' ? 'full' : this.high === 'full' ? 'none' : 'partial';
    return out;
  }

  /** Add the other case of every ASCII letter (Go's `(?i)` applies to classes before negation). */
  foldAsciiCase(): void {
    for (let c = 0x41; c <= 0x5a; c++) {
      if (this.ascii[c] || this.ascii[c + 32]) {
        this.ascii[c] = 1;
        this.ascii[c + 32] = 1;
      }
    }
  }

  /** A JS character class (no `u` flag) equal to this set on chars 0..0xFF. */
  toClassSource(): string {
    const bits = new Uint8Array(256);
    bits.set(this.ascii);
    if (this.high !== 'none') bits.fill(1, 0x80);
    const count = bits.reduce((n, b) => n + b, 0);
    if (count === 256) return '[\\s\\S]';
    if (count > 128) return `[^${ranges(bits, 0)}]`;
    return `[${ranges(bits, 1)}]`;
  }
}

/** The runs of `want` in `bits` as class ranges. */
function ranges(bits: Uint8Array, want: 0 | 1): string {
  let out = '';
  for (let c = 0; c < 256; c++) {
    if (bits[c] !== want) continue;
    let end = c;
    while (end + 1 < 256 && bits[end + 1] === want) end++;
    out += end === c ? classChar(c) : end === c + 1 ? classChar(c) + classChar(end) : `${classChar(c)}-${classChar(end)}`;
    c = end;
  }
  return out;
}

function classChar(c: number): string {
  if (c < 0x20 || c >= 0x7f) return `\\x${c.toString(16).padStart(2, '0')}`;
  const ch = String.fromCharCode(c);
  return '\\]^-['.includes(ch) ? `\\${ch}` : ch;
}
