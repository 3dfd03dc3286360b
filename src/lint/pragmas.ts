/**
 * Pragmas: comments that steer the linter. Hadolint's grammar (src/Hadolint/Pragma.hs), also under
 * drydock's own prefix (`# drydock ignore=DD001,DL3008`):
 *
 *   pragma  = spaces PREFIX spaces1 ( ignore | "global" spaces1 ignore | "stage" spaces1 ignore | shell )
 *   ignore  = "ignore" spaces "=" spaces code comment ( spaces "," spaces code comment )*
 *   shell   = "shell" spaces "=" spaces name comment
 *   code    = 1+ of [DLSC0-9]          name = 1+ characters other than space, tab, newline
 *   comment = spaces ( "#" anything )?  spaces = [ \t]*   spaces1 = [ \t]+   PREFIX = hadolint | drydock
 *
 * The whole comment must match (anything else, e.g. `ignore=crazy,DL3002`, makes it no pragma at all).
 *
 * - `ignore=` applies to the instruction starting on the very next line (Hadolint keys it on line + 1).
 * - `global ignore=` applies to the whole file, wherever it stands.
 * - `stage ignore=` applies to the stage whose FROM is on the very next line (its FROM included); one
 *   not directly above a FROM has no effect (as in Hadolint 2.15).
 * - `shell=` before the first FROM sets the shell of every stage; inside a stage it sets the shell from
 *   there to the end of the stage; a stage built FROM an earlier stage starts with that stage's shell.
 * `disableIgnorePragma` turns every ignore off (not `shell=`); uses of inline ignores are still listed
 * for DL1001.
 */
import type { Comment, Span } from './dockerfile/ast.js';

export const PRAGMA_PREFIXES = ['hadolint', 'drydock'] as const;
export type PragmaPrefix = (typeof PRAGMA_PREFIXES)[number];
export type IgnoreScope = 'line' | 'global' | 'stage';

export type ParsedPragma =
  | { readonly kind: 'ignore'; readonly prefix: PragmaPrefix; readonly scope: IgnoreScope; readonly codes: readonly string[] }
  | { readonly kind: 'shell'; readonly prefix: PragmaPrefix; readonly shell: string };

export interface IgnorePragma {
  readonly prefix: PragmaPrefix;
  readonly scope: IgnoreScope;
  readonly codes: readonly string[];
  readonly span: Span;
  /** Whether it takes effect: a line ignore above an instruction, a stage ignore above a FROM (global: always). */
  readonly effective: boolean;
}

export interface ShellPragma {
  readonly shell: string;
  /** The pragma's own line. */
  readonly line: number;
  readonly span: Span;
}

export interface Pragmas {
  /** Whether findings of `code` on the instruction starting at `instructionLine`, in stage `stage` (−1: before any FROM), are ignored. */
  isIgnored(code: string, instructionLine: number, stage: number): boolean;
  /** The shell named by the `shell=` pragma in effect at `line`, if any. */
  shellAt(line: number): string | undefined;
  /** The same with the pragma's position (to weigh it against a `SHELL` instruction). */
  shellPragmaAt(line: number): ShellPragma | undefined;
  /** Every inline (next-line) ignore pragma, either prefix: what DL1001 reports. */
  readonly inlineIgnoreSpans: readonly Span[];
  /** Every valid ignore pragma, in file order. */
  readonly ignores: readonly IgnorePragma[];
}

export interface PragmaOptions {
  /** Per stage, the earlier stage it is built FROM (by name), if any: shell pragmas carry over. */
  readonly stageParents?: ReadonlyArray<number | undefined>;
  readonly disableIgnorePragma?: boolean;
}

const isSpace = (c: string | undefined): boolean => c === ' ' || c === '\t';
const isCodeChar = (c: string | undefined): boolean => c !== undefined && /[DLSC0-9]/.test(c);

/** A tiny cursor over one comment's text. */
class Cursor {
  i = 0;
  constructor(readonly s: string) {}
  spaces(): number {
    const start = this.i;
    while (isSpace(this.s[this.i])) this.i++;
    return this.i - start;
  }
  word(w: string): boolean {
    if (!this.s.startsWith(w, this.i)) return false;
    this.i += w.length;
    return true;
  }
  takeWhile(ok: (c: string | undefined) => boolean): string {
    const start = this.i;
    while (this.i < this.s.length && ok(this.s[this.i])) this.i++;
    return this.s.slice(start, this.i);
  }
  /** `comment` in the grammar: spaces, then optionally `#` and the rest. */
  trailingComment(): void {
    this.spaces();
    if (this.s[this.i] === '#') this.i = this.s.length;
  }
  get done(): boolean {
    return this.i >= this.s.length;
  }
}

function parseCodes(c: Cursor): string[] | undefined {
  if (!c.word('ignore')) return undefined;
  c.spaces();
  if (!c.word('=')) return undefined;
  c.spaces();
  const codes: string[] = [];
  for (;;) {
    const code = c.takeWhile(isCodeChar);
    if (code === '') return undefined;
    codes.push(code);
    c.trailingComment();
    c.spaces();
    if (!c.word(',')) break;
    c.spaces();
  }
  return c.done ? codes : undefined;
}

