/**
 * Build-stage relations the stage-aware rules share: which stage a `--from` names, and which stages
 * lack something (a label, a HEALTHCHECK) neither set in the stage, inherited from the stage it is
 * built FROM, nor set by a stage built on top of it.
 */
import type { Dockerfile, Stage } from '../../dockerfile/ast.js';

const DIGITS = /^[0-9]+$/;

/** `--from=0`: a stage index. */
export function isStageIndex(ref: string): boolean {
  return DIGITS.test(ref);
}

/** A `--from` value that can only be an image (stage names have no `:`, `/` or `@`). */
export function isImageReference(ref: string): boolean {
  return ref.includes(':') || ref.includes('/') || ref.includes('@');
}

/**
 * The stage a `--from` (or `--mount from=`) names: an index, or a stage name (case-insensitive)
 * among the stages before `before`. Undefined when it names no such stage.
 */
export function resolveStage(doc: Dockerfile, ref: string, before: number): number | undefined {
  if (isStageIndex(ref)) {
    const n = Number(ref);
    return n < before && n < doc.stages.length ? n : undefined;
  }
  const name = ref.toLowerCase();
  let found: number | undefined;
  for (const s of doc.stages) if (s.index < before && s.name === name) found = s.index;
  return found;
}

/**
 * The stages for which `own(stage)` is false, not inherited from any stage up their FROM chain, and
 * not set by any stage built (directly or not) on top of them; `exempt` stages are never returned.
 */
export function stagesLacking(doc: Dockerfile, own: (s: Stage) => boolean, exempt: ReadonlySet<number> = new Set()): Stage[] {
  const has: boolean[] = [];
  for (const s of doc.stages) has[s.index] = own(s) || (s.parent !== undefined && s.parent < s.index && has[s.parent] === true);
  const covered = new Set<number>();
  for (const s of doc.stages) {
    if (has[s.index] !== true) continue;
    // Every stage up the chain of a stage that has it is fine (it is only a base).
    for (let p = s.parent; p !== undefined && p < doc.stages.length && !covered.has(p); p = doc.stages[p]?.parent) covered.add(p);
  }
  return doc.stages.filter((s) => has[s.index] !== true && !covered.has(s.index) && !exempt.has(s.index));
}
