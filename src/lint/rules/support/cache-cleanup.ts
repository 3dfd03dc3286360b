/**
 * "Package cache left in the layer" (DL3032 yum, DL3040 dnf/microdnf, DL3036 zypper): a RUN that
 * downloads packages must clean the tool's cache after its last download — with the tool's own clean
 * command, or `rm` of the cache directory — unless the cache directory is a `cache`/`tmpfs` mount, which
 * never lands in the layer. Each tool is judged on its own (`dnf install` then `microdnf clean all`
 * leaves dnf's cache).
 */
import type { Mount, RunInstruction } from '../../dockerfile/ast.js';
import type { RuleContext, TextEdit, Violation } from '../../rule.js';
import type { Invocation } from '../../shell/invocations.js';
import { parseOptions } from '../../shell/options.js';
import { appendCommandFix } from './append-fix.js';
import type { PackageCommand } from './rpm-tools.js';
import { commandSpan, invocationsNamed, type RunInvocation } from './run-commands.js';

export interface CleanupSpec {
  readonly code: string;
  /** The programs checked, each on its own. */
  readonly tools: ReadonlySet<string>;
  readonly read: (inv: Invocation) => PackageCommand;
  /** Whether a command downloads packages into the cache. */
  readonly downloads: (c: PackageCommand) => boolean;
  /** Whether a command of the same tool cleans the cache. */
  readonly cleans: (c: PackageCommand) => boolean;
  /** The cache directories (absolute, no trailing slash). */
  readonly cacheDirs: readonly string[];
  /** The command the fix appends for a tool, e.g. `dnf clean all`. */
  readonly cleanCommand: (tool: string) => string;
}

/** `/var/cache/yum/*` and `/var/cache/yum/` → `/var/cache/yum`. */
function normalizePath(p: string): string {
  let out = p;
  for (;;) {
    const next = out.replace(/\/\*$/, '').replace(/\/+$/, '');
    if (next === out) return out;
    out = next;
  }
}

/** Whether removing or mounting over `path` covers one of the cache directories. */
function covers(path: string, dirs: readonly string[]): boolean {
  const p = normalizePath(path);
  if (p.length < 2 || !p.startsWith('/')) return false;
  return dirs.some((d) => d === p || d.startsWith(`${p}/`));
}

function mountedAway(mounts: readonly Mount[], dirs: readonly string[]): boolean {
  return mounts.some((m) => (m.type === 'cache' || m.type === 'tmpfs') && m.target !== undefined && covers(m.target, dirs));
}

function removesCache(inv: Invocation, dirs: readonly string[]): boolean {
  if (inv.name !== 'rm') return false;
  return parseOptions(inv.args).positionals.some((w) => w.value !== undefined && covers(w.value, dirs));
}

interface Missing {
  readonly tool: string;
  readonly install: Invocation;
}

const RM: ReadonlySet<string> = new Set(['rm']);

/** The tools of a RUN that download packages and leave their cache behind, with their last download. */
function missingCleanups(uses: readonly RunInvocation[], removals: readonly RunInvocation[], spec: CleanupSpec): Missing[] {
  const out: Missing[] = [];
  for (const tool of spec.tools) {
    let last: RunInvocation | undefined;
    let cleaned = false;
    for (const r of uses) {
      if (r.inv.name !== tool) continue;
      const c = spec.read(r.inv);
      if (spec.downloads(c)) {
        last = r;
        cleaned = false;
      } else if (last !== undefined && spec.cleans(c)) cleaned = true;
    }
    if (last === undefined) continue;
    const after = last.index;
    if (!cleaned) cleaned = removals.some((r) => r.index > after && removesCache(r.inv, spec.cacheDirs));
    if (!cleaned) out.push({ tool, install: last.inv });
  }
  return out;
}

/** The tool invocations grouped by RUN (in file order). */
function byRun(found: readonly RunInvocation[]): Map<RunInstruction, RunInvocation[]> {
  const out = new Map<RunInstruction, RunInvocation[]>();
  for (const r of found) {
    const list = out.get(r.run);
    if (list === undefined) out.set(r.run, [r]);
    else list.push(r);
  }
  return out;
}

/** One violation per RUN that leaves a cache behind, pointing at the last download; the fix appends the clean commands. */
export function checkCacheCleanup(ctx: RuleContext, spec: CleanupSpec): Violation[] {
  const out: Violation[] = [];
  const found = invocationsNamed(ctx, spec.tools);
  if (found.length === 0) return out;
  const removals = byRun(invocationsNamed(ctx, RM));
  for (const [run, uses] of byRun(found)) {
    if (mountedAway(run.mounts, spec.cacheDirs)) continue;
    const missing = missingCleanups(uses, removals.get(run) ?? [], spec);
    const last = missing.reduce<Missing | undefined>((a, m) => (a === undefined || m.install.nameWord.span.start.offset > a.install.nameWord.span.start.offset ? m : a), undefined);
    if (last === undefined) continue;
    const sudo = missing.some((m) => m.install.wrappers.includes('sudo'));
    const fix: TextEdit[] | undefined = sudo ? undefined : appendCommandFix(ctx, run, missing.map((m) => spec.cleanCommand(m.tool)).join(' && '));
    out.push({ code: spec.code, span: commandSpan(last.install), ...(fix !== undefined ? { fix } : {}) });
  }
  return out;
}