/** One comment's text (after the `#`) as a pragma, or undefined when it is none. */
export function parsePragma(text: string): ParsedPragma | undefined {
  const c = new Cursor(text.endsWith('\r') ? text.slice(0, -1) : text);
  c.spaces();
  const prefix = PRAGMA_PREFIXES.find((p) => c.word(p));
  if (prefix === undefined || c.spaces() === 0) return undefined;
  if (c.word('shell')) {
    c.spaces();
    if (!c.word('=')) return undefined;
    c.spaces();
    const shell = c.takeWhile((ch) => ch !== ' ' && ch !== '\t' && ch !== '\n');
    c.trailingComment();
    return shell !== '' && c.done ? { kind: 'shell', prefix, shell } : undefined;
  }
  let scope: IgnoreScope = 'line';
  for (const s of ['global', 'stage'] as const) {
    if (c.word(s)) {
      if (c.spaces() === 0) return undefined;
      scope = s;
      break;
    }
  }
  const codes = parseCodes(c);
  return codes ? { kind: 'ignore', prefix, scope, codes } : undefined;
}

/** Index of the stage a line belongs to (−1 before the first FROM); `stageLines` ascending. */
function stageOf(stageLines: readonly number[], line: number): number {
  let s = -1;
  for (let i = 0; i < stageLines.length && (stageLines[i] ?? Infinity) <= line; i++) s = i;
  return s;
}

/**
 * The pragmas of one Dockerfile, from its comments, the start line of every instruction and the
 * line of every stage's FROM (plain numbers, ascending).
 */
export function readPragmas(
  comments: readonly Comment[],
  instructionLines: readonly number[],
  stageLines: readonly number[],
  options: PragmaOptions = {},
): Pragmas {
  const starts = new Set(instructionLines);
  const ignores: IgnorePragma[] = [];
  const shells: ShellPragma[] = [];
  for (const comment of comments) {
    const p = parsePragma(comment.text);
    if (p === undefined) continue;
    const line = comment.span.start.line;
    if (p.kind === 'shell') shells.push({ shell: p.shell, line, span: comment.span });
    else {
      const effective = p.scope === 'global' || (p.scope === 'line' ? starts.has(line + 1) : stageLines.includes(line + 1));
      ignores.push({ prefix: p.prefix, scope: p.scope, codes: p.codes, span: comment.span, effective });
    }
  }
  shells.sort((a, b) => a.line - b.line);
  const lineIgnores = new Map<number, Set<string>>();
  const stageIgnores = new Map<number, Set<string>>();
  const globalIgnores = new Set<string>();
  const add = (m: Map<number, Set<string>>, k: number, codes: readonly string[]): void => {
    const set = m.get(k) ?? new Set<string>();
    for (const code of codes) set.add(code);
    m.set(k, set);
  };
  for (const ig of ignores) {
    const line = ig.span.start.line;
    if (ig.scope === 'global') for (const code of ig.codes) globalIgnores.add(code);
    else if (ig.scope === 'line') add(lineIgnores, line + 1, ig.codes);
    else if (ig.effective) add(stageIgnores, stageLines.indexOf(line + 1), ig.codes);
  }
  const disabled = options.disableIgnorePragma === true;
  const shellPragmaAt = (line: number): ShellPragma | undefined => resolveShell(shells, stageLines, options.stageParents ?? [], line);
  return {
    isIgnored: (code, instructionLine, stage) =>
      !disabled && (globalIgnores.has(code) || (lineIgnores.get(instructionLine)?.has(code) ?? false) || (stageIgnores.get(stage)?.has(code) ?? false)),
    shellAt: (line) => shellPragmaAt(line)?.shell,
    shellPragmaAt,
    inlineIgnoreSpans: ignores.filter((i) => i.scope === 'line').map((i) => i.span),
    ignores,
  };
}

/** The last shell pragma strictly between two lines. */
function lastBetween(shells: readonly ShellPragma[], after: number, before: number): ShellPragma | undefined {
  let found: ShellPragma | undefined;
  for (const s of shells) if (s.line > after && s.line < before) found = s;
  return found;
}

function resolveShell(shells: readonly ShellPragma[], stageLines: readonly number[], parents: ReadonlyArray<number | undefined>, line: number): ShellPragma | undefined {
  if (shells.length === 0) return undefined;
  const firstFrom = stageLines[0] ?? Infinity;
  let stage = stageOf(stageLines, line);
  let before = line;
  // Walk up the chain of parent stages (each strictly earlier, so this ends).
  while (stage >= 0) {
    const own = lastBetween(shells, stageLines[stage] ?? 0, before);
    if (own) return own;
    const parent = parents[stage];
    if (parent === undefined || parent < 0 || parent >= stage) break;
    stage = parent;
    before = stageLines[parent + 1] ?? Infinity;
  }
  return lastBetween(shells, -Infinity, Math.min(line, firstFrom));
}
