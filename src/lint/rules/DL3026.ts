import type { Dockerfile, FromInstruction, Span } from '../dockerfile/ast.js';
import { isCopy, isRun } from '../dockerfile/guards.js';
import type { LintRule, Violation } from '../rule.js';
import { withKeyword } from './instructions/by-keyword.js';
import { isTrusted, registryOfReference } from './instructions/registries.js';
import { imageSpan } from './instructions/spans.js';
import { isStageIndex } from './instructions/stage-graph.js';

/** The registry part of the FROM image is a variable without a default: unknown. */
function registryUnknown(from: FromInstruction): boolean {
  return from.image.unresolved && (from.image.expanded.split('/')[0] ?? '').includes('$');
}

/** Whether a `--from` / `--mount from=` value names a stage (so it is no image). */
function namesStage(doc: Dockerfile, ref: string, stage: number): boolean {
  const name = ref.toLowerCase();
  return isStageIndex(ref) || doc.stages.some((s) => s.index <= stage && s.name === name);
}

/**
 * DL3026: an image from a registry not in `trustedRegistries`: in FROM, `COPY --from=<image>` and
 * `RUN --mount=type=bind|cache,from=<image>`. Earlier stages, `scratch` and references whose registry
 * is a variable are not judged. Inactive while the trusted list is empty.
 */
export const DL3026: LintRule = {
  code: 'DL3026',
  level: 'error',
  message: 'Use only an allowed registry in the FROM image',
  description: 'Base images and copied-from images must come from the registries your organisation trusts.',
  check(ctx) {
    const trusted = ctx.settings.trustedRegistries;
    if (trusted.length === 0) return [];
    const { doc } = ctx;
    const out: Violation[] = [];
    const checkRef = (ref: string | undefined, stage: number, span: Span): void => {
      if (ref === undefined || ref === '' || ref.includes('$') || namesStage(doc, ref, stage)) return;
      if (!isTrusted(registryOfReference(ref), trusted)) out.push({ code: 'DL3026', span });
    };
    for (const stage of doc.stages) {
      const { from } = stage;
      if (from.image.scratch || from.image.expanded === '' || stage.parent !== undefined || registryUnknown(from)) continue;
      if (!isTrusted(from.image.registry, trusted)) out.push({ code: 'DL3026', span: imageSpan(doc, from) });
    }
    for (const instr of withKeyword(doc, 'COPY')) {
      if (isCopy(instr)) checkRef(instr.from, instr.stage, instr.flags.find((f) => f.name === 'from')?.span ?? instr.keywordSpan);
    }
    for (const instr of withKeyword(doc, 'RUN')) {
      if (!isRun(instr)) continue;
      for (const m of instr.mounts) if (m.type === 'bind' || m.type === 'cache') checkRef(m.options.get('from'), instr.stage, m.span);
    }
    return out;
  },
};
