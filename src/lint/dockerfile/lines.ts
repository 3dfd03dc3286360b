/**
 * Logical lines, the way BuildKit's parser reads them: the first physical line is left-trimmed; `#`
 * lines are comments; a line whose last non-blank character is the escape character (not itself
 * escaped) continues on the next line, the escape and trailing blanks removed and the pieces
 * concatenated without a separator; comment lines and blank lines inside a continuation are skipped.
 * Parser directives are recognised here too because they can change the escape character.
 */
import type { Comment, Directive, ParseWarning } from './ast.js';
import { matchDirective } from './directives.js';
import { type Mapped, SegMap, type SourceText } from './source.js';

export interface LogicalLine extends Mapped {
  /** 0-based index of the first and the last physical line that contributed text. */
  readonly firstLine: number;
  readonly lastLine: number;
}

export interface LineSink {
  readonly directives: Directive[];
  readonly comments: Comment[];
  readonly warnings: ParseWarning[];
}

/** Go's unicode.IsSpace. */
export function isUnicodeSpace(c: number): boolean {
  if (c <= 0xff) return c === 32 || (c >= 9 && c <= 13) || c === 0x85 || c === 0xa0;
  return c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000;
}

const BACKSLASH = 92;
const BACKTICK = 96;

export class LineReader {
  /** Index of the next physical line to read (heredoc bodies advance it too). */
  next = 0;
  /** Char code of the escape character in effect. */
  escape = BACKSLASH;
  private directivesDone = false;
  private readonly seen = new Set<string>();

  constructor(
    readonly src: SourceText,
    private readonly sink: LineSink,
  ) {}

  /** The next logical line, or undefined at end of file. */
  readLogical(): LogicalLine | undefined {
    const { src } = this;
    const text = src.text;
    while (this.next < src.lineCount) {
      const li = this.next++;
      const e = src.ends[li] as number;
      let p = src.starts[li] as number;
      while (p < e && isUnicodeSpace(text.charCodeAt(p))) p++;
      if (!this.directivesDone) this.directive(p, e);
      if (p < e && text.charCodeAt(p) === 35) {
        this.comment(p, e);
        continue;
      }
      const map = new SegMap();
      const parts: string[] = [];
      let cont = this.piece(p, e, map, parts);
      let last = li;
      while (cont && this.next < src.lineCount) {
        const lj = this.next++;
        const s2 = src.starts[lj] as number;
        const e2 = src.ends[lj] as number;
        let q = s2;
        while (q < e2 && isUnicodeSpace(text.charCodeAt(q))) q++;
        if (q < e2 && text.charCodeAt(q) === 35) {
          this.comment(q, e2);
          continue;
        }
        if (q === e2) continue; // empty continuation line
        cont = this.piece(s2, e2, map, parts);
        last = lj;
      }
      const joined = parts.length === 1 ? (parts[0] as string) : parts.join('');
      if (!hasNonSpace(joined)) continue;
      return { text: joined, map, src, firstLine: li, lastLine: last };
    }
    return undefined;
  }

  /** Appends line text [s, e) minus a trailing continuation; true when the line continues. */
  private piece(s: number, e: number, map: SegMap, parts: string[]): boolean {
    const text = this.src.text;
    let t = e - 1;
    while (t >= s && (text.charCodeAt(t) === 32 || text.charCodeAt(t) === 9)) t--;
    const cont = t >= s && text.charCodeAt(t) === this.escape && (t === s || text.charCodeAt(t - 1) !== this.escape);
    const end = cont ? t : e;
    if (end > s) {
      parts.push(text.slice(s, end));
      map.add(s, end - s);
    }
    return cont;
  }

  private comment(p: number, e: number): void {
    this.sink.comments.push({ text: this.src.text.slice(p + 1, e), span: this.src.span(p, e) });
  }

  private directive(p: number, e: number): void {
    const m = matchDirective(this.src.text, p, e);
    if (m === undefined) {
      this.directivesDone = true;
      return;
    }
    const span = this.src.span(p, e);
    if (this.seen.has(m.name)) {
      this.sink.warnings.push({ message: `only one ${m.name} parser directive can be used`, span });
      return;
    }
    this.seen.add(m.name);
    if (m.name === 'escape') {
      if (m.value === '\\' || m.value === '`') this.escape = m.value === '`' ? BACKTICK : BACKSLASH;
      else this.sink.warnings.push({ message: `invalid escape token '${m.value}' does not match \` or \\`, span });
    }
    this.sink.directives.push({ name: m.name, value: m.value, span });
  }
}

function hasNonSpace(s: string): boolean {
  for (let i = 0; i < s.length; i++) if (!isUnicodeSpace(s.charCodeAt(i))) return true;
  return false;
}
