/**
 * The RuleContext rules read: the parsed file, settings, and — parsed once, on first use — the shell
 * model of every shell-form command and heredoc script, plus which shell each instruction runs under.
 */
import type { CommandForm, Dockerfile, Heredoc, Instruction, RunInstruction, ShellSource } from './dockerfile/ast.js';
import { isOnbuild, isShell } from './dockerfile/guards.js';
import { heredocSource } from './dockerfile/heredoc.js';
import type { RuleContext, RuleSettings } from './rule.js';
import { parseShell } from './shell/parse.js';
import type { ShellScript } from './shell/model.js';

/** ShellCheck dialects drydock passes on; `non-posix` means no shell analysis at all (pwsh, cmd). */
export type ShellDialect = 'sh' | 'bash' | 'dash' | 'ksh' | 'non-posix';

const SHELL_DIALECTS: Readonly<Record<string, ShellDialect>> = {
  sh: 'sh',
  ash: 'sh',
  busybox: 'sh',
  dash: 'dash',
  bash: 'bash',
  zsh: 'bash',
  ksh: 'ksh',
  mksh: 'ksh',
};

/** `/bin/bash`, `C:\\...\\powershell.exe`, `pwsh` → the dialect of that executable. */
export function dialectOfExecutable(exe: string): ShellDialect {
  const base = exe.split(/[\\/]/).pop()?.toLowerCase().replace(/\.exe$/, '') ?? '';
  return SHELL_DIALECTS[base] ?? 'non-posix';
}

const SHELLS = new Set(Object.keys(SHELL_DIALECTS));

/** A heredoc marker on a RUN line: `<<EOF`, `<<-EOF`, `<<"EOF"`, `3<<'X'`. */
const HEREDOC_MARKER = /\d*<<-?\s*(["']?)[A-Za-z0-9_.-]+\1/g;

/**
 * Whether a heredoc of a RUN is a shell script: `RUN <<EOF` (the body is the command) or the heredoc is
 * fed to a shell (`RUN bash -e <<EOF`). A body starting with a non-shell `#!` line is not.
 */
export function heredocIsScript(run: RunInstruction, h: Heredoc): boolean {
  const shebang = /^#!\s*(\S+)(?:\s+(\S+))?/.exec(h.body);
  if (shebang) {
    const exe = shebang[1] ?? '';
    const target = /\/env$/.test(exe) ? (shebang[2] ?? '') : exe;
    if (dialectOfExecutable(target) === 'non-posix') return false;
  }
  if (run.command.kind !== 'shell') return false;
  const words = run.command.script.text
    .replace(HEREDOC_MARKER, ' ')
    .trim()
    .split(/\s+/)
    .filter((w) => w !== '');
  if (words.length === 0) return true;
  const name = (words[0] ?? '').split('/').pop() ?? '';
  return SHELLS.has(name);
}

interface ShellState {
  dialect: ShellDialect;
}

/**
 * The shell each instruction runs under: `SHELL [...]` changes it for the rest of the stage; a stage
 * built FROM an earlier stage starts with that stage's final shell; any other FROM resets it to
 * `/bin/sh`. A `# hadolint shell=...` pragma (passed in as `pragmaShellAt`) wins from its line on.
 */
export function computeDialects(doc: Dockerfile, pragmaShellAt: (line: number) => string | undefined): Map<Instruction, ShellDialect> {
  const out = new Map<Instruction, ShellDialect>();
  const finalOfStage: ShellDialect[] = [];
  let state: ShellState = { dialect: 'sh' };
  const assign = (i: Instruction): void => {
    const pragma = pragmaShellAt(i.span.start.line);
    out.set(i, pragma !== undefined ? dialectOfExecutable(pragma) : state.dialect);
  };
  for (const instr of doc.instructions) {
    if (instr.keyword === 'FROM') {
      if (instr.stage > 0) finalOfStage[instr.stage - 1] = state.dialect;
      const stage = doc.stages[instr.stage];
      const parent = stage?.parent;
      state = { dialect: parent !== undefined ? (finalOfStage[parent] ?? 'sh') : 'sh' };
    }
    assign(instr);
    // An ONBUILD trigger runs in some later image, under that image's shell: /bin/sh unless a pragma says otherwise.
    if (isOnbuild(instr) && instr.inner) {
      const pragma = pragmaShellAt(instr.inner.span.start.line);
      out.set(instr.inner, pragma !== undefined ? dialectOfExecutable(pragma) : 'sh');
    }
    if (isShell(instr) && instr.args[0]) state = { dialect: dialectOfExecutable(instr.args[0].value) };
  }
  return out;
}

function formScripts(form: CommandForm | undefined): ShellSource[] {
  return form?.kind === 'shell' ? [form.script] : [];
}

/** The shell sources of an instruction: its shell-form command, and its heredoc scripts (RUN). */
export function shellSourcesOf(doc: Dockerfile, instr: Instruction): ShellSource[] {
  switch (instr.keyword) {
    case 'RUN': {
      const run = instr as RunInstruction;
      const scripts = run.heredocs.length > 0 && heredocOnly(run) ? [] : formScripts(run.command);
      for (const h of run.heredocs) if (heredocIsScript(run, h)) scripts.push(heredocSource(doc, h));
      return scripts;
    }
    case 'CMD':
    case 'ENTRYPOINT':
      return 'command' in instr ? formScripts(instr.command) : [];
    case 'HEALTHCHECK':
      return 'command' in instr ? formScripts(instr.command) : [];
    case 'ONBUILD':
      return 'inner' in instr && instr.inner ? shellSourcesOf(doc, instr.inner) : [];
    default:
      return [];
  }
}

/** `RUN <<EOF` with nothing but heredoc markers on the line: the line itself is no script. */
function heredocOnly(run: RunInstruction): boolean {
  return run.command.kind === 'shell' && run.command.script.text.replace(HEREDOC_MARKER, '').trim() === '';
}

export function createContext(doc: Dockerfile, settings: RuleSettings, dialects: ReadonlyMap<Instruction, ShellDialect>): RuleContext {
  const cache = new Map<Instruction, readonly ShellScript[]>();
  return {
    doc,
    settings,
    shellOf(instr) {
      let scripts = cache.get(instr);
      if (scripts === undefined) {
        scripts = (dialects.get(instr) ?? 'sh') === 'non-posix' ? [] : shellSourcesOf(doc, instr).map((s) => parseShell(s));
        cache.set(instr, scripts);
      }
      return scripts;
    },
    shellKind(instr) {
      return (dialects.get(instr) ?? 'sh') === 'non-posix' ? 'non-posix' : 'posix';
    },
  };
}
