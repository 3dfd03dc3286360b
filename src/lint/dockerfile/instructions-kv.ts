/**
 * Builders for the key/value and word-list instructions: ENV and LABEL (`k=v …` or legacy `k v`), ARG,
 * USER, EXPOSE, and the plain ones (WORKDIR, VOLUME, STOPSIGNAL, MAINTAINER, unknown keywords).
 */
import type {
  ArgInstruction,
  EnvInstruction,
  ExposeInstruction,
  KeyValue,
  OtherInstruction,
  Span,
  Text,
  UserInstruction,
} from './ast.js';
import { type BuildCtx, make, type Parsed } from './instruction-base.js';
import { parseJsonArgs } from './json-args.js';
import { spanOf } from './source.js';
import { isWs, splitWhitespace, splitWords, textOf, textWithValue } from './words.js';

/** Keywords BuildKit knows that have no dedicated shape in the syntax tree. */
const PLAIN_KEYWORDS: ReadonlySet<string> = new Set(['WORKDIR', 'VOLUME', 'STOPSIGNAL', 'MAINTAINER']);

function warn(ctx: BuildCtx, message: string, span: Span): void {
  ctx.warnings.push({ message, span });
}

/** Index of char code `c` in t[s, e), or -1 (bounded: never scans past the word). */
function indexIn(t: string, c: number, s: number, e: number): number {
  for (let i = s; i < e; i++) if (t.charCodeAt(i) === c) return i;
  return -1;
}

/** `k=v` words from [s, e): the key and value Texts, or undefined when the word has no `=`. */
function keyValueOf(ctx: BuildCtx, p: Parsed, s: number, e: number): KeyValue | undefined {
  const eq = indexIn(p.line.text, 61 /* = */, s, e);
  if (eq < 0) return undefined;
  return { key: textOf(p.line, s, eq, ctx.escape), value: textOf(p.line, eq + 1, e, ctx.escape) };
}

export function buildEnv(ctx: BuildCtx, p: Parsed): EnvInstruction {
  const { line, a, b } = p;
  const keyword = p.base.keyword === 'LABEL' ? 'LABEL' : 'ENV';
  const words = splitWords(line.text, a, b, ctx.escape);
  const first = words[0];
  if (first === undefined) {
    warn(ctx, `${keyword} requires at least one argument`, p.base.keywordSpan);
    return make(p.base, { keyword, pairs: [], legacy: false });
  }
  if (indexIn(line.text, 61, first.start, first.end) < 0) {
    return buildLegacyEnv(ctx, p, keyword);
  }
  const pairs: KeyValue[] = [];
  for (const w of words) {
    const kv = keyValueOf(ctx, p, w.start, w.end);
    if (kv === undefined) {
      const raw = line.text.slice(w.start, w.end);
      warn(ctx, `syntax error - can't find = in "${raw}". Must be of the form: name=value`, spanOf(line, w.start, w.end));
      continue;
    }
    if (kv.key.raw === '') warn(ctx, `${keyword} names can not be blank`, spanOf(line, w.start, w.end));
    pairs.push(kv);
  }
  return make(p.base, { keyword, pairs, legacy: false });
}

/** `ENV key value…`: the key is the first whitespace-delimited token, the value everything after it. */
function buildLegacyEnv(ctx: BuildCtx, p: Parsed, keyword: 'ENV' | 'LABEL'): EnvInstruction {
  const { line, a, b } = p;
  const t = line.text;
  let ke = a;
  while (ke < b && !isWs(t.charCodeAt(ke))) ke++;
  let vs = ke;
  while (vs < b && isWs(t.charCodeAt(vs))) vs++;
  const key = textOf(line, a, ke, ctx.escape);
  if (vs >= b) {
    warn(ctx, `${keyword} must have two arguments`, p.base.argsSpan);
    return make(p.base, { keyword, pairs: [{ key, value: undefined }], legacy: true });
  }
  return make(p.base, { keyword, pairs: [{ key, value: textOf(line, vs, b, ctx.escape) }], legacy: true });
}

export function buildArg(ctx: BuildCtx, p: Parsed): ArgInstruction {
  const { line, a, b } = p;
  const pairs: KeyValue[] = [];
  for (const w of splitWords(line.text, a, b, ctx.escape)) {
    const kv = keyValueOf(ctx, p, w.start, w.end) ?? { key: textOf(line, w.start, w.end, ctx.escape), value: undefined };
    if (kv.key.raw === '') warn(ctx, 'ARG names can not be blank', spanOf(line, w.start, w.end));
    pairs.push(kv);
  }
  if (pairs.length === 0) warn(ctx, 'ARG requires at least one argument', p.base.keywordSpan);
  return make(p.base, { keyword: 'ARG', pairs });
}

export function buildUser(ctx: BuildCtx, p: Parsed): UserInstruction {
  const { line, a, b } = p;
  if (a >= b) warn(ctx, 'USER requires exactly one argument', p.base.keywordSpan);
  const colon = indexIn(line.text, 58 /* : */, a, b);
  if (colon < 0) return make(p.base, { keyword: 'USER', user: textOf(line, a, b, ctx.escape), group: undefined });
  return make(p.base, {
    keyword: 'USER',
    user: textOf(line, a, colon, ctx.escape),
    group: textOf(line, colon + 1, b, ctx.escape),
  });
}

export function buildExpose(ctx: BuildCtx, p: Parsed): ExposeInstruction {
  const { line, a, b } = p;
  const ports = splitWhitespace(line.text, a, b).map((w) => textOf(line, w.start, w.end, ctx.escape));
  if (ports.length === 0) warn(ctx, 'EXPOSE requires at least one argument', p.base.keywordSpan);
  return make(p.base, { keyword: 'EXPOSE', ports });
}

export function buildOther(ctx: BuildCtx, p: Parsed): OtherInstruction {
  const { line, a, b } = p;
  const keyword = p.base.keyword;
  const known = PLAIN_KEYWORDS.has(keyword);
  let words: Text[];
  const j = keyword === 'VOLUME' ? parseJsonArgs(line.text, a, b) : undefined;
  if (j !== undefined && j.kind === 'strings') {
    words = j.items.map((it) => textWithValue(line, it.start, it.end, it.value));
  } else {
    const ranges = keyword === 'VOLUME' ? splitWhitespace(line.text, a, b) : splitWords(line.text, a, b, ctx.escape);
    words = ranges.map((w) => textOf(line, w.start, w.end, ctx.escape));
  }
  const ks = p.base.keywordSpan;
  if (!known) warn(ctx, `unknown instruction: ${line.src.text.slice(ks.start.offset, ks.end.offset)}`, ks);
  else if (words.length === 0) warn(ctx, `${keyword} requires ${keyword === 'VOLUME' ? 'at least' : 'exactly'} one argument`, p.base.keywordSpan);
  return make(p.base, { keyword, words, unknown: !known });
}
