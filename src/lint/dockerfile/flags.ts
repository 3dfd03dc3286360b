/**
 * `--name=value` / `--name` flags before an instruction's arguments (BuildKit's extractBuilderFlags):
 * words starting with `--` are flags until the first word that does not; a lone `--` ends the flags.
 * Quotes are removed from flag words and `\` escapes the next character (always `\`, whatever the
 * escape directive says).
 */
import type { Flag } from './ast.js';
import { isUnicodeSpace } from './lines.js';
import { type Mapped, spanOf } from './source.js';

export interface FlagScan {
  readonly flags: Flag[];
  /** Index in the line where the arguments start (after the flags and the blanks that follow). */
  readonly argsStart: number;
}

/** Flags at text[a, b) of a mapped line. */
export function extractFlags(m: Mapped, a: number, b: number): FlagScan {
  const text = m.text;
  const flags: Flag[] = [];
  let i = a;
  for (;;) {
    while (i < b && isUnicodeSpace(text.charCodeAt(i))) i++;
    if (i + 1 >= b || text.charCodeAt(i) !== 45 || text.charCodeAt(i + 1) !== 45) return { flags, argsStart: i };
    const start = i;
    const { word, end } = readFlagWord(text, i, b);
    i = end;
    if (word === '--') {
      while (i < b && isUnicodeSpace(text.charCodeAt(i))) i++;
      return { flags, argsStart: i };
    }
    const body = word.slice(2);
    const eq = body.indexOf('=');
    flags.push({
      name: eq < 0 ? body : body.slice(0, eq),
      value: eq < 0 ? undefined : body.slice(eq + 1),
      span: spanOf(m, start, end),
    });
  }
}

/** One flag word from i: its processed text and the index after it. */
function readFlagWord(text: string, i: number, b: number): { word: string; end: number } {
  const parts: string[] = [];
  let quote = 0;
  let s = i;
  while (i < b) {
    const c = text.charCodeAt(i);
    if (quote === 0 && isUnicodeSpace(c)) break;
    if (quote === 0 && (c === 39 || c === 34)) {
      parts.push(text.slice(s, i));
      quote = c;
      s = ++i;
      continue;
    }
    if (quote !== 0 && c === quote) {
      parts.push(text.slice(s, i));
      quote = 0;
      s = ++i;
      continue;
    }
    if (c === 92) {
      parts.push(text.slice(s, i));
      s = i + 1; // the escaped character starts the next piece
      i += 2;
      continue;
    }
    i++;
  }
  if (i > b) i = b;
  parts.push(text.slice(s, i));
  return { word: parts.join(''), end: i };
}

/** The value of the last `--name` flag (`''` for a bare boolean flag), or undefined when absent. */
export function flagValue(flags: readonly Flag[], name: string): string | undefined {
  for (let k = flags.length - 1; k >= 0; k--) {
    const f = flags[k] as Flag;
    if (f.name === name) return f.value ?? '';
  }
  return undefined;
}
