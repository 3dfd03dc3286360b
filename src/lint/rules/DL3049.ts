import type { Dockerfile, Stage } from '../dockerfile/ast.js';
import { isCopy, isEnvOrLabel, isRun } from '../dockerfile/guards.js';
import type { LintRule, Violation } from '../rule.js';
import { resolveStage, stagesLacking } from './instructions/stage-graph.js';

/** Label keys a stage sets itself (ONBUILD LABELs only label later images). */
function ownLabels(stage: Stage): Set<string> {
  const keys = new Set<string>();
  for (const i of stage.instructions) if (i.keyword === 'LABEL' && isEnvOrLabel(i)) for (const p of i.pairs) keys.add(p.key.value);
  return keys;
}

/** Stages other stages copy or mount files from: build helpers, not images anyone runs. */
function sourceStages(doc: Dockerfile): Set<number> {
  const used = new Set<number>();
  const add = (ref: string | undefined, stage: number): void => {
    const s = ref === undefined ? undefined : resolveStage(doc, ref, stage);
    if (s !== undefined) used.add(s);
  };
  for (const i of doc.instructions) {
    if (isCopy(i)) add(i.from, i.stage);
    else if (isRun(i)) for (const m of i.mounts) add(m.options.get('from'), i.stage);
  }
  return used;
}

/**
 * DL3049: a label of the label schema is missing from a stage: not set in it, not inherited from the
 * stage it is built FROM, and not set by a stage built on it. Stages that others `COPY --from` or
 * `--mount from=` are build helpers and exempt. One finding per stage and label, at the stage's FROM.
 */
export const DL3049: LintRule = {
  code: 'DL3049',
  level: 'info',
  message: 'Label `<label>` is missing.',
  description: 'Every image should carry the labels your label schema requires.',
  check(ctx) {
    const schema = ctx.settings.labelSchema;
    if (schema.size === 0 || ctx.doc.stages.length === 0) return [];
    const labels = ctx.doc.stages.map(ownLabels);
    const exempt = sourceStages(ctx.doc);
    const out: Violation[] = [];
    for (const label of schema.keys()) {
      for (const stage of stagesLacking(ctx.doc, (s) => labels[s.index]?.has(label) === true, exempt)) {
        out.push({ code: 'DL3049', span: stage.from.keywordSpan, message: `Label \`${label}\` is missing.` });
      }
    }
    return out;
  },
};
