/**
 * Quote removal for shell words, as POSIX sh / bash define it. Pure string functions: the parser uses
 * them on the pieces tree-sitter hands it, and `decodeWord` re-reads a whole word with a position map
 * (used to parse `sh -c '...'` bodies with spans that point into the quoted string).
 */

/** An unquoted piece: `\x` → `x`, backslash-newline removed. */
export function unescapeUnquoted(s: string): string {
  if (!s.includes('\\')) return s;
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const ch = s[i];
    if (ch === '\\' && i + 1 < s.length) {
      i++;
      if (s[i] !== '\n') out += s[i];
    } else out += ch;
  }
  return out;
}

/** The inside of `"..."`: a backslash escapes only `$`, `` ` ``, `"`, `\` and newline. */
export function unescapeDouble(s: string): string {
  if (!s.includes('\\')) return s;
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const ch = s[i];
    const next = s[i + 1];
    if (ch === '\\' && next !== undefined && '$`"\\\n'.includes(next)) {
      i++;
      if (next !== '\n') out += next;
    } else out += ch;
  }
  return out;
}

const SIMPLE_ESCAPES: Readonly<Record<string, string>> = {
  a: '\x07', b: '\b', e: '\x1b', E: '\x1b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v',
  '\\': '\\', "'": "'", '"': '"', '?': '?',
};

/** One escape of `$'...'` starting at `s[i] === '\\'`: the decoded text and the index after it. */
function ansiEscape(s: string, i: number): [string, number] {
  const c = s[i + 1];
  if (c === undefined) return ['\\', i + 1];
  const simple = SIMPLE_ESCAPES[c];
  if (simple !== undefined) return [simple, i + 2];
  const radix = (re: RegExp, base: number, from: number): [string, number] | undefined => {
    const m = re.exec(s.slice(from));
    if (!m) return undefined;
    const code = Number.parseInt(m[0], base);
    return [code <= 0x10ffff ? String.fromCodePoint(code) : '', from + m[0].length];
  };
  if (c >= '0' && c <= '7') return radix(/^[0-7]{1,3}/, 8, i + 1) ?? ['\\', i + 1];
  if (c === 'x') return radix(/^[0-9a-fA-F]{1,2}/, 16, i + 2) ?? ['\\x', i + 2];
  if (c === 'u') return radix(/^[0-9a-fA-F]{1,4}/, 16, i + 2) ?? ['\\u', i + 2];
  if (c === 'U') return radix(/^[0-9a-fA-F]{1,8}/, 16, i + 2) ?? ['\\U', i + 2];
  if (c === 'c' && i + 2 < s.length) return [String.fromCharCode(s.charCodeAt(i + 2) & 0x1f), i + 3];
  return ['\\' + c, i + 2];
}

/** The inside of `$'...'` (bash ANSI-C quoting). */
export function decodeAnsiC(s: string): string {
  if (!s.includes('\\')) return s;
  let out = '';
  let i = 0;
  while (i < s.length) {
    if (s[i] === '\\') {
      const [text, next] = ansiEscape(s, i);
      out += text;
      i = next;
    } else out += s[i++];
  }
  return out;
}

/**
 * A word's literal value with, for every output character, its index in `raw` (`map[value.length]`
 * is just past the last character). Undefined when the word has an expansion (`$x`, `${..}`, `$(..)`, backquotes) or an
 * unterminated quote.
 */
export function decodeWord(raw: string): { value: string; map: number[] } | undefined {
  let value = '';
  const map: number[] = [];
  let last = 0; // just past the raw text of the last character (its closing quote excluded)
  const put = (text: string, at: number): void => {
    for (let k = 0; k < text.length; k++) map.push(at);
    value += text;
    last = at + 1;
  };
  let i = 0;
  while (i < raw.length) {
    const ch = raw[i] as string;
    if (ch === "'") {
      const end = raw.indexOf("'", i + 1);
      if (end < 0) return undefined;
      for (let k = i + 1; k < end; k++) put(raw[k] as string, k);
      i = end + 1;
    } else if (ch === '"') {
      const end = decodeDoubleInto(raw, i + 1, put);
      if (end < 0) return undefined;
      i = end + 1;
    } else if (ch === '$' && raw[i + 1] === "'") {
      const end = decodeAnsiInto(raw, i + 2, put);
      if (end < 0) return undefined;
      i = end + 1;
    } else if (ch === '$' || ch === '`') {
      return undefined;
    } else if (ch === '\\' && i + 1 < raw.length) {
      if (raw[i + 1] !== '\n') put(raw[i + 1] as string, i + 1);
      i += 2;
    } else {
      put(ch, i);
      i++;
    }
  }
  map.push(last);
  return { value, map };
}

/** Decodes `"..."` content from `i`; returns the index of the closing quote, or −1. */
function decodeDoubleInto(raw: string, i: number, put: (text: string, at: number) => void): number {
  while (i < raw.length) {
    const ch = raw[i] as string;
    if (ch === '"') return i;
    if (ch === '$' || ch === '`') return -1;
    const next = raw[i + 1];
    if (ch === '\\' && next !== undefined && '$`"\\\n'.includes(next)) {
      if (next !== '\n') put(next, i + 1);
      i += 2;
    } else {
      put(ch, i);
      i++;
    }
  }
  return -1;
}

/** Decodes `$'...'` content from `i`; returns the index of the closing quote, or −1. */
function decodeAnsiInto(raw: string, i: number, put: (text: string, at: number) => void): number {
  while (i < raw.length) {
    if (raw[i] === "'") return i;
    if (raw[i] === '\\') {
      const [text, next] = ansiEscape(raw, i);
      put(text, i);
      i = next;
    } else {
      put(raw[i] as string, i);
      i++;
    }
  }
  return -1;
}
