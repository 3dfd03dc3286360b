/**
 * `pip install` in its forms: `pip`, `pip3`, `pip3.12`, `python3 -m pip`, and `pipx install` (which
 * installs an application into its own virtualenv with pip). `pipenv` and `uv` are other tools.
 */
import type { RuleContext } from '../../rule.js';
import type { Invocation } from '../../shell/invocations.js';
import type { ShellWord } from '../../shell/model.js';
import { parseSubcommand } from '../../shell/options.js';
import { PIP_OPTIONS, PIPX_OPTIONS } from '../../shell/tool-options.js';
import type { RunInstruction } from '../../dockerfile/ast.js';
import { programsMatching, type RunProgram } from './runs.js';
import type { Subcommand } from './tool-commands.js';
import { FileCache } from '../../file-scope.js';

const PIP = /^pip(?:\d+(?:\.\d+)*)?$/;
const PYTHON = /^python(?:\d+(?:\.\d+)*)?$/;
/** Python options that take the next word as their value. */
const PYTHON_VALUE_OPTIONS = new Set(['-W', '-X', '--check-hash-based-pycs']);

export interface PipInstall extends RunProgram, Subcommand {
  readonly run: RunInstruction;
  readonly tool: 'pip' | 'pipx';
}

/** The module `python -m <module>` runs, and the words after it; undefined for other python runs. */
function pythonModule(args: readonly ShellWord[]): { readonly module: string; readonly rest: readonly ShellWord[] } | undefined {
  for (let i = 0; i < args.length; i++) {
    const v = args[i]?.value;
    if (v === undefined || !v.startsWith('-') || v === '-' || v === '-c' || v === '--') return undefined;
    if (v === '-m') {
      const module = args[i + 1]?.value;
      return module === undefined ? undefined : { module, rest: args.slice(i + 2) };
    }
    if (v.startsWith('-m')) return { module: v.slice(2), rest: args.slice(i + 1) };
    if (PYTHON_VALUE_OPTIONS.has(v)) i++;
  }
  return undefined;
}

/** Which pip-like tool an invocation runs, with the words after the tool's name. */
function pipTool(inv: Invocation): { readonly tool: 'pip' | 'pipx'; readonly words: readonly ShellWord[] } | undefined {
  if (PIP.test(inv.name)) return { tool: 'pip', words: inv.args };
  if (inv.name === 'pipx') return { tool: 'pipx', words: inv.args };
  if (!PYTHON.test(inv.name)) return undefined;
  const m = pythonModule(inv.args);
  if (m === undefined) return undefined;
  if (PIP.test(m.module)) return { tool: 'pip', words: m.rest };
  return m.module === 'pipx' ? { tool: 'pipx', words: m.rest } : undefined;
}

const CACHE = new FileCache<RuleContext, readonly PipInstall[]>();

const mayRunPip = (name: string): boolean => name === 'pipx' || PIP.test(name) || PYTHON.test(name);

/** Every `pip install` / `pipx install` of the file, in file order (cached per lint context). */
export function pipInstalls(ctx: RuleContext): readonly PipInstall[] {
  let all = CACHE.get(ctx);
  if (all === undefined) {
    const out: PipInstall[] = [];
    for (const p of programsMatching(ctx, mayRunPip)) {
      const t = pipTool(p.inv);
      if (t === undefined) continue;
      const parsed = parseSubcommand(t.words, t.tool === 'pip' ? PIP_OPTIONS : PIPX_OPTIONS);
      if (parsed.subcommand?.value !== 'install') continue;
      const { flags, positionals, subcommand, operands } = parsed; // spelled out: spreads were a hot spot
      out.push({ inv: p.inv, script: p.script, run: p.run, flags, positionals, subcommand, operands, tool: t.tool });
    }
    all = out;
    CACHE.set(ctx, all);
  }
  return all;
}
