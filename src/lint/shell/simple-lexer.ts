/**
 * The fast path of `parseShell`: a hand-written parser for the shell subset most RUN bodies are written
 * in — simple commands of plain words (see simple-words.ts) joined by `&&`, `||`, `;`, `|` and
 * newlines, and `for NAME in WORDS; do LIST; done` loops. For such a script it builds exactly the model
 * the tree-sitter walk builds (test/lint/shell/fast-path.test.ts checks that differentially); for
 * anything else it returns undefined and the caller uses tree-sitter. Refusing is always safe, so
 * every construct not proven equivalent is refused: escapes, redirects, comments, grouping, brackets,
 * other reserved words, assignments in command position, `&`, `;;`, ...
 */
import type { ShellSource } from '../dockerfile/ast.js';
import type { ShellJoin, ShellScript, ShellWord } from './model.js';
import { BLANK, NEWLINE, OPERATOR, classOf, isNameChar, plainName, RESERVED, wordEnd, wordValue } from './simple-words.js';
import type { MutableCommand } from './walk-state.js';

/** Non-ASCII text the fast path refuses: Unicode blanks and line breaks, C1 controls, unpaired surrogates. */
const ODD_UNICODE = /[\u0080-\u00a0\u1680\u180e\u2000-\u200f\u2028-\u202f\u205f-\u206f\u3000\ufeff\ufff0-\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** Parser state shared by the statement lists (the top level and loop bodies). */
interface State {
  readonly src: ShellSource;
  readonly text: string;
  readonly commands: MutableCommand[];
  pipelines: number;
  /** Loops entered (deep nesting is left to tree-sitter, whose walk reports it past a limit). */
  depth: number;
}

const MAX_LOOP_DEPTH = 8;

/** One statement list, as the tree walk's `Seq`: the pending operator and the pipeline being collected. */
interface List {
  readonly nested: boolean;
  /** Operator since the last item ended (`newline` for a bare line break), undefined if none. */
  pending: ShellJoin | undefined;
  items: number;
  group: MutableCommand[];
  groupLength: number;
  groupId: number;
  /** The last item was a loop (nothing may be piped into or out of it here). */
  compound: boolean;
}

/** The model of `src` when it is in the simple subset, else undefined (use tree-sitter). */
export function parseSimpleShell(src: ShellSource): ShellScript | undefined {
  const text = src.text;
  // eslint-disable-next-line no-control-regex
  if (/[^\x00-\x7f]/.test(text) && ODD_UNICODE.test(text)) return undefined;
  const s: State = { src, text, commands: [], pipelines: 0, depth: 0 };
  const list = newList(false);
  const end = statements(s, list, 0);
  if (end !== text.length) return undefined;
  closeGroup(list);
  return { source: text, commands: s.commands, errors: [] };
}

function newList(nested: boolean): List {
  return { nested, pending: undefined, items: 0, group: [], groupLength: 0, groupId: -1, compound: false };
}

/**
 * The statements of a list from `i`: the index where it ends — the end of the text at the top level,
 * the `done` keyword in a loop body — or −1 to refuse.
 */
function statements(s: State, list: List, i: number): number {
  const text = s.text;
  const n = text.length;
  while (i < n) {
    const cls = classOf(text.charCodeAt(i));
    if (cls === BLANK) i++;
    else if (cls === NEWLINE) {
      if (list.items > 0 && list.pending === undefined) {
        // after a pipeline of three or more commands, tree-sitter-bash reads the next line as more
        // arguments of its last command when that line goes on with `&&` or `||` (`a|b|c\nd && e`)
        if (list.groupLength > 2) return -1;
        list.pending = 'newline';
      }
      i++;
    } else if (cls === OPERATOR) i = operator(s, list, i);
    else if (keywordAt(text, i, 'done')) return list.nested && list.items > 0 && terminated(list) ? i : -1;
    else if (list.items > 0 && list.pending === undefined) return -1; // `done x`
    else if (keywordAt(text, i, 'for')) i = forLoop(s, list, i);
    else i = command(s, list, i);
    if (i < 0) return -1;
  }
  return list.nested || !(terminated(list) || list.pending === undefined) ? -1 : i;
}

/** The last item was ended by `;` or a line break. */
const terminated = (list: List): boolean => list.pending === ';' || list.pending === 'newline';

/** Whether `word` stands alone at `i` (followed by a blank, a line break, an operator or the end). */
function keywordAt(text: string, i: number, word: string): boolean {
  if (!text.startsWith(word, i)) return false;
  const next = text.charCodeAt(i + word.length);
  if (Number.isNaN(next)) return true;
  const cls = classOf(next);
  return cls === BLANK || cls === NEWLINE || cls === OPERATOR;
}

/** `&&`, `||`, `|` or `;` at `i` after an item: the index after it, or −1 to refuse. */
function operator(s: State, list: List, i: number): number {
  if (list.items === 0 || list.pending !== undefined) return -1;
  const c = s.text.charCodeAt(i);
  const next = s.text.charCodeAt(i + 1);
  if (c === 59) {
    if (next === 59 || next === 38) return -1; // `;;`, `;&`
    list.pending = ';';
    return i + 1;
  }
  if (c === 38) {
    if (next !== 38) return -1; // `&`, `&>`
    list.pending = '&&';
    return i + 2;
  }
  if (next === 124) {
    list.pending = '||';
    return i + 2;
  }
  if (next === 38 || list.compound) return -1; // `|&`, `done |`
  list.pending = '|';
  return i + 1;
}

/** A simple command starting at `i`: its words up to the next operator or line break. */
function command(s: State, list: List, i: number): number {
  const text = s.text;
  const n = text.length;
  const words: ShellWord[] = [];
  while (i < n) {
    const cls = classOf(text.charCodeAt(i));
    if (cls === BLANK) {
      i++;
      continue;
    }
    if (cls === NEWLINE || cls === OPERATOR) break;
    const end = wordEnd(text, i);
    if (end < 0) return -1;
    const raw = text.slice(i, end);
    words.push({ raw, value: wordValue(raw), span: { start: s.src.toFile(i), end: s.src.toFile(end) } });
    i = end;
  }
  const first = words[0] as ShellWord;
  if (!plainName(first.raw)) return -1;
  const cmd: MutableCommand = {
    words,
    name: first.value,
    assignments: [],
    redirects: [],
    span: { start: first.span.start, end: (words[words.length - 1] as ShellWord).span.end },
    pipelineId: 0,
    pipelineIndex: 0,
    pipelineLength: 1,
    join: 'start',
    nested: list.nested,
  };
  s.commands.push(cmd);
  addItem(s, list, cmd);
  return i;
}

/**
 * `for NAME in WORDS; do LIST; done` (the `;`s may be line breaks): an item without a command of its
 * own, then its body as a nested list. The index after `done`, or −1.
 */
function forLoop(s: State, list: List, i: number): number {
  const text = s.text;
  if (list.pending === '|') return -1;
  addItem(s, list, undefined);
  i = blanks(text, i + 3);
  const nameStart = i;
  while (isNameChar(text.charCodeAt(i))) i++;
  const first = text.charCodeAt(nameStart);
  if (i === nameStart || (first >= 48 && first <= 57) || blanks(text, i) === i) return -1;
  i = blanks(text, i);
  if (!keywordAt(text, i, 'in') || classOf(text.charCodeAt(i + 2)) !== BLANK) return -1;
  i = blanks(text, i + 2);
  let words = 0;
  while (i < text.length && classOf(text.charCodeAt(i)) !== NEWLINE && classOf(text.charCodeAt(i)) !== OPERATOR) {
    const end = wordEnd(text, i);
    if (end < 0 || RESERVED.has(text.slice(i, end))) return -1;
    words++;
    i = blanks(text, end);
  }
  if (words === 0 || !(text[i] === '\n' || (text[i] === ';' && text[i + 1] !== ';' && text[i + 1] !== '&'))) return -1;
  i++;
  while (classOf(text.charCodeAt(i)) === BLANK || classOf(text.charCodeAt(i)) === NEWLINE) i++;
  if (!keywordAt(text, i, 'do') || text[i + 2] === ';' || text[i + 2] === '&' || text[i + 2] === '|') return -1;
  if (++s.depth > MAX_LOOP_DEPTH) return -1;
  const body = newList(true);
  i = statements(s, body, i + 2);
  s.depth--;
  if (i < 0) return -1;
  closeGroup(body);
  list.compound = true;
  return i + 4;
}

function blanks(text: string, i: number): number {
  while (classOf(text.charCodeAt(i)) === BLANK) i++;
  return i;
}

/** Adds a pipeline element (a simple command, or undefined for a loop) to the list, as the tree walk does. */
function addItem(s: State, list: List, cmd: MutableCommand | undefined): void {
  const join = list.pending ?? 'start';
  let index = 0;
  if (join === '|' && list.groupLength > 0) index = list.groupLength++;
  else {
    closeGroup(list);
    list.groupId = s.pipelines++;
    list.groupLength = 1;
  }
  if (cmd !== undefined) {
    cmd.pipelineId = list.groupId;
    cmd.pipelineIndex = index;
    cmd.join = join;
    list.group.push(cmd);
  }
  list.items++;
  list.pending = undefined;
  list.compound = false;
}

/** Ends the pipeline being collected: its commands learn its length. */
function closeGroup(list: List): void {
  for (const cmd of list.group) cmd.pipelineLength = list.groupLength;
  if (list.group.length > 0) list.group = [];
  list.groupLength = 0;
}
