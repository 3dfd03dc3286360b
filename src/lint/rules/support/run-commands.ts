/**
 * What the shell-usage rules read from RUN instructions: every RUN of a file (those wrapped by ONBUILD
 * included) and the programs each one runs, across its shell-form line and its heredoc scripts, with
 * `sudo`/`env` wrappers looked through and `sh -c '...'` bodies included. Indexed once per lint run by
 * program name, so a rule about `zypper` costs nothing on a file that never runs it.
 */
import type { Dockerfile, RunInstruction, Span } from '../../dockerfile/ast.js';
import { isRun, withOnbuild } from '../../dockerfile/guards.js';
import type { RuleContext } from '../../rule.js';
import { invocations, type Invocation } from '../../shell/invocations.js';
import type { ShellScript } from '../../shell/model.js';
import { FileCache } from '../../file-scope.js';

export interface RunInvocation {
  readonly inv: Invocation;
  /** The script (shell-form line or heredoc body) the command belongs to. */
  readonly script: ShellScript;
  readonly run: RunInstruction;
  /** Position among the RUN's invocations (file order within the RUN). */
  readonly index: number;
}

const RUNS = new FileCache<Dockerfile, readonly RunInstruction[]>();
/** Keyed by the scripts array the context caches for a RUN, so every rule shares one list. */
const INVOCATIONS = new FileCache<readonly ShellScript[], readonly RunInvocation[]>();
const BY_NAME = new FileCache<RuleContext, ReadonlyMap<string, readonly RunInvocation[]>>();
const NONE: readonly RunInvocation[] = [];

/** Every RUN in file order, the RUN an ONBUILD wraps included (right where its ONBUILD is). Cached per file. */
export function allRuns(doc: Dockerfile): readonly RunInstruction[] {
  let runs = RUNS.get(doc);
  if (runs === undefined) {
    runs = [...withOnbuild(doc.instructions)].filter(isRun);
    RUNS.set(doc, runs);
  }
  return runs;
}

/** The programs a RUN runs, in order: its shell-form line first, then its heredoc scripts. Cached. */
export function runInvocations(ctx: RuleContext, run: RunInstruction): readonly RunInvocation[] {
  const scripts = ctx.shellOf(run);
  let out = INVOCATIONS.get(scripts);
  if (out === undefined) {
    const list: RunInvocation[] = [];
    for (const script of scripts) for (const inv of invocations(script)) list.push({ inv, script, run, index: list.length });
    out = list;
    INVOCATIONS.set(scripts, out);
  }
  return out;
}

function index(ctx: RuleContext): ReadonlyMap<string, readonly RunInvocation[]> {
  let map = BY_NAME.get(ctx) as Map<string, RunInvocation[]> | undefined;
  if (map === undefined) {
    map = new Map();
    for (const run of allRuns(ctx.doc)) {
      for (const r of runInvocations(ctx, run)) {
        const list = map.get(r.inv.name);
        if (list === undefined) map.set(r.inv.name, [r]);
        else list.push(r);
      }
    }
    BY_NAME.set(ctx, map);
  }
  return map;
}

/** Every invocation of one of the programs `names` in the file's RUNs, in file order. */
export function invocationsNamed(ctx: RuleContext, names: ReadonlySet<string>): readonly RunInvocation[] {
  const map = index(ctx);
  if (names.size === 1) for (const n of names) return map.get(n) ?? NONE;
  const out: RunInvocation[] = [];
  for (const n of names) out.push(...(map.get(n) ?? NONE));
  return out.sort((a, b) => a.inv.nameWord.span.start.offset - b.inv.nameWord.span.start.offset);
}

/** From the program's name word to the end of its command: what a "this command ..." finding points at. */
export function commandSpan(inv: Invocation): Span {
  return { start: inv.nameWord.span.start, end: inv.command.span.end };
}
