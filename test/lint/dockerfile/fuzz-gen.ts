/**
 * Dockerfile fuzzing for the parser: mutations of real files (fixtures, Hadolint's rule cases) and
 * grammar-generated files, plus the invariants every parse must keep. Used by fuzz.test.ts (a fixed
 * seeded sample) and bench/lint-fuzz.mjs (hundreds of thousands).
 */
import type { Dockerfile, Instruction, Pos, ShellSource, Span } from '../../../src/lint/dockerfile/ast.js';
import { heredocSource } from '../../../src/lint/dockerfile/heredoc.js';
import { parseDockerfile } from '../../../src/lint/dockerfile/parse.js';

export type Rand = () => number;

const TOKENS = [
  '\\\n', '\\ \n', '`\n', '\r\n', '\n', '\n\n', '\r', '\t', ' ', '\uFEFF', '😀', '\u00a0', '\\', '`', '\\\\',
  '<<EOF', '<<-EOF\n', '\nEOF\n', '\tEOF', '<<"EOF"', "<<'X'", '3<<EOF', '<<', '<<-',
  '"', "'", '[', ']', '["a", "b"]', '[1, {"a": [null]}]', '{', '}', '${', '$', '${A:-b}', '${A:+', '$A', '\\$',
  '#', '# escape=`\n', '# syntax=x\n', '# check=skip=all\n', '\n# comment\n',
  '--mount=', '--mount=type=cache,target=/x', '--mount="a,b"', '--network=', '--', '--from=', '--chown=', '--platform=',
  ',', '=', ':', '@', '/', 'sha256:', ' AS ', ' as ',
  'FROM ', 'FROM scratch\n', 'RUN ', 'CMD ', 'ENTRYPOINT ', 'COPY ', 'ADD ', 'ENV ', 'LABEL ', 'ARG ', 'USER ', 'EXPOSE ',
  'SHELL ', 'HEALTHCHECK ', 'HEALTHCHECK NONE', 'CMD', 'ONBUILD ', 'ONBUILD ONBUILD ', 'WORKDIR ', 'VOLUME ', 'STOPSIGNAL ',
  'MAINTAINER ', 'NOPE ',
];

const WORDS = ['a', 'b', 'x=1', 'y="two words"', "'q'", '/app', '.', 'apt-get', 'install', '-y', '&&', '|', 'curl', '${V}', '$V', '80/tcp', 'u:g', 'EOF'];
const KEYWORDS = ['FROM', 'RUN', 'CMD', 'ENTRYPOINT', 'COPY', 'ADD', 'ENV', 'LABEL', 'ARG', 'USER', 'EXPOSE', 'SHELL', 'HEALTHCHECK', 'ONBUILD', 'WORKDIR', 'VOLUME', 'STOPSIGNAL', 'MAINTAINER', 'from', 'run'];

function pick<T>(rand: Rand, xs: readonly T[]): T {
  return xs[Math.floor(rand() * xs.length)] as T;
}

/** One random edit of `text`. */
function mutateOnce(rand: Rand, text: string, pool: readonly string[]): string {
  const n = text.length;
  const at = Math.floor(rand() * (n + 1));
  const r = rand();
  if (r < 0.4) return text.slice(0, at) + pick(rand, TOKENS) + text.slice(at);
  if (r < 0.55) return text.slice(0, at) + text.slice(at + 1 + Math.floor(rand() * 12));
  if (r < 0.65) {
    const len = Math.floor(rand() * 40);
    return text.slice(0, at) + text.slice(at, at + len) + text.slice(at);
  }
  if (r < 0.75) {
    const lines = text.split('\n');
    const i = Math.floor(rand() * lines.length);
    const j = Math.floor(rand() * lines.length);
    [lines[i], lines[j]] = [lines[j] as string, lines[i] as string];
    return lines.join('\n');
  }
  if (r < 0.85) {
    const other = pick(rand, pool);
    const s = Math.floor(rand() * (other.length + 1));
    return text.slice(0, at) + other.slice(s, s + Math.floor(rand() * 80)) + text.slice(at);
  }
  if (r < 0.92) return text.slice(0, at);
  return text.replace(/\n/g, () => (rand() < 0.3 ? '\r\n' : '\n'));
}

