import type { LintRule, Violation } from '../rule.js';
import { invocationsNamed, type RunInvocation } from './support/run-commands.js';

const TOOLS: ReadonlySet<string> = new Set(['curl', 'wget']);

/** The RUNs using curl or wget, in order, each with the programs it uses (its first one first). */
function byRun(found: readonly RunInvocation[]): RunInvocation[][] {
  const out: RunInvocation[][] = [];
  for (const r of found) {
    const last = out[out.length - 1];
    if (last !== undefined && last[0]?.run === r.run) last.push(r);
    else out.push([r]);
  }
  return out;
}

/**
 * Within one stage, once both curl and wget have been used, every RUN using either is reported (the
 * first RUN that completes the pair and each later one). ONBUILD RUNs are judged among themselves.
 * Points at the RUN's first curl/wget.
 */
export const DL4001: LintRule = {
  code: 'DL4001',
  level: 'warning',
  message: 'Either use Wget or Curl but not both',
  description: 'Use one download tool per stage: curl or wget.',
  check(ctx) {
    const out: Violation[] = [];
    const runs = byRun(invocationsNamed(ctx, TOOLS));
    for (const onbuild of [false, true]) {
      const seen = new Set<string>();
      let stage = Number.NaN;
      for (const uses of runs) {
        const run = uses[0]?.run;
        if (run === undefined || run.onbuild !== onbuild) continue;
        if (run.stage !== stage) {
          stage = run.stage;
          seen.clear();
        }
        for (const u of uses) seen.add(u.inv.name);
        if (seen.size === TOOLS.size) out.push({ code: 'DL4001', span: (uses[0] as RunInvocation).inv.nameWord.span });
      }
    }
    return out;
  },
};
