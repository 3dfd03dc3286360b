/**
 * Words of the parseShell fast path (simple-lexer.ts): where a word ends, its literal value, and whether
 * tree-sitter-bash would read it as a plain command name. A word is unquoted text, `'...'`, `"..."`
 * without escapes or backquotes, and `$name` / `${name}` expansions; anything else is refused (−1).
 */

/** Character classes of ASCII codes (anything else is a word character). */
const REFUSE = 0;
const WORD = 1;
export const BLANK = 2;
export const NEWLINE = 3;
export const OPERATOR = 4;
const SINGLE = 5;
const DOUBLE = 6;
const DOLLAR = 7;

const CLASS = new Uint8Array(128);
for (let c = 33; c < 127; c++) CLASS[c] = WORD;
CLASS[32] = BLANK;
CLASS[9] = BLANK;
CLASS[10] = NEWLINE;
for (const ch of '&|;') CLASS[ch.charCodeAt(0)] = OPERATOR;
CLASS[39] = SINGLE;
CLASS[34] = DOUBLE;
CLASS[36] = DOLLAR;
// escapes, backquotes, redirects, grouping, brace/bracket syntax
for (const ch of '`\\<>(){}[]') CLASS[ch.charCodeAt(0)] = REFUSE;

export function classOf(c: number): number {
  return c < 128 ? (CLASS[c] as number) : WORD;
}

/** Inside `"..."`: plain string content (`$` is handled apart; control characters other than tab and newline refused). */
const IN_DOUBLE = new Uint8Array(128);
for (let c = 32; c < 127; c++) IN_DOUBLE[c] = 1;
IN_DOUBLE[9] = 1;
IN_DOUBLE[10] = 1;
for (const ch of '$`\\"') IN_DOUBLE[ch.charCodeAt(0)] = 0;

/** Words tree-sitter-bash (or the shell) reads as syntax in command position. */
export const RESERVED: ReadonlySet<string> = new Set([
  'if', 'then', 'else', 'elif', 'fi', 'for', 'while', 'until', 'do', 'done', 'case', 'esac', 'function', 'select', 'time',
  'coproc', 'in', '{', '}', '!', '[', '[[', ']]', 'export', 'local', 'declare', 'typeset', 'readonly', 'unset', 'unsetenv',
]);

const isAlpha = (c: number): boolean => (c >= 97 && c <= 122) || (c >= 65 && c <= 90);
const isDigit = (c: number): boolean => c >= 48 && c <= 57;
export const isNameChar = (c: number): boolean => isAlpha(c) || isDigit(c) || c === 95;

/** `$name` or `${name}` at `i` (names start with a letter): the index after it, or −1. */
function expansionEnd(text: string, i: number): number {
  let k = i + 1;
  const braced = text.charCodeAt(k) === 123;
  if (braced) k++;
  if (!isAlpha(text.charCodeAt(k))) return -1;
  while (isNameChar(text.charCodeAt(k))) k++;
  if (braced) return text.charCodeAt(k) === 125 ? k + 1 : -1;
  // tree-sitter's `\w` may take a non-ASCII letter into the name
  return text.charCodeAt(k) >= 128 ? -1 : k;
}

/** Index of the `'` closing a single-quoted string whose content starts at `i`, or −1. */
function singleEnd(text: string, i: number): number {
  const close = text.indexOf("'", i);
  for (let k = i; k < close; k++) {
    const c = text.charCodeAt(k);
    if ((c < 32 && c !== 9 && c !== 10) || c === 127) return -1;
  }
  return close;
}

/** Index of the `"` closing a double-quoted string whose content starts at `i`, or −1. */
function doubleEnd(text: string, i: number): number {
  const n = text.length;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === 34) return i;
    if (c === 36) {
      i = expansionEnd(text, i);
      if (i < 0) return -1;
    } else if (c < 128 && IN_DOUBLE[c] === 0) return -1;
    else i++;
  }
  return -1;
}

