/**
 * Translates the Go (RE2) regular expressions that moby's pattern compiler builds into JavaScript
 * RegExps (`v` flag) with the same meaning. Only what that compiler can emit is accepted: its own
 * scaffolding (anchors, the any-depth group, `.*`, `[^/]`, `[^/]*`), literal runes, a raw `^`/`]` from the pattern, Go escapes
 * (`\*`, `\d`, `\pL`, `\x41`, `\Q…\E`, `\A`, `\z`, `\b`, …) and Go character classes including POSIX
 * `[:alpha:]` names. Differences from JS handled here: Go's `.` excludes only `\n`, `\s` is
 * `[\t\n\f\r ]`, `-` is literal anywhere in a class, and an unknown escape is an error.
 * Throws Error (the build would fail with "syntax error in pattern") for what Go rejects.
 */

const POSIX: Record<string, string> = {
  alnum: '0-9A-Za-z',
  alpha: 'A-Za-z',
  ascii: '\\u{0}-\\u{7f}',
  blank: '\\t ',
  cntrl: '\\u{0}-\\u{1f}\\u{7f}',
  digit: '0-9',
  graph: '\\u{21}-\\u{7e}',
  lower: 'a-z',
  print: '\\u{20}-\\u{7e}',
  punct: '\\u{21}-\\u{2f}\\u{3a}-\\u{40}\\u{5b}-\\u{60}\\u{7b}-\\u{7e}',
  space: '\\t\\n\\v\\f\\r ',
  upper: 'A-Z',
  word: '0-9A-Za-z_',
  xdigit: '0-9A-Fa-f',
};
const PERL: Record<string, string> = { d: '[0-9]', D: '[^0-9]', s: '[\\t\\n\\f\\r ]', S: '[^\\t\\n\\f\\r ]', w: '[0-9A-Za-z_]', W: '[^0-9A-Za-z_]' };
const CONTROL: Record<string, number> = { a: 7, f: 12, t: 9, n: 10, r: 13, v: 11 };

class Reader {
  pos = 0;
  constructor(readonly cps: readonly string[]) {}
  peek(offset = 0): string | undefined {
    return this.cps[this.pos + offset];
  }
  next(): string | undefined {
    return this.cps[this.pos++];
  }
  rest(): string {
    return this.cps.slice(this.pos).join('');
  }
}

const fail = (why: string): never => {
  throw new Error(`syntax error in pattern (${why})`);
};
const lit = (cp: number): string => (/[0-9A-Za-z_]/.test(String.fromCodePoint(cp)) ? String.fromCodePoint(cp) : `\\u{${cp.toString(16)}}`);
const codeOf = (c: string): number => c.codePointAt(0) as number;

export function goRegexpToJs(source: string): RegExp {
  const r = new Reader(Array.from(source));
  let out = '';
  for (let c = r.next(); c !== undefined; c = r.next()) {
    if (c === '^' || c === '$' || c === '(' || c === ')' || c === '?' || c === '*') out += c;
    else if (c === '.') out += '[^\\n]';
    else if (c === '[') out += parseClass(r);
    else if (c === '\\') out += parseTopEscape(r);
    else out += lit(codeOf(c));
  }
  try {
    return new RegExp(out, 'v');
  } catch (err) {
    return fail(err instanceof Error ? err.message : String(err));
  }
}

function parseTopEscape(r: Reader): string {
  const c = r.peek();
  if (c === 'Q') {
    r.next();
    const rest = r.rest();
    const end = rest.indexOf('\\E');
    const quoted = end < 0 ? rest : rest.slice(0, end);
    r.pos += Array.from(quoted).length + (end < 0 ? 0 : 2);
    return Array.from(quoted, (q) => lit(codeOf(q))).join('');
  }
  if (c === 'A') return (r.next(), '^');
  if (c === 'z') return (r.next(), '$');
  if (c === 'b' || c === 'B') return (r.next(), `\\${c}`);
  return classItem(r) ?? lit(parseEscape(r));
}

/** `\d`-style, `\pL`-style and (inside classes) `[:name:]` items; undefined when not one. */
function classItem(r: Reader): string | undefined {
  const c = r.peek();
  if (c !== undefined && PERL[c] !== undefined) return (r.next(), PERL[c]);
  if (c === 'p' || c === 'P') return (r.next(), unicodeClass(r, c === 'P'));
  return undefined;
}

