/**
 * How the package-manager rules walk a Dockerfile: every RUN (the ones ONBUILD wraps included), and
 * the programs each runs — its shell-form line, its heredoc scripts and `sh -c` bodies, in order,
 * wrappers like `sudo`/`env` looked through (src/lint/shell/invocations.ts).
 */
import type { Dockerfile, RunInstruction, Span } from '../../dockerfile/ast.js';
import { isRun, withOnbuild } from '../../dockerfile/guards.js';
import type { RuleContext, TextEdit } from '../../rule.js';
import { invocations, type Invocation } from '../../shell/invocations.js';
import type { ShellScript, ShellWord } from '../../shell/model.js';
import { sourceOf } from '../../shell/parse.js';
import { FileCache } from '../../file-scope.js';

export interface RunProgram {
  readonly inv: Invocation;
  /** The top-level script (RUN line or heredoc) the program belongs to, `sh -c` bodies included. */
  readonly script: ShellScript;
}

export type NamedProgram = RunProgram & { readonly run: RunInstruction };

interface Index {
  readonly runs: readonly RunInstruction[];
  readonly programs: ReadonlyMap<RunInstruction, readonly RunProgram[]>;
  readonly byName: ReadonlyMap<string, readonly NamedProgram[]>;
}

/** Built once per lint context: every rule of the family reads the same lists. */
const INDEX = new FileCache<RuleContext, Index>();

function indexOf(ctx: RuleContext): Index {
  let index = INDEX.get(ctx);
  if (index === undefined) {
    const runs: RunInstruction[] = [];
    const programs = new Map<RunInstruction, RunProgram[]>();
    const byName = new Map<string, NamedProgram[]>();
    for (const instr of withOnbuild(ctx.doc.instructions)) {
      if (!isRun(instr)) continue;
      runs.push(instr);
      const list: RunProgram[] = [];
      for (const script of ctx.shellOf(instr)) {
        for (const inv of invocations(script)) {
          list.push({ inv, script });
          const named = byName.get(inv.name);
          if (named === undefined) byName.set(inv.name, [{ inv, script, run: instr }]);
          else named.push({ inv, script, run: instr });
        }
      }
      programs.set(instr, list);
    }
    index = { runs, programs, byName };
    INDEX.set(ctx, index);
  }
  return index;
}

/** Every RUN of the file in order, ONBUILD-wrapped ones right after their wrapper. */
export function runsOf(ctx: RuleContext): readonly RunInstruction[] {
  return indexOf(ctx).runs;
}

/** The programs a RUN runs, in source order. */
export function programsOf(ctx: RuleContext, run: RunInstruction): readonly RunProgram[] {
  return indexOf(ctx).programs.get(run) ?? [];
}

/** Every program of every RUN named one of `names` (after wrappers), in file order. */
export function programsNamed(ctx: RuleContext, names: ReadonlySet<string>): NamedProgram[] {
  const index = indexOf(ctx);
  const out: NamedProgram[] = [];
  for (const name of names) out.push(...(index.byName.get(name) ?? []));
  if (names.size > 1) out.sort((a, b) => a.inv.nameWord.span.start.offset - b.inv.nameWord.span.start.offset);
  return out;
}

/** Every program of every RUN whose name passes `test` (tested once per distinct name), in file order. */
export function programsMatching(ctx: RuleContext, test: (name: string) => boolean): NamedProgram[] {
  const out: NamedProgram[] = [];
  let names = 0;
  for (const [name, list] of indexOf(ctx).byName) {
    if (!test(name)) continue;
    out.push(...list);
    names++;
  }
  if (names > 1) out.sort((a, b) => a.inv.nameWord.span.start.offset - b.inv.nameWord.span.start.offset);
  return out;
}

/** From the start of `from` to the end of `to` (e.g. `apt-get … install`). */
export function spanFrom(from: ShellWord, to: ShellWord | undefined): Span {
  return { start: from.span.start, end: (to ?? from).span.end };
}

/** True when the word's span holds exactly its source text (no line continuation or escape inside). */
function spanIsExact(doc: Dockerfile, word: ShellWord): boolean {
  return doc.text.slice(word.span.start.offset, word.span.end.offset) === word.raw;
}

/** An edit inserting `text` right after `word`, or undefined when the word's position is not exact. */
export function insertAfter(doc: Dockerfile, word: ShellWord, text: string): TextEdit[] | undefined {
  return spanIsExact(doc, word) ? [{ offset: word.span.end.offset, length: 0, text }] : undefined;
}

/**
 * An edit appending `text` to a top-level script (` && rm -rf …`): only when the script's last command
 * ends the script text (no trailing comment, `;`, `&`, closing keyword or syntax error after it), so the
 * appended command joins the last list item and runs last.
 */
export function appendToScript(script: ShellScript, text: string): TextEdit[] | undefined {
  const src = sourceOf(script);
  const last = script.commands[script.commands.length - 1];
  if (src === undefined || last === undefined || last.nested || script.errors.length > 0) return undefined;
  const length = src.text.trimEnd().length;
  if (length === 0) return undefined;
  const end = src.toFile(length - 1).offset + 1;
  return last.span.end.offset === end ? [{ offset: end, length: 0, text }] : undefined;
}