/** A mutated copy of a pool entry (1–4 edits). */
export function mutate(rand: Rand, pool: readonly string[]): string {
  let text = pick(rand, pool);
  const edits = 1 + Math.floor(rand() * 4);
  for (let k = 0; k < edits; k++) text = mutateOnce(rand, text, pool);
  return text;
}

/** A grammar-generated Dockerfile with random instructions, flags, continuations and heredocs. */
export function generate(rand: Rand): string {
  const out: string[] = [];
  if (rand() < 0.2) out.push(pick(rand, ['# escape=`', '# syntax=docker/dockerfile:1', '# escape=\\']));
  const count = 1 + Math.floor(rand() * 30);
  for (let k = 0; k < count; k++) {
    const parts = [pick(rand, KEYWORDS)];
    if (rand() < 0.3) parts.push(pick(rand, ['--mount=type=cache,target=/c', '--from=b', '--platform=linux/amd64', '--link', '--x=1']));
    const words = Math.floor(rand() * 6);
    for (let w = 0; w < words; w++) parts.push(rand() < 0.1 ? pick(rand, ['\\\n ', '`\n ', '\\\n# c\n ', '\\\n\n ']) : pick(rand, WORDS));
    if (rand() < 0.15) parts.push(pick(rand, ['<<EOF', '<<-EOF', "<<'EOF'"]));
    out.push(parts.join(' '));
    if (parts.some((p) => p.startsWith('<<'))) out.push('body $V', rand() < 0.8 ? 'EOF' : '\tEOF');
    if (rand() < 0.1) out.push(pick(rand, ['', '# note', '   ']));
  }
  return out.join(rand() < 0.2 ? '\r\n' : '\n') + (rand() < 0.7 ? '\n' : '');
}

/** Independent line/column of an offset (no parser code involved). */
class Lines {
  private readonly nl: number[] = [];
  constructor(private readonly text: string) {
    for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) this.nl.push(i);
  }
  at(offset: number): { line: number; column: number } {
    let lo = 0;
    let hi = this.nl.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((this.nl[mid] as number) < offset) lo = mid + 1;
      else hi = mid;
    }
    const start = lo === 0 ? (this.text.charCodeAt(0) === 0xfeff ? 1 : 0) : (this.nl[lo - 1] as number) + 1;
    return { line: lo + 1, column: Math.max(1, offset - start + 1) };
  }
}

function checkPos(text: string, lines: Lines, p: Pos, what: string): string | undefined {
  if (!(p.offset >= 0 && p.offset <= text.length)) return `${what}: offset ${p.offset} outside 0..${text.length}`;
  const want = lines.at(p.offset);
  if (want.line !== p.line || want.column !== p.column) return `${what}: ${p.line}:${p.column} but offset ${p.offset} is ${want.line}:${want.column}`;
  return undefined;
}

function checkSpan(text: string, lines: Lines, s: Span, what: string): string | undefined {
  if (s.end.offset < s.start.offset) return `${what}: end before start`;
  return checkPos(text, lines, s.start, `${what}.start`) ?? checkPos(text, lines, s.end, `${what}.end`);
}

/** Every Span reachable from an instruction (its own, flags, texts, heredocs, mounts, inner). */
function spansOf(x: Instruction, out: Array<[Span, string]>): void {
  const k = x.keyword;
  out.push([x.span, `${k}.span`], [x.keywordSpan, `${k}.keywordSpan`], [x.argsSpan, `${k}.argsSpan`]);
  for (const f of x.flags) out.push([f.span, `${k} flag`]);
  const visit = (v: unknown, path: string): void => {
    if (v === null || typeof v !== 'object') return;
    if (Array.isArray(v)) return v.forEach((e, i) => visit(e, `${path}[${i}]`));
    const o = v as Record<string, unknown>;
    if ('span' in o && 'raw' in o) out.push([o.span as Span, path]);
    if ('bodySpan' in o) out.push([o.bodySpan as Span, `${path}.body`], [o.markerSpan as Span, `${path}.marker`]);
    if ('target' in o && 'options' in o) out.push([o.span as Span, `${path}.mount`]);
  };
  for (const [key, v] of Object.entries(x)) if (!['span', 'keywordSpan', 'argsSpan', 'flags', 'inner'].includes(key)) visit(v, `${k}.${key}`);
  if (x.keyword === 'ONBUILD' && 'inner' in x && x.inner !== undefined) spansOf(x.inner, out);
}

