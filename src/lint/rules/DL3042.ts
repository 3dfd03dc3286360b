/**
 * DL3042: `pip install` keeps its download/wheel cache (~/.cache/pip) in the layer unless it runs with
 * `--no-cache-dir`, with a truthy PIP_NO_CACHE_DIR (ENV/ARG of the stage or its parent stage,
 * `export`ed earlier in the RUN, or set on the command), or with the cache on a cache/tmpfs mount.
 * `pipx` and `pipenv` manage their own environments and are not checked.
 * Fix: add ` --no-cache-dir` after `install`.
 */
import type { Instruction, RunInstruction } from '../dockerfile/ast.js';
import type { LintRule, RuleContext, Violation } from '../rule.js';
import type { Invocation } from '../shell/invocations.js';
import { flagsNamed, hasFlag } from '../shell/options.js';
import { cacheMountTargets, mountHolds } from './packages/cache-mounts.js';
import { envValueAt } from './packages/env.js';
import { pipInstalls, type PipInstall } from './packages/pip.js';
import { insertAfter, programsOf, spanFrom } from './packages/runs.js';

const NAME = 'PIP_NO_CACHE_DIR';
const TRUTHY = new Set(['1', 'true', 'on', 'yes']);
const EXPORTERS = new Set(['export', 'declare', 'typeset']);

/** The value the last `PIP_NO_CACHE_DIR=value` word among `words` sets, else `current`. */
function assignedIn(words: ReadonlyArray<{ readonly value: string | undefined }>, current: string | undefined): string | undefined {
  let v = current;
  for (const w of words) if (w.value?.startsWith(`${NAME}=`) === true) v = w.value.slice(NAME.length + 1);
  return v;
}

/** The value the command sees: Dockerfile env, then earlier `export`s of the RUN, then its own prefix. */
function noCacheDirValue(ctx: RuleContext, run: RunInstruction, inv: Invocation, fromFile: string | undefined): string | undefined {
  let v = fromFile;
  for (const { inv: p } of programsOf(ctx, run)) {
    if (p === inv) break;
    if (EXPORTERS.has(p.name) && (p.name === 'export' || p.args.some((w) => w.value === '-x'))) v = assignedIn(p.args, v);
    else if (p.name === 'unset' && p.args.some((w) => w.value === NAME)) v = undefined;
  }
  for (const a of inv.command.assignments) if (a.name === NAME) v = a.value?.value ?? '';
  const wrapperWords = inv.command.words.slice(0, inv.command.words.indexOf(inv.nameWord));
  return assignedIn(wrapperWords, v);
}

function cacheOnMount(run: RunInstruction, cmd: PipInstall): boolean {
  const targets = cacheMountTargets(run);
  if (targets.some((t) => t.endsWith('/.cache/pip') || t.endsWith('/.cache')) || mountHolds(run, '/root/.cache/pip')) return true;
  const dir = flagsNamed(cmd, 'cache-dir').pop()?.value;
  return dir !== undefined && mountHolds(run, dir);
}

function checkCommands(ctx: RuleContext, cmds: readonly PipInstall[], env: ReadonlyMap<Instruction, string | undefined>, out: Violation[]): void {
  for (const cmd of cmds) {
    const run = cmd.run;
    if (cmd.tool !== 'pip' || hasFlag(cmd, 'no-cache-dir') || cacheOnMount(run, cmd)) continue;
    const value = noCacheDirValue(ctx, run, cmd.inv, env.get(run));
    if (value !== undefined && TRUTHY.has(value.toLowerCase())) continue;
    const sub = cmd.subcommand;
    const fix = sub === undefined ? undefined : insertAfter(ctx.doc, sub, ' --no-cache-dir');
    out.push({ code: 'DL3042', span: spanFrom(cmd.inv.nameWord, sub), ...(fix !== undefined ? { fix } : {}) });
  }
}

export const DL3042: LintRule = {
  code: 'DL3042',
  level: 'warning',
  message: 'Avoid use of cache directory with pip. Use `pip install --no-cache-dir <package>`',
  description: 'Avoid the pip cache directory with `pip install --no-cache-dir <package>`.',
  check(ctx) {
    const out: Violation[] = [];
    const cmds = pipInstalls(ctx);
    if (cmds.length > 0) checkCommands(ctx, cmds, envValueAt(ctx.doc, NAME), out);
    return out;
  },
};
