import type { CopyInstruction } from '../dockerfile/ast.js';
import { isCopy } from '../dockerfile/guards.js';
import type { LintRule, TextEdit, Violation } from '../rule.js';
import { withKeyword } from './instructions/by-keyword.js';
import { isArchiveName, isGitSource, isUrl } from './instructions/paths.js';
import { keywordText, sameCase } from './instructions/spans.js';

/** ADD features COPY does not have: with them, ADD is the right instruction. */
const ADD_ONLY_FLAGS: ReadonlySet<string> = new Set(['checksum', 'keep-git-dir', 'unpack']);

/** A source only ADD handles: a URL, a git repository, or a local archive it unpacks. */
const addOnly = (raw: string): boolean => isUrl(raw) || isGitSource(raw) || isArchiveName(raw);

/**
 * A source named by a variable (`ADD ${ROOTFS} /`) may well be an archive ADD unpacks: drydock cannot
 * tell, so it does not claim COPY would do (Hadolint reports it; a wrong "use COPY" breaks the build).
 */
const unknowable = (raw: string): boolean => raw.includes('$');

function isPlainAdd(add: CopyInstruction): boolean {
  if (add.flags.some((f) => ADD_ONLY_FLAGS.has(f.name))) return false;
  return add.sources.length > 0 && add.sources.some((s) => !addOnly(s.raw) && !unknowable(s.raw));
}

/**
 * DL3020: ADD of local files or directories (any source that is not a URL, a git source or an archive
 * ADD unpacks). Fix: `ADD` → `COPY`, offered when every source is a literal local path.
 */
export const DL3020: LintRule = {
  code: 'DL3020',
  level: 'error',
  message: 'Use COPY instead of ADD for files and folders',
  description: 'ADD also fetches URLs and unpacks archives; COPY does only what it says.',
  check(ctx) {
    const out: Violation[] = [];
    for (const instr of withKeyword(ctx.doc, 'ADD')) {
      if (!isCopy(instr) || !isPlainAdd(instr)) continue;
      const literal = instr.sources.every((s) => !addOnly(s.raw) && !unknowable(s.raw));
      const fix: TextEdit[] = [{ offset: instr.keywordSpan.start.offset, length: instr.keywordSpan.end.offset - instr.keywordSpan.start.offset, text: sameCase(keywordText(ctx.doc, instr), 'COPY') }];
      out.push({ code: 'DL3020', span: instr.keywordSpan, ...(literal ? { fix } : {}) });
    }
    return out;
  },
};
