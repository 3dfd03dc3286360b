/**
 * The external images a Dockerfile pulls: FROM bases that are not earlier stages, `COPY --from=image`
 * and `RUN --mount=from=image`, each with where it is written. Stage names and indexes are not images.
 */
import type { Dockerfile, ImageRef, Span } from '../../dockerfile/ast.js';
import { isCopy, isRun, withOnbuild } from '../../dockerfile/guards.js';
import { parseImageRef } from '../../dockerfile/image-ref.js';
import { imageSpan } from './stages.js';

export interface PulledImage {
  readonly ref: ImageRef;
  /** `FROM`, `COPY --from`, `RUN --mount`. */
  readonly via: string;
  readonly span: Span;
}

const INDEX = /^\d+$/;

function isStageRef(doc: Dockerfile, name: string): boolean {
  const lower = name.toLowerCase();
  return INDEX.test(name) || doc.stages.some((s) => s.name === lower);
}

function refOf(text: string): ImageRef {
  return parseImageRef(text, { value: text, unresolved: text.includes('$') });
}

/** Every image the build pulls, in file order (FROM bases first per instruction order). */
export function pulledImages(doc: Dockerfile): PulledImage[] {
  const out: PulledImage[] = [];
  for (const stage of doc.stages) {
    if (stage.parent === undefined && !stage.from.image.scratch) out.push({ ref: stage.from.image, via: 'FROM', span: imageSpan(stage.from) });
  }
  for (const instr of withOnbuild(doc.instructions)) {
    if (isCopy(instr) && instr.from !== undefined && !isStageRef(doc, instr.from)) {
      const flag = instr.flags.find((f) => f.name === 'from');
      if (flag !== undefined) out.push({ ref: refOf(instr.from), via: `${instr.keyword} --from`, span: flag.span });
    } else if (isRun(instr)) {
      for (const m of instr.mounts) {
        const from = m.options.get('from');
        if (from !== undefined && from !== '' && !isStageRef(doc, from)) out.push({ ref: refOf(from), via: 'RUN --mount', span: m.span });
      }
    }
  }
  return out.sort((a, b) => a.span.start.offset - b.span.start.offset);
}
