/**
 * Path globs of ignore files (the doublestar syntax Trivy's `.trivyignore.yaml` uses): `*` and `?`
 * stay inside one path segment, `**` as a whole segment spans any number of segments (also none),
 * `[abc]`/`[a-z]`/`[!a]`/`[^a]` are character classes, `{a,b}` alternatives, `\` escapes the next
 * character. Throws an Error with the reason for a pattern that does not parse.
 */
export function compileGlob(pattern: string): RegExp {
  const state = { i: 0, braces: 0 };
  const source = translate(pattern, state);
  if (state.braces !== 0) throw new Error('unclosed "{"');
  return new RegExp(`^${source}$`);
}

function translate(p: string, st: { i: number; braces: number }): string {
  let out = '';
  while (st.i < p.length) {
    const c = p[st.i] ?? '';
    if (c === '*') {
      out += star(p, st);
      continue;
    }
    st.i++;
    if (c === '?') out += '[^/]';
    else if (c === '[') out += charClass(p, st);
    else if (c === '{') {
      st.braces++;
      out += '(?:';
    } else if (c === '}' && st.braces > 0) {
      st.braces--;
      out += ')';
    } else if (c === ',' && st.braces > 0) out += '|';
    else if (c === '\\') {
      if (st.i >= p.length) throw new Error('trailing "\\"');
      out += escapeRe(p[st.i++] ?? '');
    } else out += escapeRe(c);
  }
  return out;
}

function star(p: string, st: { i: number }): string {
  const start = st.i;
  while (p[st.i] === '*') st.i++;
  const count = st.i - start;
  const segmentStart = start === 0 || p[start - 1] === '/';
  const segmentEnd = st.i === p.length || p[st.i] === '/';
  if (count >= 2 && segmentStart && segmentEnd) {
    if (p[st.i] === '/') {
      st.i++;
      return '(?:[^/]*/)*'; // `**/`: zero or more whole segments
    }
    return '.*'; // trailing `**`: everything below
  }
  return '[^/]*';
}

function charClass(p: string, st: { i: number }): string {
  let out = '[';
  if (p[st.i] === '!' || p[st.i] === '^') {
    out += '^';
    st.i++;
  }
  for (let count = 0; ; count++) {
    if (st.i >= p.length) throw new Error('unclosed "["');
    if (p[st.i] === ']') {
      if (count === 0) throw new Error('empty "[]"');
      st.i++;
      return `${out}]`;
    }
    out += classEscape(classChar(p, st));
    if (p[st.i] === '-') {
      st.i++;
      out += `-${classEscape(classChar(p, st))}`;
    }
  }
}

/** One character of a class: escaped with `\`; a bare `-` or `]` here is an incomplete range. */
function classChar(p: string, st: { i: number }): string {
  const c = p[st.i];
  if (c === undefined) throw new Error('unclosed "["');
  if (c === '-' || c === ']') throw new Error(`incomplete range in "[…]" (escape a literal "${c}")`);
  st.i++;
  if (c !== '\\') return c;
  const next = p[st.i++];
  if (next === undefined) throw new Error('unclosed "["');
  return next;
}

function classEscape(c: string): string {
  return /[\\\]^[-]/.test(c) ? `\\${c}` : c;
}

function escapeRe(c: string): string {
  return /[.*+?^${}()|[\]\\/-]/.test(c) ? `\\${c}` : c;
}
