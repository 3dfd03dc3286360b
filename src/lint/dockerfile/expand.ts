/**
 * ARG/ENV variable expansion as BuildKit does it in FROM and ARG defaults: `$V`, `${V}`,
 * `${V:-default}`, `${V-default}`, `${V:+alt}`, `${V+alt}`, `${V:?msg}`, `${V?msg}`, and the escape
 * character before `$` for a literal dollar. Quotes are not processed here.
 *
 * A variable the lookup does not know (no default, not declared) cannot be resolved statically: its
 * reference is kept as written and the result is marked `unresolved` — except in `${V:-d}` / `${V-d}`,
 * which resolve to the default. Pattern operators (`${V#p}`, `${V%p}`, `${V/p/r}`) are kept as written
 * and marked unresolved.
 */

export type Lookup = (name: string) => string | undefined;

export interface Expanded {
  readonly value: string;
  readonly unresolved: boolean;
}

function isNameStart(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;
}

function isNameChar(c: number): boolean {
  return isNameStart(c) || (c >= 48 && c <= 57);
}

/** Index of the `}` closing the `${` whose body starts at i, or -1. */
function closingBrace(t: string, i: number, escape: number): number {
  let depth = 1;
  for (; i < t.length; i++) {
    const c = t.charCodeAt(i);
    if (c === escape) i++;
    else if (c === 36 && t.charCodeAt(i + 1) === 123) {
      depth++;
      i++;
    } else if (c === 125 && --depth === 0) return i;
  }
  return -1;
}

interface State {
  unresolved: boolean;
  depth: number;
}

/** Deeper nesting of `${V:-${W:-…}}` is left as written (and unresolved) instead of recursing on. */
const MAX_NESTING = 64;

function braced(t: string, open: number, close: number, lookup: Lookup, escape: number, st: State): string {
  const raw = t.slice(open, close + 1);
  let i = open + 2;
  if (!isNameStart(t.charCodeAt(i))) {
    st.unresolved = true;
    return raw;
  }
  while (i < close && isNameChar(t.charCodeAt(i))) i++;
  const name = t.slice(open + 2, i);
  const value = lookup(name);
  if (i === close) {
    if (value === undefined) st.unresolved = true;
    return value ?? raw;
  }
  const colon = t.charCodeAt(i) === 58;
  const op = t.charCodeAt(colon ? i + 1 : i);
  const word = (): string => expandInto(t.slice(colon ? i + 2 : i + 1, close), lookup, escape, st);
  const set = value !== undefined && (!colon || value !== '');
  if (op === 45 /* - */) return set ? (value as string) : word();
  if (op === 43 /* + */) {
    if (value === undefined) {
      st.unresolved = true;
      return raw;
    }
    return set ? word() : '';
  }
  if (op === 63 /* ? */ && set) return value as string;
  st.unresolved = true;
  return raw;
}

function expandInto(t: string, lookup: Lookup, escape: number, st: State): string {
  if (t.indexOf('$') < 0) return t;
  if (st.depth >= MAX_NESTING) {
    st.unresolved = true;
    return t;
  }
  st.depth++;
  const value = expandLevel(t, lookup, escape, st);
  st.depth--;
  return value;
}

function expandLevel(t: string, lookup: Lookup, escape: number, st: State): string {
  const out: string[] = [];
  let s = 0;
  let i = 0;
  while (i < t.length) {
    const c = t.charCodeAt(i);
    if (c === escape && t.charCodeAt(i + 1) === 36) {
      out.push(t.slice(s, i), '$');
      i += 2;
      s = i;
      continue;
    }
    if (c !== 36) {
      i++;
      continue;
    }
    const d = t.charCodeAt(i + 1);
    if (d === 123) {
      const close = closingBrace(t, i + 2, escape);
      if (close < 0) {
        st.unresolved = true;
        break;
      }
      out.push(t.slice(s, i), braced(t, i, close, lookup, escape, st));
      i = close + 1;
      s = i;
    } else if (isNameStart(d)) {
      let j = i + 2;
      while (j < t.length && isNameChar(t.charCodeAt(j))) j++;
      const v = lookup(t.slice(i + 1, j));
      if (v === undefined) st.unresolved = true;
      out.push(t.slice(s, i), v ?? t.slice(i, j));
      i = j;
      s = i;
    } else {
      i++;
    }
  }
  out.push(t.slice(s));
  return out.join('');
}

/** Expands the variables of `text` with `lookup`; `escape` is the char code of the escape character. */
export function expandVars(text: string, lookup: Lookup, escape = 92): Expanded {
  const st: State = { unresolved: false, depth: 0 };
  const value = expandInto(text, lookup, escape, st);
  return { value, unresolved: st.unresolved };
}
