/**
 * DL3060: `yarn install` (also `yarn` alone, `yarn add`, `yarn global add`) fills yarn's cache; a RUN
 * that does not run `yarn cache clean` afterwards (or delete the cache directory) keeps it in the layer,
 * unless the cache is on a cache/tmpfs mount. Only stages that reach the image count (packages/stages.ts).
 */
import type { RunInstruction } from '../dockerfile/ast.js';
import type { LintRule, RuleContext, Violation } from '../rule.js';
import type { Invocation } from '../shell/invocations.js';
import { flagsNamed, hasFlag, parseOptions } from '../shell/options.js';
import { YARN_OPTIONS } from '../shell/tool-options.js';
import { cacheMountTargets, mountHolds } from './packages/cache-mounts.js';
import { programsNamed, programsOf, runsOf, spanFrom, type RunProgram } from './packages/runs.js';
import { reachesImage } from './packages/stages.js';
import { subcommandOf } from './packages/tool-commands.js';

const YARN = new Set(['yarn']);

/** Where yarn 1 (root: /usr/local/share/.cache/yarn, others ~/.cache/yarn) and yarn 2+ keep the cache. */
const CACHE_SUFFIXES = ['/.cache/yarn', '/.yarn/cache', '/.yarn/berry/cache'];

function isInstall(inv: Invocation): boolean {
  if (inv.name !== 'yarn') return false;
  const { subcommand, operands } = subcommandOf(inv, YARN_OPTIONS);
  const sub = subcommand?.value;
  if (subcommand === undefined) return !hasFlag(subcommandOf(inv, YARN_OPTIONS), 'v', 'version', 'h', 'help');
  return sub === 'install' || sub === 'add' || (sub === 'global' && operands[0]?.value === 'add');
}

function isYarnCachePath(path: string): boolean {
  const p = path.replace(/\/\*$/, '').replace(/\/+$/, '');
  return CACHE_SUFFIXES.some((s) => p.endsWith(s));
}

function cleansCache(inv: Invocation): boolean {
  if (inv.name === 'yarn') {
    const { subcommand, operands } = subcommandOf(inv, YARN_OPTIONS);
    return subcommand?.value === 'cache' && operands[0]?.value === 'clean';
  }
  return inv.name === 'rm' && parseOptions(inv.args).positionals.some((w) => w.value !== undefined && isYarnCachePath(w.value));
}

function cacheOnMount(run: RunInstruction, inv: Invocation): boolean {
  if (cacheMountTargets(run).some((t) => CACHE_SUFFIXES.some((s) => t.endsWith(s)) || t.endsWith('/.cache'))) return true;
  const folder = flagsNamed(subcommandOf(inv, YARN_OPTIONS), 'cache-folder').pop()?.value;
  return folder !== undefined && mountHolds(run, folder);
}

/** The last install of the RUN that no later cache clean follows. */
function forgottenInstall(programs: readonly RunProgram[]): RunProgram | undefined {
  let pending: RunProgram | undefined;
  for (const p of programs) {
    if (isInstall(p.inv)) pending = p;
    else if (pending !== undefined && cleansCache(p.inv)) pending = undefined;
  }
  return pending;
}

function checkRun(ctx: RuleContext, run: RunInstruction): Violation | undefined {
  const install = forgottenInstall(programsOf(ctx, run));
  if (install === undefined || cacheOnMount(run, install.inv) || !reachesImage(ctx.doc, run)) return undefined;
  return { code: 'DL3060', span: spanFrom(install.inv.nameWord, subcommandOf(install.inv, YARN_OPTIONS).subcommand) };
}

export const DL3060: LintRule = {
  code: 'DL3060',
  level: 'info',
  message: '`yarn cache clean` missing after `yarn install` was run.',
  description: '`yarn cache clean` missing after `yarn install` was run.',
  check(ctx) {
    const out: Violation[] = [];
    if (programsNamed(ctx, YARN).length === 0) return out;
    for (const run of runsOf(ctx)) {
      const v = checkRun(ctx, run);
      if (v !== undefined) out.push(v);
    }
    return out;
  },
};
