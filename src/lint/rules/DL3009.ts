/**
 * DL3009: a RUN that runs `apt-get update` (or `apt`/`aptitude update`) leaves /var/lib/apt/lists in the
 * layer unless a later `rm` in the same RUN deletes it, or the lists live on a cache/tmpfs mount
 * (`target=/var/lib/apt/lists`, or both /var/lib/apt and /var/cache/apt as in Docker's cache-mount
 * recipe). Only stages that reach the image count (see packages/stages.ts).
 * Fix: append ` && rm -rf /var/lib/apt/lists/*` to the script that ran the update.
 */
import type { RunInstruction } from '../dockerfile/ast.js';
import type { LintRule, RuleContext, Violation } from '../rule.js';
import { parseOptions } from '../shell/options.js';
import type { Invocation } from '../shell/invocations.js';
import { APT_GET_OPTIONS } from '../shell/tool-options.js';
import { mountHolds, pathCovers } from './packages/cache-mounts.js';
import { appendToScript, programsNamed, programsOf, runsOf, spanFrom, type RunProgram } from './packages/runs.js';
import { reachesImage } from './packages/stages.js';
import { subcommandOf } from './packages/tool-commands.js';

const LISTS = '/var/lib/apt/lists';
const UPDATERS = new Set(['apt-get', 'apt', 'aptitude']);
const RM_OPTIONS = { longWithValue: ['interactive', 'preserve-root'] };

function isUpdate(inv: Invocation): boolean {
  return UPDATERS.has(inv.name) && subcommandOf(inv, APT_GET_OPTIONS).subcommand?.value === 'update';
}

/** `rm` of the lists directory, its contents (`/var/lib/apt/lists/*`) or an ancestor. */
function removesLists(inv: Invocation): boolean {
  if (inv.name !== 'rm') return false;
  return parseOptions(inv.args, RM_OPTIONS).positionals.some((w) => {
    const path = w.value?.replace(/\/\*$/, '');
    return path !== undefined && pathCovers(path, LISTS);
  });
}

function listsOnMount(run: RunInstruction): boolean {
  const exact = run.mounts.some((m) => (m.type === 'cache' || m.type === 'tmpfs') && m.target?.replace(/\/+$/, '') === LISTS);
  return exact || (mountHolds(run, '/var/lib/apt') && mountHolds(run, '/var/cache/apt'));
}

/** The last `update` of the RUN that no later `rm` of the lists follows. */
function forgottenUpdate(programs: readonly RunProgram[]): RunProgram | undefined {
  let pending: RunProgram | undefined;
  for (const p of programs) {
    if (isUpdate(p.inv)) pending = p;
    else if (pending !== undefined && removesLists(p.inv)) pending = undefined;
  }
  return pending;
}

function checkRun(ctx: RuleContext, run: RunInstruction): Violation | undefined {
  const update = forgottenUpdate(programsOf(ctx, run));
  if (update === undefined || listsOnMount(run) || !reachesImage(ctx.doc, run)) return undefined;
  const sub = subcommandOf(update.inv, APT_GET_OPTIONS).subcommand;
  const fix = appendToScript(update.script, ' && rm -rf /var/lib/apt/lists/*');
  return { code: 'DL3009', span: spanFrom(update.inv.nameWord, sub), ...(fix !== undefined ? { fix } : {}) };
}

export const DL3009: LintRule = {
  code: 'DL3009',
  level: 'info',
  message: 'Delete the apt lists (/var/lib/apt/lists) after installing something',
  description: 'Delete the apt-get lists after installing something.',
  check(ctx) {
    const out: Violation[] = [];
    if (programsNamed(ctx, UPDATERS).length === 0) return out;
    for (const run of runsOf(ctx)) {
      const v = checkRun(ctx, run);
      if (v !== undefined) out.push(v);
    }
    return out;
  },
};
