import type { CommandForm, Instruction, ShellSource, Stage } from '../dockerfile/ast.js';
import { isCmd, isHealthcheck } from '../dockerfile/guards.js';
import type { LintRule, RuleContext, TextEdit, Violation } from '../rule.js';
import { withKeyword } from './instructions/by-keyword.js';

/** Words that stay the same without a shell: no quotes, expansions, globs, `~`, braces, comments. */
const LITERAL = /^[A-Za-z0-9_@%+=:,./-]+$/;

const BLANKS = /[ \t]+/;

/** Shell builtins and keywords: without a shell there is no program to run. */
const BUILTINS: ReadonlySet<string> = new Set(
  ('. : alias bg break builtin cd command continue declare eval exec exit export false fg getopts hash history jobs let local ' +
    'read readonly return set shift shopt source test times trap true type typeset ulimit umask unalias unset wait [').split(' '),
);

function shellOf(form: CommandForm | undefined): ShellSource | undefined {
  return form?.kind === 'shell' ? form.script : undefined;
}

/** The JSON form of a shell-form command that is one simple command of literal words, else undefined. */
function jsonForm(ctx: RuleContext, instr: Instruction, src: ShellSource): string | undefined {
  const scripts = ctx.shellOf(instr);
  const cmd = scripts.length === 1 ? scripts[0]?.commands : undefined;
  const only = cmd?.length === 1 ? cmd[0] : undefined;
  if (only === undefined || only.nested || only.redirects.length > 0 || only.assignments.length > 0) return undefined;
  if (scripts[0]?.errors.length !== 0 || only.name === undefined || BUILTINS.has(only.name)) return undefined;
  const words = only.words.map((w) => (w.value !== undefined && w.value === w.raw && LITERAL.test(w.value) ? w.value : undefined));
  if (words.length === 0 || words.some((w) => w === undefined)) return undefined;
  // Nothing else in the text (the words joined by blanks are the whole command).
  if (src.text.trim().split(BLANKS).join(' ') !== words.join(' ')) return undefined;
  return `[${words.map((w) => JSON.stringify(w)).join(', ')}]`;
}

/** ENTRYPOINT in exec form takes CMD as arguments: only safe to convert when the stage sets no CMD. */
function stageHasCmd(stage: Stage | undefined): boolean {
  return stage?.instructions.some((i) => i.keyword === 'CMD') === true;
}

function fixFor(ctx: RuleContext, instr: Instruction, src: ShellSource): TextEdit[] | undefined {
  const start = src.toFile(0);
  const end = src.toFile(src.text.length);
  if (start.line !== end.line) return undefined; // keep comments and layout of continued lines
  if (instr.keyword === 'ENTRYPOINT' && (instr.onbuild || stageHasCmd(ctx.doc.stages[instr.stage]))) return undefined;
  const json = jsonForm(ctx, instr, src);
  return json === undefined ? undefined : [{ offset: start.offset, length: end.offset - start.offset, text: json }];
}

/**
 * DL3025: CMD, ENTRYPOINT or HEALTHCHECK CMD in shell form: the command runs under `/bin/sh -c` and
 * does not get signals. Fix: the JSON form, when the command is a single program with literal words
 * (and, for ENTRYPOINT, no CMD in the stage whose arguments the exec form would start passing).
 */
export const DL3025: LintRule = {
  code: 'DL3025',
  level: 'warning',
  message: 'Use arguments JSON notation for CMD and ENTRYPOINT arguments',
  description: 'The shell form wraps the command in `/bin/sh -c`, which does not pass on stop signals.',
  check(ctx) {
    const out: Violation[] = [];
    const { doc } = ctx;
    for (const instr of [...withKeyword(doc, 'CMD'), ...withKeyword(doc, 'ENTRYPOINT'), ...withKeyword(doc, 'HEALTHCHECK')]) {
      const src = isCmd(instr) || isHealthcheck(instr) ? shellOf(instr.command) : undefined;
      if (src === undefined || src.text.trim() === '') continue;
      const start = src.toFile(0);
      const fix = ctx.shellKind(instr) === 'posix' ? fixFor(ctx, instr, src) : undefined;
      out.push({ code: 'DL3025', span: { start, end: src.toFile(src.text.length) }, ...(fix ? { fix } : {}) });
    }
    return out;
  },
};