function unicodeClass(r: Reader, negatedUpper: boolean): string {
  let name = r.next() ?? fail('missing Unicode class name');
  if (name === '{') {
    const rest = r.rest();
    const end = rest.indexOf('}');
    if (end < 0) fail('unterminated \\p{');
    name = rest.slice(0, end);
    r.pos += Array.from(name).length + 1;
  }
  let negated = negatedUpper;
  if (name.startsWith('^')) {
    negated = !negated;
    name = name.slice(1);
  }
  let body: string;
  if (name === 'Any') body = '[\\u{0}-\\u{10ffff}]';
  else if (/^[A-Z][a-z]?$/.test(name)) body = `\\p{${name}}`;
  else if (/^[A-Za-z_]+$/.test(name)) body = `\\p{Script=${name}}`;
  else return fail(`unknown Unicode class ${name}`);
  return negated ? `[^${body}]` : body;
}

/** Go's parseEscape after the backslash: a single character (code point). */
function parseEscape(r: Reader): number {
  const c = r.next() ?? fail('trailing backslash');
  const cp = codeOf(c);
  if (cp < 0x80 && !/[0-9A-Za-z]/.test(c)) return cp;
  if (CONTROL[c] !== undefined) return CONTROL[c];
  if (c >= '0' && c <= '7') {
    const isOctal = (d: string | undefined): d is string => d !== undefined && d >= '0' && d <= '7';
    if (c !== '0' && !isOctal(r.peek())) fail(`backreference \\${c} is not supported`);
    let v = cp - 48;
    for (let k = 1; k < 3 && isOctal(r.peek()); k++) v = v * 8 + codeOf(r.next() as string) - 48;
    return v;
  }
  if (c === 'x') return hexEscape(r);
  return fail(`invalid escape \\${c}`);
}

function hexEscape(r: Reader): number {
  const first = r.next() ?? fail('bad \\x escape');
  if (first === '{') {
    const rest = r.rest();
    const end = rest.indexOf('}');
    const digits = end < 0 ? '' : rest.slice(0, end);
    if (!/^[0-9A-Fa-f]+$/.test(digits)) fail('bad \\x{...} escape');
    const v = parseInt(digits, 16);
    if (v > 0x10ffff) fail('bad \\x{...} escape');
    r.pos += digits.length + 1;
    return v;
  }
  const second = r.next();
  const pair = `${first}${second ?? ''}`;
  if (!/^[0-9A-Fa-f]{2}$/.test(pair)) fail('bad \\x escape');
  return parseInt(pair, 16);
}

/** A Go class after its `[`, as a JS `v`-mode class (nested classes for named and Perl items). */
function parseClass(r: Reader): string {
  let out = '[';
  if (r.peek() === '^') {
    r.next();
    out += '^';
  }
  let first = true;
  while (first || r.peek() !== ']') {
    if (r.peek() === undefined) fail('missing closing ]');
    first = false;
    const named = namedClass(r);
    if (named !== undefined) {
      out += named;
      continue;
    }
    if (r.peek() === '\\') {
      r.next();
      const item = classItem(r);
      if (item !== undefined) {
        out += item.startsWith('[') || item.startsWith('\\p') ? item : `[${item}]`;
        continue;
      }
      r.pos--;
    }
    const lo = classChar(r);
    let hi = lo;
    if (r.peek() === '-' && r.peek(1) !== ']' && r.peek(1) !== undefined) {
      r.next();
      hi = classChar(r);
      if (hi < lo) fail('invalid character class range');
    }
    out += hi === lo ? lit(lo) : `${lit(lo)}-${lit(hi)}`;
  }
  r.next();
  return `${out}]`;
}

function classChar(r: Reader): number {
  const c = r.next() ?? fail('missing closing ]');
  if (c !== '\\') return codeOf(c);
  return parseEscape(r);
}

/** `[:alpha:]` / `[:^alpha:]` at the reader; Go looks for the next `:]` anywhere after `[:`. */
function namedClass(r: Reader): string | undefined {
  if (r.peek() !== '[' || r.peek(1) !== ':') return undefined;
  const rest = r.rest();
  const end = rest.indexOf(':]', 2);
  if (end < 0) return undefined;
  let name = rest.slice(2, end);
  const negated = name.startsWith('^');
  if (negated) name = name.slice(1);
  const body = POSIX[name] ?? fail(`invalid character class [:${name}:]`);
  r.pos += Array.from(rest.slice(0, end + 2)).length;
  return negated ? `[^${body}]` : `[${body}]`;
}
