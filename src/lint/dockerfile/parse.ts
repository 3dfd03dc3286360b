/**
 * `parseDockerfile`: Dockerfile text → syntax tree (src/lint/dockerfile/ast.ts), following BuildKit's
 * frontend/dockerfile/parser and instructions packages. Never throws: every problem becomes a
 * ParseWarning on the offending text and parsing goes on.
 */
import type { Comment, Directive, Dockerfile, Heredoc, Instruction, ParseWarning } from './ast.js';
import { extractFlags } from './flags.js';
import { findHeredocMarkers, readHeredocBody, rememberSource } from './heredoc.js';
import type { BuildCtx } from './instruction-base.js';
import { buildInstruction, keywordRange } from './instructions.js';
import { parseJsonArgs } from './json-args.js';
import { LineReader, type LogicalLine } from './lines.js';
import { SourceText } from './source.js';
import { StageCollector } from './stages.js';

export { heredocSource } from './heredoc.js';

const HEREDOC_KEYWORDS: ReadonlySet<string> = new Set(['run', 'copy', 'add']);

/** BuildKit's canContainHeredoc: RUN/COPY/ADD (also as the ONBUILD trigger) not in JSON form. */
function canContainHeredoc(line: LogicalLine): boolean {
  const t = line.text;
  let [k, ke] = keywordRange(t, 0, t.length);
  let kw = t.slice(k, ke).toLowerCase();
  if (kw === 'onbuild') {
    const inner = extractFlags(line, ke, t.length).argsStart;
    [k, ke] = keywordRange(t, inner, t.length);
    kw = t.slice(k, ke).toLowerCase();
  }
  if (!HEREDOC_KEYWORDS.has(kw)) return false;
  const { argsStart } = extractFlags(line, ke, t.length);
  return parseJsonArgs(t, argsStart, t.length).kind !== 'strings';
}

/** Reads the heredoc bodies that follow `line`; returns them and the file offset where the last ends. */
function heredocsAfter(reader: LineReader, line: LogicalLine, warnings: ParseWarning[]): { heredocs: Heredoc[]; end: number } {
  const end = line.src.ends[line.lastLine] as number;
  if (line.text.indexOf('<<') < 0 || !canContainHeredoc(line)) return { heredocs: [], end };
  const heredocs: Heredoc[] = [];
  let last = end;
  for (const marker of findHeredocMarkers(line, 0, line.text.length)) {
    const r = readHeredocBody(reader, marker, warnings);
    heredocs.push(r.heredoc);
    if (r.end > last) last = r.end;
  }
  return { heredocs, end: last };
}

/** Parses a Dockerfile; see ast.ts for the shape. */
export function parseDockerfile(text: string): Dockerfile {
  const src = new SourceText(text);
  const directives: Directive[] = [];
  const comments: Comment[] = [];
  const warnings: ParseWarning[] = [];
  const reader = new LineReader(src, { directives, comments, warnings });
  const stages = new StageCollector(warnings, () => reader.escape);
  const ctx: { escape: number; warnings: ParseWarning[]; globalArg: BuildCtx['globalArg'] } = {
    escape: reader.escape,
    warnings,
    globalArg: stages.lookup,
  };
  const instructions: Instruction[] = [];
  for (let line = reader.readLogical(); line !== undefined; line = reader.readLogical()) {
    ctx.escape = reader.escape;
    const { heredocs, end } = heredocsAfter(reader, line, warnings);
    const [k, ke] = keywordRange(line.text, 0, line.text.length);
    const stage = stages.stageFor(line.text.slice(k, ke).toUpperCase());
    const instr = buildInstruction(ctx, line, 0, { stage, onbuild: false, heredocs, endOffset: end });
    instructions.push(instr);
    stages.add(instr);
  }
  warnings.sort((x, y) => x.span.start.offset - y.span.start.offset);
  const doc: Dockerfile = {
    text,
    escape: String.fromCharCode(reader.escape),
    directives,
    comments,
    instructions,
    stages: stages.result(),
    globalArgs: stages.globalArgs,
    warnings,
  };
  rememberSource(doc, src);
  return doc;
}
