/**
 * The lexical pieces of Go RE2 syntax for re2.ts, as pure functions over (pattern, position): escapes,
 * repeat counts, POSIX and Unicode classes. Each returns what it read and how many chars it took, or
 * `{ error }`, or undefined when the text there is not that construct.
 */
import { CharSet } from './charset.js';

export type Lexed<T> = { readonly value: T; readonly length: number } | { readonly error: string };

const MAX_REPEAT = 1000;
const SIMPLE_ESCAPES: Readonly<Record<string, number>> = { a: 7, f: 12, t: 9, n: 10, r: 13, v: 11 };

/** `*`, `+`, `?` or a valid `{n}`, `{n,}`, `{n,m}` at `pos` (Go reads any other `{` as a literal). */
export function quantifierAt(src: string, pos: number): Lexed<string> | undefined {
  const c = src[pos];
  if (c === '*' || c === '+' || c === '?') return { value: c, length: 1 };
  if (c !== '{') return undefined;
  const m = /^\{(\d+)(,(\d*))?\}/.exec(src.slice(pos));
  if (!m) return undefined;
  const min = Number(m[1]);
  const max = m[3] === undefined || m[3] === '' ? undefined : Number(m[3]);
  if (min > MAX_REPEAT || (max !== undefined && (max > MAX_REPEAT || max < min))) return { error: `invalid repeat count ${m[0]}` };
  return { value: m[0], length: m[0].length };
}

/** A single-char escape at `pos` (the backslash): `\n`, `\x41`, `\x{263a}`, `\012`, `\.` … → its code point. */
export function charEscapeAt(src: string, pos: number): Lexed<number> {
  const rest = src.slice(pos + 1);
  const c = rest[0] ?? '';
  const known = SIMPLE_ESCAPES[c];
  if (known !== undefined) return { value: known, length: 2 };
  const hexm = /^x(?:([0-9a-fA-F]{2})|\{([0-9a-fA-F]{1,6})\})/.exec(rest);
  if (hexm) {
    const cp = parseInt(hexm[1] ?? hexm[2] ?? '', 16);
    return cp > 0x10ffff ? { error: 'code point out of range' } : { value: cp, length: 1 + hexm[0].length };
  }
  const oct = /^(0[0-7]{0,2}|[1-7][0-7]{1,2})/.exec(rest);
  if (oct) return { value: parseInt(oct[0], 8), length: 1 + oct[0].length };
  if (/^[1-9]/.test(rest)) return { error: 'back-references are not supported by RE2' };
  if (c !== '' && /[!-/:-@[-`{-~]/.test(c)) return { value: c.charCodeAt(0), length: 2 };
  if (c === 'Z') return { error: '\\Z is not supported by RE2 (use \\z)' };
  if (c === 'C') return { error: '\\C is not supported' };
  return { error: c === '' ? 'trailing backslash' : `invalid escape \\${c}` };
}

/** `\d \w \s` and their negations at `pos`, as sets (Go's ASCII meanings). */
export function perlClassAt(src: string, pos: number): Lexed<CharSet> | undefined {
  if (src[pos] !== '\\') return undefined;
  const c = src[pos + 1] ?? '';
  const base = c === 'd' || c === 'D' ? CharSet.digit() : c === 'w' || c === 'W' ? CharSet.word() : c === 's' || c === 'S' ? CharSet.goSpace() : undefined;
  if (base === undefined) return undefined;
  return { value: c === c.toUpperCase() ? base.complement() : base, length: 2 };
}

/** `\pL`, `\p{N}`, `\PL`, `\p{^L}` at `pos`: approximated over bytes (ASCII exact, every byte ≥ 0x80 for the rest). */
export function unicodeClassAt(src: string, pos: number): Lexed<CharSet> | undefined {
  const c = src[pos + 1];
  if (src[pos] !== '\\' || (c !== 'p' && c !== 'P')) return undefined;
  const m = /^\\[pP](\{\^?([A-Za-z_]+)\}|([A-Za-z]))/.exec(src.slice(pos));
  if (!m) return { error: 'invalid Unicode class escape' };
  const name = m[2] ?? m[3] ?? '';
  const set = unicodeClass(name);
  if (set === undefined) return { error: `Unicode class \\p{${name}} is not supported` };
  const negate = (c === 'P') !== (m[1]?.startsWith('{^') ?? false);
  return { value: negate ? set.complement() : set, length: m[0].length };
}

/** `[:alpha:]`, `[:^digit:]` … at `pos` inside a class. */
export function posixClassAt(src: string, pos: number): Lexed<CharSet> | undefined {
  const m = /^\[:(\^?)([a-z]+):\]/.exec(src.slice(pos));
  if (!m) return undefined;
  const set = CharSet.posix(m[2] ?? '');
  if (set === undefined) return { error: `unknown POSIX class [:${m[2]}:]` };
  return { value: m[1] === '^' ? set.complement() : set, length: m[0].length };
}

function unicodeClass(name: string): CharSet | undefined {
  switch (name) {
    case 'L':
      return CharSet.fromRanges([[0x41, 0x5a], [0x61, 0x7a], [0x80, 0xff]]);
    case 'Lu':
      return CharSet.fromRanges([[0x41, 0x5a], [0x80, 0xff]]);
    case 'Ll':
      return CharSet.fromRanges([[0x61, 0x7a], [0x80, 0xff]]);
    case 'N':
    case 'Nd':
      return CharSet.fromRanges([[0x30, 0x39], [0x80, 0xff]]);
    default:
      return undefined;
  }
}

const JS_SPECIAL = new Set('\\^$.|?*+()[]{}/');

export function hexEscape(b: number): string {
  return `\\x${b.toString(16).padStart(2, '0')}`;
}

/** An ASCII code point as a JS literal (escaped where JS would read it as syntax). */
export function escapeLiteral(cp: number): string {
  const ch = String.fromCharCode(cp);
  if (JS_SPECIAL.has(ch)) return `\\${ch}`;
  if (cp < 0x20 || cp === 0x7f) return hexEscape(cp);
  return ch;
}
