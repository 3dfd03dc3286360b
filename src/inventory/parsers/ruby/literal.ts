/**
 * The few Ruby literals a generated gemspec uses, read without evaluating anything: strings
 * (`"a"`, `'a'`, `%q{a}`, `%Q<a>`, each optionally `.freeze`), arrays of strings, and
 * `Gem::Version.new("1.2")`. Anything else is not a literal we read (undefined).
 */

export type RubyLiteral = string | string[];

export interface ReadLiteral {
  value: RubyLiteral;
  /** Index just past the literal (and its `.freeze`). */
  end: number;
}

const PERCENT_CLOSERS: Readonly<Record<string, string>> = { '{': '}', '<': '>', '(': ')', '[': ']' };
const ESCAPES: Readonly<Record<string, string>> = { n: '\n', t: '\t', r: '\r', s: ' ', '0': '\0', e: '\x1b' };
const MAX_ARRAY = 10_000;

const skipSpaces = (s: string, i: number): number => {
  while (i < s.length && (s[i] === ' ' || s[i] === '\t')) i++;
  return i;
};

/** Read one literal starting at `i` (leading blanks skipped). */
export function readRubyLiteral(s: string, i: number): ReadLiteral | undefined {
  i = skipSpaces(s, i);
  if (s[i] === '[') return readArray(s, i);
  if (s.startsWith('Gem::Version.new', i)) return readVersionNew(s, i + 'Gem::Version.new'.length);
  return readString(s, i);
}

/** Read a string literal at `i`, with an optional `.freeze` after it. */
export function readString(s: string, i: number): ReadLiteral | undefined {
  const c = s[i];
  let read: { value: string; end: number } | undefined;
  if (c === '"') read = readQuoted(s, i + 1, '"', true);
  else if (c === "'") read = readQuoted(s, i + 1, "'", false);
  else if (c === '%' && (s[i + 1] === 'q' || s[i + 1] === 'Q')) {
    const close = PERCENT_CLOSERS[s[i + 2] ?? ''];
    if (close !== undefined) read = readQuoted(s, i + 3, close, s[i + 1] === 'Q');
  }
  if (!read) return undefined;
  const end = s.startsWith('.freeze', read.end) ? read.end + '.freeze'.length : read.end;
  return { value: read.value, end };
}

function readQuoted(s: string, i: number, close: string, interpolating: boolean): { value: string; end: number } | undefined {
  let out = '';
  for (; i < s.length; i++) {
    const c = s[i] ?? '';
    if (c === close) return { value: out, end: i + 1 };
    if (c === '\n') return undefined;
    if (c === '\\' && i + 1 < s.length) {
      const next = s[++i] ?? '';
      out += interpolating ? (ESCAPES[next] ?? next) : next === close || next === '\\' ? next : `\\${next}`;
      continue;
    }
    // `#{...}` would be evaluated by Ruby: not a literal we can read
    if (interpolating && c === '#' && s[i + 1] === '{') return undefined;
    out += c;
  }
  return undefined;
}

function readArray(s: string, i: number): ReadLiteral | undefined {
  const values: string[] = [];
  i = skipSpaces(s, i + 1);
  if (s[i] === ']') return { value: values, end: i + 1 };
  while (i < s.length && values.length < MAX_ARRAY) {
    const item = readString(s, skipSpaces(s, i));
    if (!item || typeof item.value !== 'string') return undefined;
    values.push(item.value);
    i = skipSpaces(s, item.end);
    if (s[i] === ']') return { value: values, end: i + 1 };
    if (s[i] !== ',') return undefined;
    i++;
  }
  return undefined;
}

function readVersionNew(s: string, i: number): ReadLiteral | undefined {
  i = skipSpaces(s, i);
  const paren = s[i] === '(';
  const inner = readString(s, skipSpaces(s, paren ? i + 1 : i));
  if (!inner) return undefined;
  let end = skipSpaces(s, inner.end);
  if (paren) {
    if (s[end] !== ')') return undefined;
    end++;
  }
  return { value: inner.value, end };
}
