import { isCopy } from '../dockerfile/guards.js';
import type { LintRule, Violation } from '../rule.js';
import { topLevelWithKeyword } from './instructions/by-keyword.js';
import { isImageReference, isStageIndex } from './instructions/stage-graph.js';

/**
 * DL3022: `COPY --from=X` where X is neither a stage defined so far (by name, case-insensitively, the
 * current one included — DL3023 reports that), an index of an earlier stage, nor an image reference
 * (`name:tag`, `registry/name`, `name@digest`). `--from` values with variables are not judged.
 */
export const DL3022: LintRule = {
  code: 'DL3022',
  level: 'warning',
  message: '`COPY --from` should reference a previously defined `FROM` alias',
  description: 'A --from that names no earlier stage is pulled as an image: usually a typo or a stage defined later.',
  check(ctx) {
    if (topLevelWithKeyword(ctx.doc, 'COPY').length === 0) return [];
    const out: Violation[] = [];
    const names = new Set<string>();
    for (const instr of ctx.doc.instructions) {
      const stage = ctx.doc.stages[instr.stage];
      if (instr.keyword === 'FROM' && stage?.name !== undefined) names.add(stage.name);
      if (!isCopy(instr) || instr.from === undefined) continue;
      const ref = instr.from;
      if (ref.includes('$') || isImageReference(ref) || names.has(ref.toLowerCase())) continue;
      if (isStageIndex(ref) && Number(ref) <= instr.stage) continue;
      const flag = instr.flags.find((f) => f.name === 'from');
      out.push({ code: 'DL3022', span: flag?.span ?? instr.keywordSpan });
    }
    return out;
  },
};
