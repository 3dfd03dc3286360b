import { isCopy } from '../dockerfile/guards.js';
import type { LintRule, Violation } from '../rule.js';
import { topLevelWithKeyword } from './instructions/by-keyword.js';
import { isStageIndex } from './instructions/stage-graph.js';

/** DL3023: `COPY --from` names the stage it is in (by its name, case-insensitively, or its index). */
export const DL3023: LintRule = {
  code: 'DL3023',
  level: 'error',
  message: '`COPY --from` cannot reference its own `FROM` alias',
  description: 'A stage cannot copy from itself.',
  check(ctx) {
    const out: Violation[] = [];
    for (const instr of topLevelWithKeyword(ctx.doc, 'COPY')) {
      if (!isCopy(instr) || instr.from === undefined) continue;
      const stage = ctx.doc.stages[instr.stage];
      if (stage === undefined) continue;
      const ref = instr.from;
      const own = isStageIndex(ref) ? Number(ref) === stage.index : stage.name !== undefined && ref.toLowerCase() === stage.name;
      if (!own) continue;
      const flag = instr.flags.find((f) => f.name === 'from');
      out.push({ code: 'DL3023', span: flag?.span ?? instr.keywordSpan });
    }
    return out;
  },
};