function checkShell(text: string, src: ShellSource, what: string, newlineMapsToEol: boolean): string | undefined {
  let prev = -1;
  for (let i = 0; i < src.text.length; i++) {
    const p = src.toFile(i);
    const ch = src.text[i];
    const got = text[p.offset];
    const ok = ch === got || (newlineMapsToEol && ch === '\n' && (got === '\r' || got === undefined));
    if (!ok) return `${what}: index ${i} is ${JSON.stringify(ch)} but file has ${JSON.stringify(got)} at ${p.offset}`;
    if (p.offset <= prev) return `${what}: toFile not increasing at ${i}`;
    prev = p.offset;
  }
  const end = src.toFile(src.text.length).offset;
  if (end < prev || end > text.length) return `${what}: bad end ${end}`;
  return undefined;
}

function checkInstruction(doc: Dockerfile, lines: Lines, x: Instruction): string | undefined {
  const { text } = doc;
  if (x.span.start.offset !== x.keywordSpan.start.offset) return `${x.keyword}: span does not start at the keyword`;
  const kw = text.slice(x.keywordSpan.start.offset, x.keywordSpan.end.offset);
  if (x.keywordSpan.start.line === x.keywordSpan.end.line && kw.toUpperCase() !== x.keyword) return `span text ${JSON.stringify(kw)} is not keyword ${x.keyword}`;
  if (kw.slice(0, 1).toUpperCase() !== x.keyword.slice(0, 1)) return `span text ${JSON.stringify(kw)} does not start with ${x.keyword}`;
  const spans: Array<[Span, string]> = [];
  spansOf(x, spans);
  for (const [s, what] of spans) {
    const e = checkSpan(text, lines, s, what);
    if (e !== undefined) return e;
    if (s.start.offset < x.span.start.offset || s.end.offset > x.span.end.offset) return `${what} outside its instruction`;
  }
  const forms = [x, 'inner' in x ? x.inner : undefined];
  for (const f of forms) {
    if (f === undefined) continue;
    if ('command' in f && f.command?.kind === 'shell') {
      const e = checkShell(text, f.command.script, `${f.keyword} script`, false);
      if (e !== undefined) return e;
    }
    if ('heredocs' in f) {
      for (const h of f.heredocs) {
        const e = checkShell(text, heredocSource(doc, h), `${f.keyword} heredoc`, true);
        if (e !== undefined) return e;
      }
    }
  }
  return undefined;
}

/** Parses `text` and returns the first broken invariant, or undefined. */
export function checkParse(text: string): string | undefined {
  let doc: Dockerfile;
  try {
    doc = parseDockerfile(text);
  } catch (err) {
    return `threw: ${(err as Error).stack ?? String(err)}`;
  }
  const lines = new Lines(text);
  let prevEnd = 0;
  for (const x of doc.instructions) {
    if (x.span.start.offset < prevEnd) return `${x.keyword} at ${x.span.start.offset} overlaps the previous instruction`;
    prevEnd = x.span.end.offset;
    const e = checkInstruction(doc, lines, x);
    if (e !== undefined) return e;
  }
  const loose: Array<[Span, string]> = [
    ...doc.directives.map((d): [Span, string] => [d.span, 'directive']),
    ...doc.comments.map((c): [Span, string] => [c.span, 'comment']),
    ...doc.warnings.map((w): [Span, string] => [w.span, `warning ${w.message}`]),
  ];
  for (const [s, what] of loose) {
    const e = checkSpan(text, lines, s, what);
    if (e !== undefined) return e;
  }
  for (const st of doc.stages) if (st.parent !== undefined && st.parent >= st.index) return `stage ${st.index} parent ${st.parent} is not earlier`;
  return undefined;
}
