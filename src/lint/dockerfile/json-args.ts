/**
 * JSON ("exec") form detection exactly like BuildKit: after leading blanks the arguments must start
 * with `[`, and Go's json.Decoder must read one array from there (anything after the closing `]` is
 * ignored, as the decoder never looks at it). An array of strings is the exec form; a valid array
 * holding anything else is an error in BuildKit; everything else is the shell form.
 */
import { isUnicodeSpace } from './lines.js';

export interface JsonString {
  /** [start, end) of the string literal, quotes included. */
  readonly start: number;
  readonly end: number;
  readonly value: string;
}

export type JsonArgs =
  | { readonly kind: 'strings'; readonly items: readonly JsonString[]; readonly end: number }
  | { readonly kind: 'nonstring' }
  | { readonly kind: 'invalid' };

const INVALID: JsonArgs = { kind: 'invalid' };
const NONSTRING: JsonArgs = { kind: 'nonstring' };
const MAX_DEPTH = 1000;

function skipWs(t: string, i: number, b: number): number {
  while (i < b) {
    const c = t.charCodeAt(i);
    if (c !== 32 && c !== 9 && c !== 10 && c !== 13) break;
    i++;
  }
  return i;
}

/** End of the string literal starting at the `"` at i, or -1. */
function scanString(t: string, i: number, b: number): number {
  i++;
  while (i < b) {
    const c = t.charCodeAt(i);
    if (c === 34) return i + 1;
    if (c < 0x20) return -1;
    if (c === 92) {
      const d = t.charCodeAt(i + 1);
      if (d === 117 /* u */) {
        for (let k = 2; k < 6; k++) if (!isHex(t.charCodeAt(i + k))) return -1;
        i += 6;
        continue;
      }
      if (d !== 34 && d !== 92 && d !== 47 && d !== 98 && d !== 102 && d !== 110 && d !== 114 && d !== 116) return -1;
      i += 2;
      continue;
    }
    i++;
  }
  return -1;
}

function isHex(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 70) || (c >= 97 && c <= 102);
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

function scanNumber(t: string, i: number, b: number): number {
  if (t.charCodeAt(i) === 45) i++;
  if (i >= b || !isDigit(t.charCodeAt(i))) return -1;
  if (t.charCodeAt(i) === 48) i++;
  else while (i < b && isDigit(t.charCodeAt(i))) i++;
  if (t.charCodeAt(i) === 46) {
    i++;
    if (!isDigit(t.charCodeAt(i))) return -1;
    while (i < b && isDigit(t.charCodeAt(i))) i++;
  }
  const e = t.charCodeAt(i);
  if (e === 101 || e === 69) {
    i++;
    const s = t.charCodeAt(i);
    if (s === 43 || s === 45) i++;
    if (!isDigit(t.charCodeAt(i))) return -1;
    while (i < b && isDigit(t.charCodeAt(i))) i++;
  }
  return i;
}

/** End of the JSON value at i (after leading blanks were skipped), or -1. */
function scanValue(t: string, i: number, b: number, depth: number): number {
  if (i >= b || depth > MAX_DEPTH) return -1;
  const c = t.charCodeAt(i);
  if (c === 34) return scanString(t, i, b);
  if (c === 91 || c === 123) return scanContainer(t, i, b, depth);
  if (c === 45 || isDigit(c)) return scanNumber(t, i, b);
  for (const lit of ['true', 'false', 'null']) if (t.startsWith(lit, i) && i + lit.length <= b) return i + lit.length;
  return -1;
}

function scanContainer(t: string, i: number, b: number, depth: number): number {
  const obj = t.charCodeAt(i) === 123;
  const close = obj ? 125 : 93;
  i = skipWs(t, i + 1, b);
  if (t.charCodeAt(i) === close && i < b) return i + 1;
  for (;;) {
    if (obj) {
      if (t.charCodeAt(i) !== 34) return -1;
      i = scanString(t, i, b);
      if (i < 0) return -1;
      i = skipWs(t, i, b);
      if (t.charCodeAt(i) !== 58 || i >= b) return -1;
      i = skipWs(t, i + 1, b);
    }
    i = scanValue(t, i, b, depth + 1);
    if (i < 0) return -1;
    i = skipWs(t, i, b);
    if (i >= b) return -1;
    const d = t.charCodeAt(i);
    if (d === close) return i + 1;
    if (d !== 44) return -1;
    i = skipWs(t, i + 1, b);
  }
}

/** Classifies text[a, b) (the arguments after the flags). */
export function parseJsonArgs(t: string, a: number, b: number): JsonArgs {
  let i = a;
  while (i < b && isUnicodeSpace(t.charCodeAt(i))) i++;
  if (i >= b || t.charCodeAt(i) !== 91) return INVALID;
  i = skipWs(t, i + 1, b);
  const items: JsonString[] = [];
  let strings = true;
  if (i < b && t.charCodeAt(i) === 93) return { kind: 'strings', items, end: i + 1 };
  for (;;) {
    const start = i;
    const end = scanValue(t, i, b, 1);
    if (end < 0) return INVALID;
    if (strings && t.charCodeAt(start) === 34) items.push({ start, end, value: JSON.parse(t.slice(start, end)) as string });
    else strings = false;
    i = skipWs(t, end, b);
    if (i >= b) return INVALID;
    const d = t.charCodeAt(i);
    if (d === 93) return strings ? { kind: 'strings', items, end: i + 1 } : NONSTRING;
    if (d !== 44) return INVALID;
    i = skipWs(t, i + 1, b);
  }
}
