import type { ShellInstruction, Span, Text } from '../dockerfile/ast.js';
import { isFrom, isRun, isShell } from '../dockerfile/guards.js';
import type { LintRule, Violation } from '../rule.js';
import type { ShellCommand, ShellScript, ShellWord } from '../shell/model.js';
import { parseOptions, type OptionSpec } from '../shell/options.js';

/** Shells whose `-o pipefail` Hadolint trusts; plain `sh` may be dash, which has none. */
const PIPEFAIL_SHELLS: ReadonlySet<string> = new Set(['bash', 'zsh', 'ash', 'ksh', 'mksh']);
const O_OPTION: OptionSpec = { shortWithValue: 'oO' };

const asWord = (t: Text): ShellWord => ({ raw: t.raw, value: t.value, span: t.span });

function setsPipefail(words: readonly ShellWord[]): boolean {
  return parseOptions(words, O_OPTION).flags.some((f) => f.name === 'o' && f.value === 'pipefail');
}

/** `SHELL ["/bin/bash", "-o", "pipefail", "-c"]` (also `-eo pipefail`, zsh/ash/ksh, any path). */
function shellHasPipefail(shell: ShellInstruction): boolean {
  const exe = shell.args[0]?.value.split('/').pop()?.toLowerCase();
  return exe !== undefined && PIPEFAIL_SHELLS.has(exe) && setsPipefail(shell.args.slice(1).map(asWord));
}

const isSetPipefail = (c: ShellCommand): boolean => c.name === 'set' && !c.nested && setsPipefail(c.words.slice(1));

/** The first pipeline of a script not preceded by `set -o pipefail`: from its first command to its last. */
function unprotectedPipe(script: ShellScript): Span | undefined {
  const commands = script.commands;
  for (let i = 0; i < commands.length; i++) {
    const c = commands[i] as ShellCommand;
    if (isSetPipefail(c)) return undefined;
    if (c.pipelineLength < 2 || c.pipelineIndex !== 0) continue;
    const last = commands.slice(i).filter((x) => x.pipelineId === c.pipelineId).pop() ?? c;
    return { start: c.span.start, end: last.span.end };
  }
  return undefined;
}

/**
 * A RUN with a pipe while the shell does not have pipefail: a failing command before the `|` goes
 * unnoticed. Set by `SHELL [<bash|zsh|ash|ksh> ... -o pipefail ...]` (kept by a stage built FROM that
 * stage, reset by any other FROM) or `set -o pipefail` earlier in the same script. Non-POSIX shells and
 * ONBUILD RUNs (whose shell is the child's) are not checked. Points at the first unprotected pipeline.
 */
export const DL4006: LintRule = {
  code: 'DL4006',
  level: 'warning',
  message:
    'Set the SHELL option -o pipefail before RUN with a pipe in it. If you are using /bin/sh in an alpine image or if your shell is symlinked to busybox then consider explicitly setting your SHELL to /bin/ash, or disable this check',
  description: 'Use SHELL with -o pipefail (or set -o pipefail) before a RUN with a pipe.',
  check(ctx) {
    const out: Violation[] = [];
    if (!ctx.doc.text.includes('|')) return out; // no pipe anywhere
    const finalOfStage: boolean[] = [];
    let pipefail = false;
    for (const instr of ctx.doc.instructions) {
      if (isFrom(instr)) {
        if (instr.stage > 0) finalOfStage[instr.stage - 1] = pipefail;
        const parent = ctx.doc.stages[instr.stage]?.parent;
        pipefail = parent !== undefined && finalOfStage[parent] === true;
      } else if (isShell(instr)) pipefail = shellHasPipefail(instr);
      else if (isRun(instr) && !pipefail && ctx.shellKind(instr) === 'posix') {
        for (const script of ctx.shellOf(instr)) {
          const span = unprotectedPipe(script);
          if (span !== undefined) out.push({ code: 'DL4006', span });
        }
      }
    }
    return out;
  },
};
