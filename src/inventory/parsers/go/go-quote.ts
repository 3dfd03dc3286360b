/**
 * Go string literals as strconv.Quote writes them and go.mod / build-info lines use them:
 * interpreted ("...", with Go's escapes) and raw (`...`).
 */

const SIMPLE: Record<string, string> = { a: '\x07', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v', '\\': '\\', '"': '"', "'": "'" };
const HEX_DIGITS: Record<string, number> = { x: 2, u: 4, U: 8 };

/** The value of a Go string literal, or undefined when it is not one. */
export function unquoteGo(lit: string): string | undefined {
  if (lit.length >= 2 && lit.startsWith('`') && lit.endsWith('`')) {
    const inner = lit.slice(1, -1);
    return inner.includes('`') ? undefined : inner.replace(/\r/g, '');
  }
  if (lit.length < 2 || !lit.startsWith('"') || !lit.endsWith('"')) return undefined;
  const body = lit.slice(1, -1);
  let out = '';
  for (let i = 0; i < body.length; i++) {
    const ch = body[i] as string;
    if (ch === '"' || ch === '\n') return undefined;
    if (ch !== '\\') {
      out += ch;
      continue;
    }
    const esc = body[i + 1];
    if (esc === undefined) return undefined;
    const simple = SIMPLE[esc];
    if (simple !== undefined) {
      out += simple;
      i += 1;
      continue;
    }
    const width = HEX_DIGITS[esc] ?? (esc >= '0' && esc <= '7' ? 3 : 0);
    const digits = esc in HEX_DIGITS ? body.slice(i + 2, i + 2 + width) : body.slice(i + 1, i + 1 + width);
    if (width === 0 || digits.length !== width || !(esc in HEX_DIGITS ? /^[0-9a-fA-F]+$/ : /^[0-7]+$/).test(digits)) return undefined;
    const code = parseInt(digits, esc in HEX_DIGITS ? 16 : 8);
    if (code > 0x10ffff) return undefined;
    // \x and octal escapes are bytes; in build settings and module paths they are ASCII
    out += String.fromCodePoint(code);
    i += esc in HEX_DIGITS ? 1 + width : width;
  }
  return out;
}

/**
 * The length of the Go string literal that starts `s` (a quote or backquote at index 0), or -1 when
 * it does not end on this line.
 */
export function quotedPrefixLength(s: string): number {
  const q = s[0];
  if (q === '`') {
    const end = s.indexOf('`', 1);
    return end < 0 ? -1 : end + 1;
  }
  if (q !== '"') return -1;
  for (let i = 1; i < s.length; i++) {
    if (s[i] === '\\') i += 1;
    else if (s[i] === '"') return i + 1;
  }
  return -1;
}
