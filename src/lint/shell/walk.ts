/**
 * Statements of the tree walk: statement lists are flattened into operator sequences (see parse.ts),
 * simple commands are built with their words, assignments and redirects, compound statements open a
 * nested list.
 */
import type { TreeCursor } from 'web-tree-sitter';
import type { ShellSource } from '../dockerfile/ast.js';
import type { ShellJoin, ShellWord } from './model.js';
import type { Grammar } from './runtime.js';
import { addItem, closeGroup, createWalk, eachChild, enter, isNamed, kindOf, newCommand, newSeq, spanOf, typeName, type MutableCommand, type Seq, type Walk } from './walk-state.js';
import { assignment, redirect, scanNode, word } from './walk-words.js';
import { decodeWord } from './words.js';

export { spanOf, type Walk } from './walk-state.js';

const COMPOUND = new Set(['subshell', 'compound_statement', 'if_statement', 'while_statement', 'for_statement', 'c_style_for_statement', 'case_statement', 'function_definition']);
const CLAUSE = new Set(['do_group', 'elif_clause', 'else_clause', 'case_item']);
const REDIRECT = new Set(['file_redirect', 'herestring_redirect', 'heredoc_redirect']);
const EXPRESSION = new Set(['binary_expression', 'unary_expression', 'parenthesized_expression', 'postfix_expression', 'ternary_expression']);
const OPERATORS = new Map<string, ShellJoin>([
  ['&&', '&&'], ['||', '||'], [';', ';'], ['&', '&'], ['|', '|'], ['|&', '|'], ['\n', 'newline'],
]);

export function newWalk(c: TreeCursor, src: ShellSource, grammar: Grammar): Walk {
  return createWalk(c, src, grammar, nestedList);
}

/** Visits the children of the node under the cursor as one statement list. */
export function visitChildren(w: Walk, seq: Seq): void {
  eachChild(w, () => visit(w, seq));
  closeGroup(seq);
}

/** A compound statement, clause or substitution: its statements form a nested list. */
function nestedList(w: Walk): void {
  if (!enter(w)) return;
  visitChildren(w, newSeq(true));
  w.depth--;
}

function visit(w: Walk, seq: Seq): void {
  const c = w.c;
  const kind = kindOf(w);
  const type = typeName(w, kind);
  if (!isNamed(w, kind)) {
    seq.join = OPERATORS.get(type) ?? 'start';
    return;
  }
  if (c.startIndex === c.endIndex) return; // a MISSING node inserted by error recovery (`a &&`)
  switch (type) {
    case 'comment':
      return;
    case 'list':
    case 'pipeline':
      if (enter(w)) {
        flatten(w, seq);
        w.depth--;
      }
      return;
    case 'command':
      return command(w, seq);
    case 'redirected_statement':
      return redirected(w, seq);
    case 'variable_assignment':
    case 'variable_assignments':
      return bareAssignments(w, seq);
    case 'declaration_command':
    case 'unset_command':
      return declaration(w, seq);
    case 'test_command':
      return testWords(w, newCommand(w, seq));
    case 'negated_command':
      return eachChild(w, () => void (isNamed(w, kindOf(w)) && visit(w, seq)));
    case 'ERROR':
      return eachChild(w, () => visit(w, seq));
    default:
      if (COMPOUND.has(type)) {
        addItem(w, seq, undefined);
        nestedList(w);
      } else if (CLAUSE.has(type)) nestedList(w);
      else scanNode(w); // words of for/case, heredoc bodies, arithmetic
  }
}

/**
 * A list or pipeline: the items of the whole left-nested chain (`a && b && c` nests to the left) are
 * visited in order without recursion, so long chains cannot exhaust the stack.
 */
function flatten(w: Walk, seq: Seq): void {
  const c = w.c;
  let levels = 0;
  while (c.gotoFirstChild()) {
    levels++;
    const type = typeName(w, kindOf(w));
    if (type !== 'list' && type !== 'pipeline') {
      visit(w, seq);
      break;
    }
  }
  while (levels > 0) {
    while (c.gotoNextSibling()) visit(w, seq);
    c.gotoParent();
    levels--;
  }
}

function command(w: Walk, seq: Seq): void {
  const c = w.c;
  const cmd = newCommand(w, seq);
  eachChild(w, () => {
    const kind = kindOf(w);
    const type = typeName(w, kind);
    if (type === 'command_name') {
      if (c.gotoFirstChild()) {
        cmd.words.push(word(w));
        c.gotoParent();
      }
    } else if (type === 'variable_assignment') cmd.assignments.push(assignment(w));
    else if (type === 'heredoc_redirect') heredoc(w, seq, cmd);
    else if (REDIRECT.has(type)) redirect(w, cmd);
    else if (COMPOUND.has(type)) nestedList(w);
    else if (type === 'ERROR') scanNode(w);
    else if (isNamed(w, kind) && type !== 'comment') cmd.words.push(word(w));
  });
}

