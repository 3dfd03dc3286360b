/**
 * JSON with comments and trailing commas (JSONC, as bun.lock is written) turned into JSON: `//`
 * and `/* *\/` comments become a space, a comma before `}` or `]` is dropped. Strings are copied
 * untouched. Linear in the input.
 */
export function jsoncToJson(text: string): string {
  const parts: string[] = [];
  let start = 0;
  let i = 0;
  while (i < text.length) {
    const c = text.charCodeAt(i);
    if (c === 0x22) {
      i = afterString(text, i);
    } else if (c === 0x2f && (text[i + 1] === '/' || text[i + 1] === '*')) {
      parts.push(text.slice(start, i), ' ');
      i = afterComment(text, i);
      start = i;
    } else if (c === 0x2c) {
      const next = text[nextSignificant(text, i + 1)];
      if (next === '}' || next === ']') {
        parts.push(text.slice(start, i));
        start = i + 1;
      }
      i++;
    } else {
      i++;
    }
  }
  parts.push(text.slice(start));
  return parts.join('');
}

function afterString(text: string, open: number): number {
  for (let i = open + 1; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x5c) i++;
    else if (c === 0x22) return i + 1;
  }
  return text.length;
}

function afterComment(text: string, at: number): number {
  if (text[at + 1] === '/') {
    const nl = text.indexOf('\n', at + 2);
    return nl < 0 ? text.length : nl;
  }
  const end = text.indexOf('*/', at + 2);
  return end < 0 ? text.length : end + 2;
}

/** Index of the next character that is neither whitespace nor inside a comment. */
function nextSignificant(text: string, from: number): number {
  let i = from;
  while (i < text.length) {
    const c = text.charCodeAt(i);
    if (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) i++;
    else if (c === 0x2f && (text[i + 1] === '/' || text[i + 1] === '*')) i = afterComment(text, i);
    else return i;
  }
  return i;
}
