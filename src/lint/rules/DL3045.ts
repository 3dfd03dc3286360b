import type { CopyInstruction, Instruction } from '../dockerfile/ast.js';
import { isCopy, isOnbuild } from '../dockerfile/guards.js';
import type { LintRule, Violation } from '../rule.js';
import { withKeyword } from './instructions/by-keyword.js';
import { dropQuotes } from './instructions/paths.js';

/** `/x`, `C:\x`, `C:/x`, or a variable (unknown): not relative. */
function isRelativeDest(copy: CopyInstruction): boolean {
  if (copy.dest === undefined) return false;
  const d = dropQuotes(copy.dest.raw);
  const drive = d.slice(1, 3);
  return !(d.startsWith('/') || d.startsWith('$') || drive === ':\\' || drive === ':/');
}

const isWorkdir = (i: Instruction | undefined): boolean => i?.keyword === 'WORKDIR';

/**
 * DL3045: COPY to a relative destination while no WORKDIR is set: in the stage, or in the stage it is
 * built FROM (and so on up). An ONBUILD COPY also counts the ONBUILD WORKDIRs before it; an ONBUILD
 * WORKDIR does not change this image's own working directory.
 */
export const DL3045: LintRule = {
  code: 'DL3045',
  level: 'warning',
  message: '`COPY` to a relative destination without `WORKDIR` set.',
  description: "A relative COPY destination depends on the base image's working directory.",
  check(ctx) {
    if (withKeyword(ctx.doc, 'COPY').length === 0) return [];
    const out: Violation[] = [];
    const workdirOf: boolean[] = [];
    let workdir = false;
    let onbuildWorkdir = false;
    for (const instr of ctx.doc.instructions) {
      if (instr.keyword === 'FROM') {
        const parent = ctx.doc.stages[instr.stage]?.parent;
        workdir = parent !== undefined && workdirOf[parent] === true;
        onbuildWorkdir = false;
      } else if (isWorkdir(instr)) workdir = true;
      else if (isOnbuild(instr) && isWorkdir(instr.inner)) onbuildWorkdir = true;
      if (instr.stage >= 0) workdirOf[instr.stage] = workdir;
      const copy = isOnbuild(instr) ? instr.inner : instr;
      if (copy === undefined || copy.keyword !== 'COPY' || !isCopy(copy)) continue;
      const set = workdir || (copy.onbuild && onbuildWorkdir);
      if (!set && isRelativeDest(copy) && copy.dest !== undefined) out.push({ code: 'DL3045', span: copy.dest.span });
    }
    return out;
  },
};
