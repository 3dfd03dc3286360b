/**
 * Precise spans inside instruction text for the instruction rules: a piece of a word, the FROM image,
 * the first word of the arguments. Exact when the text sits contiguously on one line of the file (no
 * line continuation inside it); otherwise the whole enclosing span is used.
 */
import type { Dockerfile, FromInstruction, Instruction, Pos, Span } from '../../dockerfile/ast.js';

/** Something written in the file: its text as written and where it is. */
export interface Written {
  readonly raw: string;
  readonly span: Span;
}

const at = (p: Pos, i: number): Pos => ({ line: p.line, column: p.column + i, offset: p.offset + i });

/** Whether `raw` is written verbatim at `start` on a single line. */
function contiguous(doc: Dockerfile, raw: string, start: Pos): boolean {
  return raw.indexOf('\n') < 0 && doc.text.startsWith(raw, start.offset);
}

/** The span of `t.raw.slice(from, to)`; the whole span of `t` when its text is not contiguous. */
export function subSpan(doc: Dockerfile, t: Written, from: number, to: number): Span {
  if (!contiguous(doc, t.raw, t.span.start)) return t.span;
  return { start: at(t.span.start, from), end: at(t.span.start, to) };
}

/** The span of `word` written at the very start of an instruction's arguments (else the whole arguments). */
export function argsPrefixSpan(doc: Dockerfile, instr: Instruction, word: string): Span {
  const start = instr.argsSpan.start;
  if (word === '' || !contiguous(doc, word, start)) return instr.argsSpan;
  return { start, end: at(start, word.length) };
}

/** Where the image reference of a FROM is written. */
export function imageSpan(doc: Dockerfile, from: FromInstruction): Span {
  return argsPrefixSpan(doc, from, from.image.raw);
}

/** The first whitespace-delimited word of the arguments, as written. */
export function firstWord(instr: Instruction): string {
  const t = instr.argsText;
  let e = 0;
  while (e < t.length && t[e] !== ' ' && t[e] !== '\t') e++;
  return t.slice(0, e);
}

/** The keyword as written in the file (for fixes that keep its letter case). */
export function keywordText(doc: Dockerfile, instr: Instruction): string {
  return doc.text.slice(instr.keywordSpan.start.offset, instr.keywordSpan.end.offset);
}

/** `replacement` in the letter case of `written` (all lower-case stays lower-case). */
export function sameCase(written: string, replacement: string): string {
  return written !== '' && written === written.toLowerCase() ? replacement.toLowerCase() : replacement;
}
