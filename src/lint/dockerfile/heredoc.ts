/**
 * Heredocs of RUN/COPY/ADD (BuildKit semantics): every shell word of the logical line matching
 * `^(\d*)<<(-?)([^<]+)$` opens one; their bodies follow the instruction's last line in order, each
 * ending at a line equal to the delimiter (after stripping leading tabs for `<<-`). A quoted delimiter
 * (`<<"EOF"`, `<<'EOF'`, `<<E"O"F`) turns expansion off.
 */
import type { Dockerfile, Heredoc, ParseWarning, ShellSource, Span } from './ast.js';
import type { LineReader } from './lines.js';
import { type Mapped, SegMap, SourceText, spanOf } from './source.js';
import { unquote } from './words.js';
import { FileCache } from '../file-scope.js';

/** A heredoc marker found on a line, before its body is read. */
export interface HeredocMarker {
  readonly delimiter: string;
  readonly stripTabs: boolean;
  readonly quoted: boolean;
  readonly fd: number | undefined;
  readonly markerSpan: Span;
}

const BACKSLASH = 92;

/** Shell words of text[a, b) (quotes kept, `\` escapes), as [start, end) pairs. */
function shellWords(t: string, a: number, b: number): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  let i = a;
  while (i < b) {
    let c = t.charCodeAt(i);
    if (c === 32 || (c >= 9 && c <= 13)) {
      i++;
      continue;
    }
    const s = i;
    let quote = 0;
    while (i < b) {
      c = t.charCodeAt(i);
      if (quote === 0 && (c === 32 || (c >= 9 && c <= 13))) break;
      if (quote === 0 && (c === 39 || c === 34)) quote = c;
      else if (quote !== 0 && c === quote) quote = 0;
      else if (c === BACKSLASH && quote !== 39) i++;
      i++;
    }
    out.push([s, i > b ? b : i]);
  }
  return out;
}

/** True when `rest` holds a quote that is not escaped (BuildKit then does not expand the body). */
function hasQuote(rest: string): boolean {
  for (let i = 0; i < rest.length; i++) {
    const c = rest.charCodeAt(i);
    if (c === BACKSLASH) i++;
    else if (c === 39 || c === 34) return true;
  }
  return false;
}

/** The heredoc markers in text[a, b) of a logical line. */
export function findHeredocMarkers(m: Mapped, a: number, b: number): HeredocMarker[] {
  const t = m.text;
  if (t.indexOf('<<', a) < 0) return [];
  const out: HeredocMarker[] = [];
  for (const [s, e] of shellWords(t, a, b)) {
    let i = s;
    while (i < e && t.charCodeAt(i) >= 48 && t.charCodeAt(i) <= 57) i++;
    if (i + 1 >= e || t.charCodeAt(i) !== 60 || t.charCodeAt(i + 1) !== 60) continue;
    const fdText = t.slice(s, i);
    i += 2;
    const stripTabs = t.charCodeAt(i) === 45;
    if (stripTabs) i++;
    const rest = t.slice(i, e);
    if (rest === '' || rest.includes('<')) continue;
    const delimiter = unquote(rest, BACKSLASH);
    if (delimiter === '') continue;
    out.push({
      delimiter,
      stripTabs,
      quoted: hasQuote(rest),
      fd: fdText === '' ? undefined : Number(fdText),
      markerSpan: spanOf(m, s, e),
    });
  }
  return out;
}

/** Reads the body of `marker` from the reader's next line on; an unterminated body runs to the end of the file. */
export function readHeredocBody(reader: LineReader, marker: HeredocMarker, warnings: ParseWarning[]): { heredoc: Heredoc; end: number } {
  const { src } = reader;
  const t = src.text;
  const first = reader.next;
  const name = marker.delimiter;
  let term = -1;
  for (let li = first; li < src.lineCount; li++) {
    const e = src.ends[li] as number;
    let p = src.starts[li] as number;
    if (marker.stripTabs) while (p < e && t.charCodeAt(p) === 9) p++;
    if (e - p === name.length && t.startsWith(name, p)) {
      term = li;
      break;
    }
  }
  const stop = term < 0 ? src.lineCount : term;
  reader.next = term < 0 ? src.lineCount : term + 1;
  const bodyStart = first < src.lineCount ? (src.starts[first] as number) : t.length;
  const bodyEnd = stop < src.lineCount ? (src.starts[stop] as number) : t.length;
  let body = t.slice(bodyStart, bodyEnd);
  if (marker.stripTabs && body.includes('\t')) body = body.replace(/^\t+/gm, '');
  const bodySpan = stop > first ? src.span(bodyStart, src.ends[stop - 1] as number) : src.span(bodyStart, bodyStart);
  if (term < 0) warnings.push({ message: `unterminated heredoc <<${name}: its body runs to the end of the file`, span: marker.markerSpan });
  const end = term < 0 ? (stop > first ? (src.ends[stop - 1] as number) : bodyStart) : (src.ends[term] as number);
  return {
    heredoc: { delimiter: name, stripTabs: marker.stripTabs, quoted: marker.quoted, fd: marker.fd, body, bodySpan, markerSpan: marker.markerSpan },
    end,
  };
}

const SOURCES = new FileCache<Dockerfile, SourceText>();

/** Lets heredocSource reuse the line table built while parsing. */
export function rememberSource(doc: Dockerfile, src: SourceText): void {
  SOURCES.set(doc, src);
}

/**
 * The heredoc body as shell text (each line followed by `\n`, `\r` dropped, leading tabs stripped for
 * `<<-`), mapped back to the body lines in the file.
 */
export function heredocSource(doc: Dockerfile, heredoc: Heredoc): ShellSource {
  let src = SOURCES.get(doc);
  if (src === undefined) {
    src = new SourceText(doc.text);
    SOURCES.set(doc, src);
  }
  const map = new SegMap();
  const parts: string[] = [];
  const { start, end } = heredoc.bodySpan;
  if (heredoc.body !== '' && end.offset >= start.offset) {
    const t = src.text;
    const last = src.lineIndexOf(end.offset);
    for (let li = src.lineIndexOf(start.offset); li <= last; li++) {
      const e = src.ends[li] as number;
      let p = src.starts[li] as number;
      if (heredoc.stripTabs) while (p < e && t.charCodeAt(p) === 9) p++;
      parts.push(t.slice(p, e), '\n');
      map.add(p, e - p + 1);
    }
  }
  const text = parts.join('');
  const mapped: Mapped = { text, map, src };
  const s = src;
  return {
    text,
    toFile(index: number) {
      if (text.length === 0) return start;
      if (index >= text.length) return s.pos(mapped.map.offset(text.length - 1));
      return s.pos(mapped.map.offset(index < 0 ? 0 : index));
    },
  };
}
