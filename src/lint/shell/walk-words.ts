/**
 * Words and redirects of the tree walk: the literal value of a word after quote removal (undefined when
 * it expands anything), and the commands hidden in `$(..)`, backquotes and `<(..)` inside words.
 */
import type { ShellWord } from './model.js';
import { eachChild, enter, isNamed, kindOf, spanOf, typeName, type MutableCommand, type Walk } from './walk-state.js';
import { decodeAnsiC, unescapeDouble, unescapeUnquoted } from './words.js';

/** Node types whose text is their literal value. */
const LITERAL = new Set(['extglob_pattern', 'regex', 'test_operator', 'variable_name', 'special_variable_name', 'file_descriptor']);

/** The word under the cursor. */
export function word(w: Walk): ShellWord {
  const c = w.c;
  const start = c.startIndex;
  const end = c.endIndex;
  return { raw: w.text.slice(start, end), value: valueAt(w, start, end), span: spanOf(w.src, start, end) };
}

/** Literal value of the node under the cursor (undefined if it expands); walks substitutions inside it. */
export function valueOf(w: Walk): string | undefined {
  return valueAt(w, w.c.startIndex, w.c.endIndex);
}

function valueAt(w: Walk, start: number, end: number): string | undefined {
  const kind = kindOf(w);
  if (!isNamed(w, kind)) return w.text.slice(start, end);
  const type = typeName(w, kind);
  switch (type) {
    case 'word':
      return unescapeUnquoted(w.text.slice(start, end));
    case 'raw_string':
      return inner(w, start + 1, end, "'");
    case 'ansi_c_string':
      return decodeAnsiC(inner(w, start + 2, end, "'"));
    case 'string':
      return quotedValue(w, start + 1, end);
    case 'translated_string':
      return quotedValue(w, start + 2, end);
    case 'concatenation':
    case 'variable_assignment':
      return concatValue(w, start, end);
    case 'heredoc_start':
      return w.text.slice(start, end).replace(/["'\\]/g, '');
    case 'command_substitution':
    case 'process_substitution':
      if (enter(w)) {
        w.substitution(w);
        w.depth--;
      }
      return undefined;
    default:
      if (LITERAL.has(type)) return w.text.slice(start, end);
      // `number` is a leaf unless it holds an expansion (`0$x`)
      if (type === 'number' && !w.c.gotoFirstChild()) return w.text.slice(start, end);
      if (type === 'number') w.c.gotoParent();
      scan(w);
      return undefined;
  }
}

/** Text from `start` to before the closing `close` (if the quote is closed). */
function inner(w: Walk, start: number, end: number, close: string): string {
  const closed = end > start && w.text[end - 1] === close;
  return w.text.slice(start, closed ? end - 1 : end);
}

/** `"..."` and `$"..."`: literal unless something inside expands. */
function quotedValue(w: Walk, start: number, end: number): string | undefined {
  let literal = true;
  eachChild(w, () => {
    const kind = kindOf(w);
    if (!isNamed(w, kind) || typeName(w, kind) === 'string_content') return;
    valueOf(w);
    literal = false;
  });
  return literal ? unescapeDouble(inner(w, start, end, '"')) : undefined;
}

/** Adjacent pieces (`a"b"$'c'`, `NAME=value`): the concatenation of their values; text between children is unquoted. */
function concatValue(w: Walk, start: number, end: number): string | undefined {
  const c = w.c;
  let at = start;
  let out: string | undefined = '';
  eachChild(w, () => {
    const from = c.startIndex;
    const to = c.endIndex;
    const gap = at < from ? unescapeUnquoted(w.text.slice(at, from)) : '';
    at = to;
    const v = valueAt(w, from, to);
    out = out === undefined || v === undefined ? undefined : out + gap + v;
  });
  if (out !== undefined && at < end) out += unescapeUnquoted(w.text.slice(at, end));
  return out;
}

/** Looks through the node under the cursor (itself included) for substitutions, whose commands are collected. */
export function scanNode(w: Walk): void {
  const type = typeName(w, kindOf(w));
  if (type === 'command_substitution' || type === 'process_substitution') valueOf(w);
  else if (enter(w)) {
    scan(w);
    w.depth--;
  }
}

/** Looks through the children of the node under the cursor for substitutions. */
export function scan(w: Walk): void {
  eachChild(w, () => scanNode(w));
}

/** A `variable_assignment` under the cursor: `NAME=value`, `NAME+=value`, `a[i]=v`. */
export function assignment(w: Walk): { name: string; value: ShellWord | undefined } {
  const c = w.c;
  let name = '';
  let value: ShellWord | undefined;
  let seenOperator = false;
  eachChild(w, () => {
    const kind = kindOf(w);
    const type = typeName(w, kind);
    if (!isNamed(w, kind) && (type === '=' || type === '+=')) seenOperator = true;
    else if (!seenOperator) name += w.text.slice(c.startIndex, c.endIndex);
    else if (value === undefined) value = word(w);
    else scanNode(w);
  });
  return { name, value };
}

/** A file or here-string redirect under the cursor, added to `target` (if any). */
export function redirect(w: Walk, target: MutableCommand | undefined): void {
  const c = w.c;
  const start = c.startIndex;
  const end = c.endIndex;
  let opEnd = start;
  let dest: ShellWord | undefined;
  eachChild(w, () => {
    const kind = kindOf(w);
    if (dest !== undefined) word(w);
    else if (!isNamed(w, kind)) opEnd = c.endIndex;
    else if (typeName(w, kind) !== 'file_descriptor') dest = word(w);
  });
  const from = spanOf(w.src, start, end);
  target?.redirects.push({ op: w.text.slice(start, opEnd), target: dest, span: dest === undefined ? from : { start: from.start, end: dest.span.end } });
}