/**
 * End of the word starting at `start` (a word character, quote or `$`), or −1 to refuse. A word is a
 * sequence of pieces: unquoted runs, quoted strings and expansions.
 */
export function wordEnd(text: string, start: number): number {
  const n = text.length;
  let i = start;
  let pieces = 0;
  let lastExpansion = -1; // piece index of the last expansion
  while (i < n) {
    const c = text.charCodeAt(i);
    const cls = c < 128 ? (CLASS[c] as number) : WORD;
    if (cls === BLANK || cls === NEWLINE || cls === OPERATOR) break;
    // tree-sitter-bash ends the word after the `$` of an expansion that is a third or later piece
    // and is followed by more (`'a'b$c/d` reads as `'a'b$` and `c/d`)
    if (lastExpansion >= 2 && lastExpansion === pieces - 1) return -1;
    if (cls === WORD) {
      // `!` starts a negation, `==`/`=~` a test operator tree-sitter drops after a command name
      if (i === start && (c === 33 || (c === 61 && (text.charCodeAt(i + 1) === 61 || text.charCodeAt(i + 1) === 126)))) return -1;
      if (c === 35) return -1; // `#` starts a comment (and tree-sitter's unquoted pieces cannot start with it)
      i = unquotedEnd(text, i + 1);
    } else if (cls === SINGLE) i = singleEnd(text, i + 1) + 1;
    else if (cls === DOUBLE) i = doubleEnd(text, i + 1) + 1;
    else if (cls === DOLLAR) {
      i = expansionEnd(text, i);
      lastExpansion = pieces;
    } else return -1;
    if (i <= 0) return -1;
    pieces++;
  }
  return i;
}

/** End of an unquoted run continuing at `i`, or −1. */
function unquotedEnd(text: string, i: number): number {
  const n = text.length;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c < 128 && CLASS[c] !== WORD) break;
    // `10#` starts one of tree-sitter-bash's based numbers (`10#ff`, `16#$x`)
    if (c === 35 && isDigit(text.charCodeAt(i - 1))) return -1;
    i++;
  }
  return i;
}

/** The literal value of a word `wordEnd` accepted: quotes removed; undefined when it expands a variable. */
export function wordValue(raw: string): string | undefined {
  let out = '';
  let from = 0;
  for (let i = 0; i < raw.length; i++) {
    const c = raw.charCodeAt(i);
    if (c === 36) return undefined;
    if (c !== 39 && c !== 34) continue;
    const close = raw.indexOf(c === 39 ? "'" : '"', i + 1);
    if (c === 34 && raw.lastIndexOf('$', close) > i) return undefined;
    out += raw.slice(from, i) + raw.slice(i + 1, close);
    i = close;
    from = close + 1;
  }
  return from === 0 ? raw : out + raw.slice(from);
}

/**
 * Whether a command's first word is read by tree-sitter-bash as a plain command name. Refused: reserved
 * words, also when a quote or `$` follows them (`if"x"` lexes as `if`); anything that could start an assignment
 * (`=`); characters after which its scanner may take a leading identifier for a variable name
 * (`user@host`, `a:b`, `a%b`, `a?b`, `a#b`); globs and a leading `-`, `_` or `0`, which it may take for an
 * extglob pattern.
 */
export function plainName(raw: string): boolean {
  const c0 = raw.charCodeAt(0);
  if (c0 === 45 || c0 === 95 || c0 === 48) return false;
  let lead = -1; // length of the text before the first quote or `$`
  for (let k = 0; k < raw.length; k++) {
    const c = raw.charCodeAt(k);
    if (c < 128 && NOT_IN_NAME[c] === 1) return false;
    if (lead < 0 && (c === 39 || c === 34 || c === 36)) lead = k;
  }
  return !RESERVED.has(lead < 0 ? raw : raw.slice(0, lead));
}

/** Characters refused anywhere in a command name (see plainName). */
const NOT_IN_NAME = new Uint8Array(128);
for (const ch of '=@%?*:#') NOT_IN_NAME[ch.charCodeAt(0)] = 1;
