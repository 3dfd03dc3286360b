import type { Instruction, RunInstruction, Span } from '../dockerfile/ast.js';
import { isCopy, isRun } from '../dockerfile/guards.js';
import type { LintRule, RuleContext, Violation } from '../rule.js';
import { invocations, type Invocation } from '../shell/invocations.js';
import { topLevelWithKeyword } from './instructions/by-keyword.js';
import { baseName, isArchiveName } from './instructions/paths.js';

/** `tar xzf`: the first argument is a bundle of option letters without a dash. */
const OLD_STYLE_OPTIONS = /^[A-Za-z]+$/;

/** Commands that unpack what ADD would have unpacked (Hadolint's list). */
const DECOMPRESSORS: ReadonlySet<string> = new Set(['unzip', 'gunzip', 'bunzip2', 'unlzma', 'unxz', 'zgz', 'uncompress', 'zcat', 'gzcat']);

/** `tar -xf`, `tar --extract`, `tar --get`, old-style `tar xzf`. */
function isTarExtract(inv: Invocation): boolean {
  return inv.args.some((w, i) => {
    const v = w.value;
    if (v === undefined) return false;
    if (v === '--extract' || v === '--get') return true;
    if (v.startsWith('-') && !v.startsWith('--')) return v.includes('x');
    return i === 0 && OLD_STYLE_OPTIONS.test(v) && v.includes('x');
  });
}

/** Base names of the files an unpacking command names (its non-option words, `--file=` values). */
function operandNames(inv: Invocation): string[] {
  const out: string[] = [];
  for (const w of inv.args) {
    const v = w.value;
    if (v === undefined) continue;
    if (v.startsWith('--file=')) out.push(baseName(v.slice('--file='.length)));
    else if (!v.startsWith('-')) out.push(baseName(v));
  }
  return out;
}

/** A COPY from the build context of something named like an archive. */
function copiesArchive(i: Instruction): boolean {
  return isCopy(i) && i.from === undefined && (i.sources.some((s) => isArchiveName(s.raw)) || (i.dest !== undefined && isArchiveName(i.dest.raw)));
}

interface Archive {
  readonly name: string;
  readonly span: Span;
}

/** The archives a RUN unpacks, among those copied earlier in the stage. */
function unpacked(ctx: RuleContext, run: RunInstruction, archives: readonly Archive[]): Archive[] {
  const names = new Set<string>();
  for (const script of ctx.shellOf(run)) {
    for (const inv of invocations(script)) {
      if (DECOMPRESSORS.has(inv.name) || (inv.name === 'tar' && isTarExtract(inv))) for (const n of operandNames(inv)) names.add(n);
    }
  }
  return archives.filter((a) => names.has(a.name));
}

/**
 * DL3010: a local archive is COPYed and then unpacked by a RUN of the same stage: `ADD` unpacks it in
 * one step (and one layer). Reported at the archive's name in the COPY.
 */
export const DL3010: LintRule = {
  code: 'DL3010',
  level: 'info',
  message: 'Use `ADD` for extracting archives into an image',
  description: 'COPY of a tarball followed by `tar -x` leaves the archive in a layer; ADD extracts it directly.',
  check(ctx) {
    const { doc } = ctx;
    if (topLevelWithKeyword(doc, 'RUN').length === 0 || !topLevelWithKeyword(doc, 'COPY').some(copiesArchive)) return [];
    const out: Violation[] = [];
    let archives: Archive[] = [];
    for (const instr of doc.instructions) {
      if (instr.keyword === 'FROM') archives = [];
      else if (isCopy(instr) && instr.keyword === 'COPY' && instr.from === undefined) {
        const dest = instr.dest;
        if (dest !== undefined && isArchiveName(dest.raw)) archives.push({ name: baseName(dest.raw), span: dest.span });
        else for (const s of instr.sources) if (isArchiveName(s.raw)) archives.push({ name: baseName(s.raw), span: s.span });
      } else if (isRun(instr) && archives.length > 0) {
        const hit = unpacked(ctx, instr, archives);
        for (const a of hit) out.push({ code: 'DL3010', span: a.span });
        archives = archives.filter((a) => !hit.includes(a));
      }
    }
    return out;
  },
};
