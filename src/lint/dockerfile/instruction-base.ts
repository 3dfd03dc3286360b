/** The shared shapes of the instruction builders (instructions.ts, instructions-kv.ts). */
import type { Flag, Heredoc, Instruction, ParseWarning, Span } from './ast.js';
import type { Lookup } from './expand.js';
import type { LogicalLine } from './lines.js';

export interface BuildCtx {
  /** Char code of the escape character. */
  readonly escape: number;
  readonly warnings: ParseWarning[];
  /** Global ARGs (with defaults) visible to FROM. */
  readonly globalArg: Lookup;
}

/** Where an instruction sits: stage, ONBUILD, the heredocs of its line, the file offset where it ends. */
export interface Placement {
  readonly stage: number;
  readonly onbuild: boolean;
  readonly heredocs: readonly Heredoc[];
  readonly endOffset: number;
}

/** The common part of every instruction, plus where its arguments are in the line. */
export interface Parsed {
  readonly base: {
    keyword: string;
    span: Span;
    keywordSpan: Span;
    flags: readonly Flag[];
    argsText: string;
    argsSpan: Span;
    stage: number;
    onbuild: boolean;
  };
  readonly line: LogicalLine;
  readonly a: number;
  readonly b: number;
}

type BaseFields = Parsed['base'];

/**
 * Completes the (fresh) base object with the keyword-specific fields. Not a spread: V8 turns
 * `{ ...base, more }` into a slow dictionary object (≈5 µs each), Object.assign onto it stays fast.
 */
export function make<T extends Instruction>(base: BaseFields, extra: Omit<T, Exclude<keyof BaseFields, 'keyword'>>): T {
  return Object.assign(base, extra) as unknown as T;
}
