import type { Dockerfile, EnvInstruction } from '../dockerfile/ast.js';
import { isArg, isEnvOrLabel } from '../dockerfile/guards.js';
import type { LintRule, Violation } from '../rule.js';
import { withKeyword } from './instructions/by-keyword.js';
import { subSpan } from './instructions/spans.js';
import { varRefs } from './instructions/var-refs.js';

/** References in `env` to a variable an earlier pair of it defines and nothing defined before it. */
function selfReferences(doc: Dockerfile, env: EnvInstruction, defined: ReadonlySet<string>): Violation[] {
  const out: Violation[] = [];
  const own = env.pairs.map((p) => p.key.value);
  env.pairs.forEach((pair, idx) => {
    if (pair.value === undefined || idx === 0) return;
    for (const ref of varRefs(pair.value.raw, doc.escape)) {
      if (defined.has(ref.name) || !own.some((name, k) => k < idx && name === ref.name)) continue;
      out.push({ code: 'DL3044', span: subSpan(doc, pair.value, ref.index, ref.end) });
    }
  });
  return out;
}

/**
 * DL3044: an ENV refers to a variable that an earlier pair of the same ENV defines (`ENV A=1 B=$A`):
 * the reference sees the value from before the ENV, not the new one. A pair referring to itself
 * (`PATH=/x:$PATH`) is fine, and so is a variable an earlier ENV or ARG already defined.
 * Points at the reference.
 */
export const DL3044: LintRule = {
  code: 'DL3044',
  level: 'error',
  message: 'Do not refer to an environment variable within the same `ENV` statement where it is defined.',
  description: 'Within one ENV, references expand to the values from before it.',
  check(ctx) {
    const { doc } = ctx;
    const envs = withKeyword(doc, 'ENV');
    // Only an ENV with several pairs can refer to its own variables.
    if (!envs.some((i) => isEnvOrLabel(i) && i.pairs.length > 1)) return [];
    const args = withKeyword(doc, 'ARG');
    const out: Violation[] = [];
    const defined = new Set<string>();
    let a = 0;
    for (const env of envs) {
      if (!isEnvOrLabel(env)) continue;
      for (; a < args.length && (args[a]?.span.start.offset ?? Infinity) < env.span.start.offset; a++) {
        const arg = args[a];
        if (arg !== undefined && isArg(arg)) for (const p of arg.pairs) defined.add(p.key.value);
      }
      if (env.pairs.length > 1) out.push(...selfReferences(doc, env, defined));
      for (const p of env.pairs) defined.add(p.key.value);
    }
    return out;
  },
};
