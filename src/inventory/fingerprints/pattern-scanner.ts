/**
 * Runs regular expressions over a stream of chunks read as latin1 text, for version strings that
 * have no literal neighbour to anchor on (e.g. Redis: a bare `7.0.15` NUL-terminated string). Only
 * the last `maxLength + 1` characters of the previous window are carried over, so memory stays
 * bounded; a match that straddles chunks is seen in the next window, and only matches that reach
 * the new chunk count (so none is cut short at its start, and hardly any is reported twice).
 *
 * Patterns must be bounded (every quantifier has an upper limit, at most `maxLength` characters
 * per match, looking at most one character behind or ahead) and self-delimiting (ending in, or
 * looking ahead at, a delimiter such as `\x00`), so that a window cut short at its end never
 * produces a shorter, wrong match. Callers collect distinct values.
 */

export interface TextPattern {
  regex: RegExp;
  /** Longest possible match, in characters. */
  maxLength: number;
  /** Stop after this many matches. */
  maxHits: number;
}

export type MatchHandler = (pattern: number, match: RegExpExecArray) => void;

export class PatternScanner {
  private carry = '';
  private readonly keep: number;
  private readonly hits: number[];

  private readonly patterns: readonly TextPattern[];

  constructor(
    patterns: readonly TextPattern[],
    private readonly onMatch: MatchHandler,
  ) {
    // private copies: a RegExp's lastIndex is state, and rule tables are shared
    this.patterns = patterns.map((p) => ({ ...p, regex: new RegExp(p.regex.source, p.regex.flags.includes('g') ? p.regex.flags : `${p.regex.flags}g`) }));
    this.keep = Math.max(0, ...patterns.map((p) => p.maxLength + 1));
    this.hits = patterns.map(() => 0);
  }

  push(chunk: Buffer): void {
    if (chunk.length === 0) return;
    const text = this.carry + chunk.toString('latin1');
    this.scan(text, this.carry.length);
    this.carry = text.length > this.keep ? text.slice(text.length - this.keep) : text;
  }

  end(): void {
    this.carry = '';
  }

  /**
   * Matches that reach the new chunk (`carried` is where it starts in `text`): one ending earlier,
   * with its one character of look-ahead, was complete in the last window.
   */
  private scan(text: string, carried: number): void {
    for (let i = 0; i < this.patterns.length; i++) {
      const p = this.patterns[i] as TextPattern;
      p.regex.lastIndex = Math.max(0, carried - p.maxLength - 1);
      let m: RegExpExecArray | null;
      while ((this.hits[i] as number) < p.maxHits && (m = p.regex.exec(text)) !== null) {
        if (m[0].length === 0) p.regex.lastIndex++;
        if (m.index + m[0].length < carried) continue;
        this.hits[i] = (this.hits[i] as number) + 1;
        this.onMatch(i, m);
      }
    }
  }
}
