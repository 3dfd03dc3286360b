import type { Dockerfile, Instruction } from '../dockerfile/ast.js';
import type { LintRule, TextEdit, Violation } from '../rule.js';
import { topLevelWithKeyword } from './instructions/by-keyword.js';
import { keywordText, sameCase } from './instructions/spans.js';

/** The MAINTAINER text as a double-quoted LABEL value (escaping `"`, `$` and the escape character). */
function quoted(value: string, escape: string): string {
  let out = '';
  for (const c of value) out += c === '"' || c === '$' || c === escape ? escape + c : c;
  return `"${out}"`;
}

/** `MAINTAINER x` → `LABEL maintainer="x"`, for a MAINTAINER on one line with a value. */
function fixFor(doc: Dockerfile, instr: Instruction): TextEdit[] | undefined {
  if (instr.argsText === '' || instr.span.start.line !== instr.span.end.line) return undefined;
  const start = instr.keywordSpan.start.offset;
  const end = instr.argsSpan.end.offset;
  const label = sameCase(keywordText(doc, instr), 'LABEL');
  return [{ offset: start, length: end - start, text: `${label} maintainer=${quoted(instr.argsText, doc.escape)}` }];
}

/** DL4000: MAINTAINER is deprecated. Fix: `LABEL maintainer="…"` with the same text. */
export const DL4000: LintRule = {
  code: 'DL4000',
  level: 'error',
  message: 'MAINTAINER is deprecated',
  description: 'MAINTAINER is deprecated; record the maintainer in a label.',
  check(ctx) {
    const out: Violation[] = [];
    for (const instr of topLevelWithKeyword(ctx.doc, 'MAINTAINER')) {
      const fix = fixFor(ctx.doc, instr);
      out.push({ code: 'DL4000', span: instr.keywordSpan, ...(fix ? { fix } : {}) });
    }
    return out;
  },
};
