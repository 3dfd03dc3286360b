/**
 * Splitting instruction arguments into words, as BuildKit does: either on whitespace runs only
 * (FROM, COPY/ADD shell form, EXPOSE, VOLUME) or quote- and escape-aware (ENV, LABEL, ARG), plus the
 * quote removal its shell lexer applies to each word (without variable expansion).
 */
import type { Text } from './ast.js';
import { isUnicodeSpace } from './lines.js';
import { type Mapped, spanOf } from './source.js';

/** A word as [start, end) indices into a joined line. */
export interface WordRange {
  readonly start: number;
  readonly end: number;
}

/** `[\t\v\f\r ]`: BuildKit's reWhitespace. */
export function isWs(c: number): boolean {
  return c === 32 || c === 9 || c === 11 || c === 12 || c === 13;
}

/** Whitespace-delimited words of text[a, b). */
export function splitWhitespace(text: string, a: number, b: number): WordRange[] {
  const out: WordRange[] = [];
  let i = a;
  while (i < b) {
    while (i < b && isWs(text.charCodeAt(i))) i++;
    if (i >= b) break;
    const s = i;
    while (i < b && !isWs(text.charCodeAt(i))) i++;
    out.push({ start: s, end: i });
  }
  return out;
}

/** Quote- and escape-aware words of text[a, b) (BuildKit's parseWords: quotes stay in the word). */
export function splitWords(text: string, a: number, b: number, escape: number): WordRange[] {
  const out: WordRange[] = [];
  let i = a;
  while (i < b) {
    while (i < b && isUnicodeSpace(text.charCodeAt(i))) i++;
    if (i >= b) break;
    const s = i;
    let quote = 0;
    while (i < b) {
      const c = text.charCodeAt(i);
      if (quote === 0) {
        if (isUnicodeSpace(c)) break;
        if (c === 39 || c === 34) quote = c;
        else if (c === escape) i++;
      } else if (c === quote) {
        quote = 0;
      } else if (c === escape && quote !== 39) {
        i++;
      }
      i++;
    }
    if (i > b) i = b;
    out.push({ start: s, end: i });
  }
  return out;
}

function needsUnquote(raw: string, escape: number): boolean {
  for (let i = 0; i < raw.length; i++) {
    const c = raw.charCodeAt(i);
    if (c === 39 || c === 34 || c === escape) return true;
  }
  return false;
}

/** Quote removal and escapes of BuildKit's word lexer, without variable expansion. */
export function unquote(raw: string, escape: number): string {
  if (!needsUnquote(raw, escape)) return raw;
  const out: string[] = [];
  const n = raw.length;
  let i = 0;
  while (i < n) {
    const c = raw.charCodeAt(i);
    if (c === 39) {
      const j = raw.indexOf("'", i + 1);
      const stop = j < 0 ? n : j;
      out.push(raw.slice(i + 1, stop));
      i = stop + 1;
    } else if (c === 34) {
      i = unquoteDouble(raw, i + 1, escape, out);
    } else if (c === escape) {
      if (i + 1 < n) out.push(raw[i + 1] as string);
      i += 2;
    } else {
      let j = i + 1;
      while (j < n) {
        const d = raw.charCodeAt(j);
        if (d === 39 || d === 34 || d === escape) break;
        j++;
      }
      out.push(raw.slice(i, j));
      i = j;
    }
  }
  return out.join('');
}

/** Inside "…" starting at i: escape only before `"`, `$` or the escape; returns the index after the closing quote. */
function unquoteDouble(raw: string, i: number, escape: number, out: string[]): number {
  const n = raw.length;
  let s = i;
  while (i < n) {
    const c = raw.charCodeAt(i);
    if (c === 34) break;
    if (c === escape && i + 1 < n) {
      const d = raw.charCodeAt(i + 1);
      if (d === 34 || d === 36 || d === escape) {
        out.push(raw.slice(s, i));
        s = i + 1;
        i += 2;
        continue;
      }
    }
    i++;
  }
  out.push(raw.slice(s, i));
  return i + 1;
}

/** A Text for text[a, b) of a mapped line, its value unquoted. */
export function textOf(m: Mapped, a: number, b: number, escape: number): Text {
  const raw = m.text.slice(a, b);
  return { raw, value: unquote(raw, escape), span: spanOf(m, a, b) };
}

/** A Text whose value is given (already decoded). */
export function textWithValue(m: Mapped, a: number, b: number, value: string): Text {
  return { raw: m.text.slice(a, b), value, span: spanOf(m, a, b) };
}
