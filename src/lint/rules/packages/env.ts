/**
 * Environment variables a RUN sees from the Dockerfile: `ENV` (and `ARG` defaults, which RUN also gets
 * as environment) of its stage, inherited from the stage it is built FROM. ONBUILD triggers run in a
 * later build: they see the stage's ENV plus earlier `ONBUILD ENV`/`ARG`.
 */
import type { Dockerfile, Instruction, KeyValue } from '../../dockerfile/ast.js';
import { isArg, isEnvOrLabel, isOnbuild } from '../../dockerfile/guards.js';

/** Per instruction, the value `name` has when it runs (undefined: unset or not a literal). */
export function envValueAt(doc: Dockerfile, name: string): Map<Instruction, string | undefined> {
  const out = new Map<Instruction, string | undefined>();
  const finalOfStage: Array<string | undefined> = [];
  let current: string | undefined;
  let onbuild: string | undefined;
  const apply = (pairs: readonly KeyValue[], value: string | undefined): string | undefined => {
    let v = value;
    for (const p of pairs) if (p.key.value === name && p.value !== undefined) v = p.value.value.includes('$') ? undefined : p.value.value;
    return v;
  };
  for (const instr of doc.instructions) {
    if (instr.keyword === 'FROM') {
      if (instr.stage > 0) finalOfStage[instr.stage - 1] = current;
      const parent = doc.stages[instr.stage]?.parent;
      current = parent === undefined ? undefined : finalOfStage[parent];
      onbuild = undefined;
    }
    out.set(instr, current);
    if (isEnvOrLabel(instr) && instr.keyword === 'ENV') current = apply(instr.pairs, current);
    else if (isArg(instr)) current = apply(instr.pairs, current);
    else if (isOnbuild(instr) && instr.inner !== undefined) {
      out.set(instr.inner, onbuild ?? current);
      const inner = instr.inner;
      if ((isEnvOrLabel(inner) && inner.keyword === 'ENV') || isArg(inner)) onbuild = apply(inner.pairs, onbuild ?? current);
    }
  }
  return out;
}
