/**
 * What lint rules know about a shell script: simple commands with their words, how they are chained
 * and piped, and where each word sits in the Dockerfile. Built from the tree-sitter-bash syntax tree by
 * `parseShell` (src/lint/shell/parse.ts) — never from regexes over text.
 */
import type { Span } from '../dockerfile/ast.js';

export interface ShellWord {
  /** Source text of the word, quotes included. */
  readonly raw: string;
  /** The literal value after quote removal, or undefined when it contains an expansion (`$x`, `$(..)`, globs are kept literal). */
  readonly value: string | undefined;
  readonly span: Span;
}

export interface ShellRedirect {
  /** `>`, `>>`, `<`, `2>`, `&>`, `<<`, ... as written. */
  readonly op: string;
  readonly target: ShellWord | undefined;
  readonly span: Span;
}

/** How a command is joined to the one before it in a list. */
export type ShellJoin = 'start' | '&&' | '||' | ';' | '&' | '|' | 'newline';

export interface ShellCommand {
  /** `words[0]` is the command name (after leading assignments); empty for a bare assignment. */
  readonly words: readonly ShellWord[];
  /** Literal command name (`words[0].value`), undefined if dynamic or absent. */
  readonly name: string | undefined;
  /** `FOO=bar cmd` prefix assignments. */
  readonly assignments: ReadonlyArray<{ readonly name: string; readonly value: ShellWord | undefined }>;
  readonly redirects: readonly ShellRedirect[];
  readonly span: Span;
  /** Commands of one pipeline share an id; `pipelineLength` 1 means not piped. */
  readonly pipelineId: number;
  readonly pipelineIndex: number;
  readonly pipelineLength: number;
  /** Operator linking this command's pipeline/list item to the previous one. */
  readonly join: ShellJoin;
  /** Nested inside a subshell, `$(...)`, `if`, loop, function, `{ }` — rules about top-level flow may skip these. */
  readonly nested: boolean;
}

export interface ShellScript {
  readonly source: string;
  /** Every simple command in source order, including nested ones. */
  readonly commands: readonly ShellCommand[];
  /** Syntax errors tree-sitter recovered from (the rest of the script is still analysed). */
  readonly errors: ReadonlyArray<{ readonly span: Span }>;
}
