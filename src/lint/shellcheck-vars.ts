/**
 * The variables a RUN script may use without ShellCheck calling them unassigned (SC2154): BuildKit's
 * predefined proxy ARGs, and the ARGs and ENVs declared earlier in the same stage (ENVs also from the
 * stage it builds FROM). A FROM starts a new scope; an ONBUILD RUN runs in some later image, so it sees
 * only the predefined ones.
 */
import type { Dockerfile, Instruction } from './dockerfile/ast.js';
import { PROXY_VARIABLES } from './shellcheck.js';

export const PREDEFINED_ARGS: readonly string[] = [...PROXY_VARIABLES, 'ALL_PROXY', 'all_proxy'];

function envOfStage(doc: Dockerfile, stage: number, until: Instruction | undefined, seen: Set<number>): string[] {
  const s = doc.stages[stage];
  if (s === undefined || seen.has(stage)) return [];
  seen.add(stage);
  const out = s.parent !== undefined ? envOfStage(doc, s.parent, undefined, seen) : [];
  for (const i of s.instructions) {
    if (i === until) break;
    if (i.keyword === 'ENV' && 'pairs' in i) for (const p of i.pairs) out.push(p.key.value);
  }
  return out;
}

export function declaredVariables(doc: Dockerfile, instr: Instruction): string[] {
  const names = new Set(PREDEFINED_ARGS);
  if (instr.onbuild) return [...names];
  const stage = doc.stages[instr.stage];
  // Instructions before any FROM (a fragment, or a file without FROM) see what was declared before them.
  const scope = stage === undefined ? doc.instructions.filter((i) => i.stage === instr.stage) : stage.instructions;
  if (stage !== undefined) for (const n of envOfStage(doc, instr.stage, instr, new Set())) names.add(n);
  for (const i of scope) {
    if (i === instr) break;
    if (i.keyword === 'ARG' && 'pairs' in i) for (const p of i.pairs) names.add(p.key.value);
    if (stage === undefined && i.keyword === 'ENV' && 'pairs' in i) for (const p of i.pairs) names.add(p.key.value);
  }
  return [...names];
}
