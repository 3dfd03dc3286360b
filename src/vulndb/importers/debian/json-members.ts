import { AppError } from '../../../core/errors.js';

/**
 * The members of a top-level JSON object, parsed one at a time. The tracker JSON is one object of
 * ~150 MB; `JSON.parse` of the whole keeps every record alive at once (over a gigabyte, most of the
 * time spent in the garbage collector). This scanner finds each member's bytes (string-aware brace
 * matching) and parses only that slice, so one source package's records are alive at a time.
 * Anything that is not `{ "key": value, ... }` is an AppError INPUT naming the document and offset;
 * a member value that does not parse is the caller's warning (`value` is an Error then).
 */

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;
const COMMA = 0x2c;
const COLON = 0x3a;

function isSpace(c: number | undefined): boolean {
  return c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;
}

class Scanner {
  pos = 0;
  constructor(
    readonly data: Uint8Array,
    readonly source: string,
  ) {
    if (data[0] === 0xef && data[1] === 0xbb && data[2] === 0xbf) this.pos = 3; // UTF-8 BOM
  }

  fail(what: string): never {
    throw new AppError('INPUT', `${this.source}: ${what} at byte ${this.pos}`);
  }

  skipSpace(): number | undefined {
    while (isSpace(this.data[this.pos])) this.pos++;
    return this.data[this.pos];
  }

  /** Position after the string starting at `pos` (which holds `"`). */
  endOfString(): number {
    let i = this.pos + 1;
    for (;;) {
      const c = this.data[i];
      if (c === undefined) this.fail('unterminated string');
      if (c === BACKSLASH) i += 2;
      else if (c === QUOTE) return i + 1;
      else i++;
    }
  }

  /** Position after the value starting at `pos`. */
  endOfValue(): number {
    let depth = 0;
    let i = this.pos;
    for (;;) {
      const c = this.data[i];
      if (c === undefined) {
        if (depth === 0) return i;
        this.fail('unexpected end of document');
      }
      if (c === QUOTE) {
        this.pos = i;
        i = this.endOfString();
        if (depth === 0) return i;
        continue;
      }
      if (c === OPEN_BRACE || c === OPEN_BRACKET) depth++;
      else if (c === CLOSE_BRACE || c === CLOSE_BRACKET) {
        if (depth === 0) return i;
        depth--;
        if (depth === 0) return i + 1;
      } else if (depth === 0 && (c === COMMA || isSpace(c))) return i;
      i++;
    }
  }
}

const decoder = new TextDecoder();

/** Every `[key, value]` of the top-level object, in document order. */
export function* topLevelMembers(data: Uint8Array, source: string): Generator<[string, unknown]> {
  const s = new Scanner(data, source);
  if (s.skipSpace() !== OPEN_BRACE) s.fail('expected a JSON object of source packages');
  s.pos++;
  if (s.skipSpace() === CLOSE_BRACE) {
    s.pos++;
  } else {
    for (;;) {
      if (s.skipSpace() !== QUOTE) s.fail('expected a member name');
      const keyEnd = s.endOfString();
      const key = JSON.parse(decoder.decode(data.subarray(s.pos, keyEnd))) as string;
      s.pos = keyEnd;
      if (s.skipSpace() !== COLON) s.fail('expected ":"');
      s.pos++;
      s.skipSpace();
      const start = s.pos;
      const end = s.endOfValue();
      let value: unknown;
      try {
        value = JSON.parse(decoder.decode(data.subarray(start, end)));
      } catch (err) {
        value = err instanceof Error ? err : new Error(String(err));
      }
      yield [key, value];
      s.pos = end;
      const next = s.skipSpace();
      s.pos++;
      if (next === CLOSE_BRACE) break;
      if (next !== COMMA) {
        s.pos--;
        s.fail('expected "," or "}"');
      }
    }
  }
  if (s.skipSpace() !== undefined) s.fail('unexpected data after the top-level object');
}