/** `stmt >out 2>&1`: the redirects belong to the last simple command of the statement. */
function redirected(w: Walk, seq: Seq): void {
  const c = w.c;
  let target: MutableCommand | undefined;
  let sawBody = false;
  let bodyEnd = -1;
  eachChild(w, () => {
    const kind = kindOf(w);
    const type = typeName(w, kind);
    if (REDIRECT.has(type)) {
      if (!sawBody) target = newCommand(w, seq); // a bare `>file`
      else if (bodyEnd >= 0 && target !== undefined) lostWords(w, target, bodyEnd, c.startIndex);
      sawBody = true;
      bodyEnd = -1;
      if (type === 'heredoc_redirect') heredoc(w, seq, target);
      else redirect(w, target);
    } else {
      visit(w, seq);
      if (!sawBody && isNamed(w, kind) && type !== 'comment') {
        target = seq.last;
        sawBody = true;
        bodyEnd = c.endIndex;
      }
    }
  });
}

/**
 * Words tree-sitter-bash drops between a command and its redirect (`python3 - <<EOF` loses the `-`):
 * the text is plain words separated by blanks.
 */
function lostWords(w: Walk, cmd: MutableCommand, from: number, to: number): void {
  const gap = w.text.slice(from, to);
  if (!/\S/.test(gap)) return;
  for (const m of gap.matchAll(/\S+/g)) {
    const start = from + m.index;
    cmd.words.push({ raw: m[0], value: decodeWord(m[0])?.value, span: spanOf(w.src, start, start + m[0].length) });
  }
}

/**
 * `<<EOF` with what tree-sitter hangs inside it: further redirects and arguments of the same command,
 * and the rest of the line (`| grep x && ...`), which continues the statement list.
 */
function heredoc(w: Walk, seq: Seq, target: MutableCommand | undefined): void {
  const c = w.c;
  const start = c.startIndex;
  let opEnd = start;
  let marker: ShellWord | undefined;
  eachChild(w, () => {
    const kind = kindOf(w);
    const type = typeName(w, kind);
    if (marker === undefined) {
      if (type === 'heredoc_start') {
        marker = word(w);
        target?.redirects.push({ op: w.text.slice(start, opEnd), target: marker, span: { start: spanOf(w.src, start, start).start, end: marker.span.end } });
      } else if (!isNamed(w, kind)) opEnd = c.endIndex;
      return;
    }
    if (type === 'heredoc_body') scanNode(w);
    else if (type === 'heredoc_redirect') heredoc(w, seq, target);
    else if (REDIRECT.has(type)) redirect(w, target);
    else if (type !== 'heredoc_end' && c.currentFieldName === 'argument') {
      const arg = word(w);
      target?.words.push(arg);
    } else if (type !== 'heredoc_end') visit(w, seq);
  });
  if (marker === undefined) target?.redirects.push({ op: w.text.slice(start, opEnd), target: undefined, span: spanOf(w.src, start, opEnd) });
}

/** `FOO=1` or `FOO=1 BAR=2` alone: a command without words. */
function bareAssignments(w: Walk, seq: Seq): void {
  const cmd = newCommand(w, seq);
  const isAssignment = (): boolean => typeName(w, kindOf(w)) === 'variable_assignment';
  if (isAssignment()) cmd.assignments.push(assignment(w));
  else eachChild(w, () => void (isAssignment() ? cmd.assignments.push(assignment(w)) : scanNode(w)));
}

/** `export A=1 B`, `local x`, `declare -r y`, `unset z`: the keyword is the command name. */
function declaration(w: Walk, seq: Seq): void {
  const cmd = newCommand(w, seq);
  eachChild(w, () => {
    const type = typeName(w, kindOf(w));
    if (REDIRECT.has(type)) redirect(w, cmd);
    else if (type !== 'comment') cmd.words.push(word(w));
  });
}

/** `[ -f x ]`, `[[ $a == b* ]]`: brackets, operators and operands become the words. */
function testWords(w: Walk, cmd: MutableCommand): void {
  eachChild(w, () => {
    const kind = kindOf(w);
    const type = typeName(w, kind);
    if (isNamed(w, kind) && EXPRESSION.has(type)) {
      if (enter(w)) {
        testWords(w, cmd);
        w.depth--;
      }
    } else if (REDIRECT.has(type)) redirect(w, cmd);
    else if (type !== 'comment') cmd.words.push(word(w));
  });
}
