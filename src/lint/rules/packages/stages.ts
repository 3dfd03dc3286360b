/**
 * Which build stages end up in the image: the last stage, and every stage a shipped stage is built
 * FROM (transitively). A cache left in a stage that is only a build step (`COPY --from` takes files,
 * not its layers) does not bloat the image. Hadolint's DL3009/DL3060 semantics; an ONBUILD trigger runs
 * in some later build whose stages are unknown, so it always counts as shipped.
 */
import type { Dockerfile, Instruction } from '../../dockerfile/ast.js';
import { FileCache } from '../../file-scope.js';

const CACHE = new FileCache<Dockerfile, ReadonlySet<number>>();

function shippedStages(doc: Dockerfile): ReadonlySet<number> {
  let shipped = CACHE.get(doc);
  if (shipped === undefined) {
    const set = new Set<number>();
    const last = doc.stages.length - 1;
    if (last >= 0) set.add(last);
    for (let i = last; i >= 0; i--) {
      const parent = doc.stages[i]?.parent;
      if (set.has(i) && parent !== undefined) set.add(parent);
    }
    shipped = set;
    CACHE.set(doc, shipped);
  }
  return shipped;
}

/** True when what the instruction leaves behind reaches the final image. */
export function reachesImage(doc: Dockerfile, instr: Instruction): boolean {
  return instr.onbuild || instr.stage < 0 || shippedStages(doc).has(instr.stage);
}
