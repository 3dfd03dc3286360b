/** Instructions that only count once per stage (CMD, ENTRYPOINT, HEALTHCHECK). */
import type { Dockerfile, Instruction } from '../../dockerfile/ast.js';
import { topLevelWithKeyword } from './by-keyword.js';

/**
 * The top-level instructions with `keyword` that follow another one in the same stage (instructions
 * before the first FROM count as one stage; ONBUILD-wrapped ones belong to later builds and are not counted).
 */
export function repeatedInStage(doc: Dockerfile, keyword: string): Instruction[] {
  const out: Instruction[] = [];
  let stage = -2;
  for (const instr of topLevelWithKeyword(doc, keyword)) {
    if (instr.stage === stage) out.push(instr);
    stage = instr.stage;
  }
  return out;
}
