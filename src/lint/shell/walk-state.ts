/** State shared by the tree walk of parse.ts: the cursor, the source, what has been collected so far. */
import type { TreeCursor } from 'web-tree-sitter';
import type { Pos, ShellSource, Span } from '../dockerfile/ast.js';
import type { ShellJoin, ShellRedirect, ShellWord } from './model.js';
import type { Grammar } from './runtime.js';

/** Nesting deeper than this (subshells in substitutions in strings ...) is not analysed, and reported as an error. */
export const MAX_DEPTH = 100;

/** A ShellCommand while it is being built. */
export interface MutableCommand {
  words: ShellWord[];
  name: string | undefined;
  assignments: Array<{ name: string; value: ShellWord | undefined }>;
  redirects: ShellRedirect[];
  span: Span;
  pipelineId: number;
  pipelineIndex: number;
  pipelineLength: number;
  join: ShellJoin;
  nested: boolean;
}

export interface Walk {
  readonly c: TreeCursor;
  readonly text: string;
  readonly src: ShellSource;
  readonly grammar: Grammar;
  readonly commands: MutableCommand[];
  readonly errors: Array<{ span: Span }>;
  /** The top-level statement list. */
  readonly root: Seq;
  pipelines: number;
  depth: number;
  /** Walks the statements of the `$(..)` / `<(..)` / backquote node under the cursor (nested). */
  readonly substitution: (w: Walk) => void;
}

/** One statement list being flattened: the pending operator and the pipeline being collected. */
export interface Seq {
  join: ShellJoin;
  group: MutableCommand[];
  groupLength: number;
  groupId: number;
  /** The command added last, undefined when the last item was a compound statement. */
  last: MutableCommand | undefined;
  readonly nested: boolean;
}

export function newSeq(nested: boolean): Seq {
  return { join: 'start', group: [], groupLength: 0, groupId: -1, last: undefined, nested };
}

export function createWalk(c: TreeCursor, src: ShellSource, grammar: Grammar, substitution: (w: Walk) => void): Walk {
  return { c, text: src.text, src, grammar, commands: [], errors: [], root: newSeq(false), pipelines: 0, depth: 0, substitution };
}

/** The type id of the node under the cursor (one call into wasm), an index into `w.grammar`. */
export function kindOf(w: Walk): number {
  const id = w.c.nodeTypeId;
  return id < w.grammar.errorId ? id : w.grammar.errorId;
}

/** The type name for a kind. */
export function typeName(w: Walk, kind: number): string {
  return w.grammar.names[kind] ?? 'ERROR';
}

/** Whether a kind is a named node (anonymous ones are tokens like `&&`, `then`, `"`). */
export function isNamed(w: Walk, kind: number): boolean {
  return w.grammar.named[kind] === true;
}

function posOf(src: ShellSource, index: number): Pos {
  return src.toFile(index < 0 ? 0 : index > src.text.length ? src.text.length : index);
}

export function spanOf(src: ShellSource, start: number, end: number): Span {
  return { start: posOf(src, start), end: posOf(src, end < start ? start : end) };
}

/** The span of the node under the cursor. */
export function nodeSpan(w: Walk): Span {
  return spanOf(w.src, w.c.startIndex, w.c.endIndex);
}

/** Calls `fn` with the cursor on each child of the current node, then returns to the node. */
export function eachChild(w: Walk, fn: (w: Walk) => void): void {
  const c = w.c;
  if (!c.gotoFirstChild()) return;
  do {
    fn(w);
  } while (c.gotoNextSibling());
  c.gotoParent();
}

/**
 * Enters one nesting level; false (and an error on the node) when the script nests too deeply to analyse.
 * Every successful `enter` is paired with `w.depth--`.
 */
export function enter(w: Walk): boolean {
  if (w.depth >= MAX_DEPTH) {
    w.errors.push({ span: nodeSpan(w) });
    return false;
  }
  w.depth++;
  return true;
}

export function newCommand(w: Walk, seq: Seq): MutableCommand {
  const cmd: MutableCommand = {
    words: [],
    name: undefined,
    assignments: [],
    redirects: [],
    span: nodeSpan(w),
    pipelineId: 0,
    pipelineIndex: 0,
    pipelineLength: 1,
    join: 'start',
    nested: seq.nested,
  };
  w.commands.push(cmd);
  addItem(w, seq, cmd);
  return cmd;
}

/** Adds a pipeline element (a simple command, or undefined for a compound statement) to the list. */
export function addItem(w: Walk, seq: Seq, cmd: MutableCommand | undefined): void {
  let index = 0;
  if (seq.join === '|' && seq.groupLength > 0) index = seq.groupLength++;
  else {
    closeGroup(seq);
    seq.groupId = w.pipelines++;
    seq.groupLength = 1;
  }
  if (cmd !== undefined) {
    cmd.pipelineId = seq.groupId;
    cmd.pipelineIndex = index;
    cmd.join = seq.join;
    seq.group.push(cmd);
  }
  seq.last = cmd;
  seq.join = 'newline';
}

/** Ends the pipeline being collected: its commands learn its length. */
export function closeGroup(seq: Seq): void {
  for (const cmd of seq.group) cmd.pipelineLength = seq.groupLength;
  if (seq.group.length > 0) seq.group = [];
  seq.groupLength = 0;
}
