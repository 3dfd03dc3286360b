/**
 * Builds one typed instruction from a logical line: keyword, flags (BuildKit's extractBuilderFlags),
 * then the per-keyword argument grammar. Problems become ParseWarnings; nothing here throws.
 */
import type {
  CmdInstruction,
  CommandForm,
  CopyInstruction,
  Flag,
  FromInstruction,
  HealthcheckInstruction,
  Instruction,
  OnbuildInstruction,
  RunInstruction,
  ShellInstruction,
  Span,
  Text,
} from './ast.js';
import { expandVars } from './expand.js';
import { extractFlags, flagValue } from './flags.js';
import { type BuildCtx, make, type Parsed, type Placement } from './instruction-base.js';
import { parseImageRef } from './image-ref.js';
import { buildArg, buildEnv, buildExpose, buildOther, buildUser } from './instructions-kv.js';
import { parseJsonArgs } from './json-args.js';
import type { LogicalLine } from './lines.js';
import { isUnicodeSpace } from './lines.js';
import { parseMount } from './mounts.js';
import { shellSourceOf, spanOf } from './source.js';
import { isWs, splitWhitespace, textOf, textWithValue } from './words.js';

const KNOWN_FLAGS: Readonly<Record<string, ReadonlySet<string>>> = {
  FROM: new Set(['platform']),
  RUN: new Set(['mount', 'network', 'security', 'device']),
  COPY: new Set(['from', 'chown', 'chmod', 'link', 'parents', 'exclude']),
  ADD: new Set(['chown', 'chmod', 'link', 'checksum', 'keep-git-dir', 'unpack', 'exclude']),
  HEALTHCHECK: new Set(['interval', 'timeout', 'start-period', 'start-interval', 'retries']),
};
const REPEATABLE_FLAGS: ReadonlySet<string> = new Set(['mount', 'exclude', 'device']);
const NETWORK_MODES: ReadonlySet<string> = new Set(['default', 'none', 'host']);
const SECURITY_MODES: ReadonlySet<string> = new Set(['sandbox', 'insecure']);
const STAGE_NAME = /^[a-z][a-z0-9-_.]*$/;

/** Keyword range [k, e) of the instruction text starting at or after `start`. */
export function keywordRange(t: string, start: number, end: number): [number, number] {
  let k = start;
  while (k < end && isUnicodeSpace(t.charCodeAt(k))) k++;
  let e = k;
  while (e < end && !isWs(t.charCodeAt(e))) e++;
  return [k, e];
}

function trimmedEnd(t: string, start: number): number {
  let b = t.length;
  while (b > start && isUnicodeSpace(t.charCodeAt(b - 1))) b--;
  return b;
}

/** Builds the instruction whose text starts at `start` in the logical line. */
export function buildInstruction(ctx: BuildCtx, line: LogicalLine, start: number, place: Placement): Instruction {
  const t = line.text;
  const end = trimmedEnd(t, start);
  const [k, ke] = keywordRange(t, start, end);
  const keyword = t.slice(k, ke).toUpperCase();
  const { flags, argsStart } = extractFlags(line, ke, end);
  const a = argsStart < end ? argsStart : end;
  const keywordSpan = spanOf(line, k, ke);
  const span: Span = { start: keywordSpan.start, end: line.src.pos(place.endOffset) };
  const p: Parsed = {
    base: { keyword, span, keywordSpan, flags, argsText: t.slice(a, end), argsSpan: spanOf(line, a, end), stage: place.stage, onbuild: place.onbuild },
    line,
    a,
    b: end,
  };
  checkFlags(ctx, keyword, flags);
  return dispatch(ctx, p, place);
}

function dispatch(ctx: BuildCtx, p: Parsed, place: Placement): Instruction {
  switch (p.base.keyword) {
    case 'FROM':
      return buildFrom(ctx, p);
    case 'RUN':
      return buildRun(ctx, p, place);
    case 'CMD':
    case 'ENTRYPOINT':
      return make<CmdInstruction>(p.base, { keyword: p.base.keyword as CmdInstruction['keyword'], command: commandForm(ctx, p, p.a) });
    case 'COPY':
    case 'ADD':
      return buildCopy(ctx, p, place);
    case 'ENV':
    case 'LABEL':
      return buildEnv(ctx, p);
    case 'ARG':
      return buildArg(ctx, p);
    case 'USER':
      return buildUser(ctx, p);
    case 'EXPOSE':
      return buildExpose(ctx, p);
    case 'SHELL':
      return buildShell(ctx, p);
    case 'HEALTHCHECK':
      return buildHealthcheck(ctx, p);
    case 'ONBUILD':
      return buildOnbuild(ctx, p, place);
    default:
      return buildOther(ctx, p);
  }
}

function warn(ctx: BuildCtx, message: string, span: Span): void {
  ctx.warnings.push({ message, span });
}

function checkFlags(ctx: BuildCtx, keyword: string, flags: readonly Flag[]): void {
  if (flags.length === 0) return;
  const known = KNOWN_FLAGS[keyword];
  const seen = new Set<string>();
  for (const f of flags) {
    if (f.name === '') warn(ctx, `missing a flag name in ${keyword}`, f.span);
    else if (known === undefined || !known.has(f.name)) warn(ctx, `unknown flag --${f.name} for ${keyword}`, f.span);
    else if (seen.has(f.name) && !REPEATABLE_FLAGS.has(f.name)) warn(ctx, `duplicate flag --${f.name}`, f.span);
    seen.add(f.name);
  }
}

/** JSON (exec) or shell form of text[a, p.b). */
function commandForm(ctx: BuildCtx, p: Parsed, a: number): CommandForm {
  const { line, b } = p;
  const j = parseJsonArgs(line.text, a, b);
  if (j.kind === 'strings') return { kind: 'exec', args: j.items.map((it) => textWithValue(line, it.start, it.end, it.value)) };
  if (j.kind === 'nonstring') warn(ctx, 'when using JSON array syntax, arrays must be comprised of strings only', spanOf(line, a, b));
  return { kind: 'shell', script: shellSourceOf(line, a, b) };
}

function buildFrom(ctx: BuildCtx, p: Parsed): FromInstruction {
  const { line, a, b } = p;
  const words = splitWhitespace(line.text, a, b);
  let alias: Text | undefined;
  const w1 = words[1];
  const w2 = words[2];
  if (words.length === 3 && w1 !== undefined && w2 !== undefined && line.text.slice(w1.start, w1.end).toLowerCase() === 'as') {
    alias = textOf(line, w2.start, w2.end, ctx.escape);
    if (!STAGE_NAME.test(alias.value.toLowerCase())) {
      warn(ctx, `invalid name for build stage: "${alias.value}", name can't start with a number or contain symbols`, alias.span);
    }
  } else if (words.length !== 1) {
    warn(ctx, 'FROM requires either one or three arguments', p.base.argsSpan);
  }
  const w0 = words[0];
  const raw = w0 === undefined ? '' : line.text.slice(w0.start, w0.end);
  const image = parseImageRef(raw, expandVars(raw, ctx.globalArg, ctx.escape));
  return make(p.base, { keyword: 'FROM', image, alias, platform: flagValue(p.base.flags, 'platform') });
}

function buildRun(ctx: BuildCtx, p: Parsed, place: Placement): RunInstruction {
  const { flags } = p.base;
  const mounts = flags.filter((f) => f.name === 'mount').map((f) => parseMount(f, ctx.warnings));
  const network = flagValue(flags, 'network');
  const security = flagValue(flags, 'security');
  if (network !== undefined && !NETWORK_MODES.has(network)) warn(ctx, `unsupported network mode '${network}'`, p.base.argsSpan);
  if (security !== undefined && !SECURITY_MODES.has(security)) warn(ctx, `unsupported security mode '${security}'`, p.base.argsSpan);
  return make(p.base, { keyword: 'RUN', command: commandForm(ctx, p, p.a), heredocs: place.heredocs, mounts, network, security });
}

function buildCopy(ctx: BuildCtx, p: Parsed, place: Placement): CopyInstruction {
  const { line, a, b } = p;
  const keyword = p.base.keyword === 'ADD' ? 'ADD' : 'COPY';
  const j = parseJsonArgs(line.text, a, b);
  if (j.kind === 'nonstring') warn(ctx, 'when using JSON array syntax, arrays must be comprised of strings only', p.base.argsSpan);
  const words: Text[] =
    j.kind === 'strings'
      ? j.items.map((it) => textWithValue(line, it.start, it.end, it.value))
      : splitWhitespace(line.text, a, b).map((w) => textOf(line, w.start, w.end, ctx.escape));
  if (words.length < 2) warn(ctx, `${keyword} requires at least two arguments: sources and a destination`, p.base.argsSpan);
  const dest = words.length >= 2 ? words[words.length - 1] : undefined;
  if (dest !== undefined && /^\d*<<-?[^<]/.test(dest.raw) && place.heredocs.length > 0) {
    warn(ctx, `${keyword} cannot accept a heredoc as a destination`, dest.span);
  }
  const { flags } = p.base;
  return make(p.base, {
    keyword,
    sources: dest === undefined ? words : words.slice(0, -1),
    dest,
    heredocs: place.heredocs,
    json: j.kind === 'strings',
    from: flagValue(flags, 'from'),
    chown: flagValue(flags, 'chown'),
    chmod: flagValue(flags, 'chmod'),
  });
}

function buildShell(ctx: BuildCtx, p: Parsed): ShellInstruction {
  const { line, a, b } = p;
  const j = parseJsonArgs(line.text, a, b);
  if (j.kind === 'strings') return make(p.base, { keyword: 'SHELL', args: j.items.map((it) => textWithValue(line, it.start, it.end, it.value)) });
  warn(ctx, 'SHELL requires the arguments to be in JSON form', p.base.argsSpan);
  return make(p.base, { keyword: 'SHELL', args: splitWhitespace(line.text, a, b).map((w) => textOf(line, w.start, w.end, ctx.escape)) });
}

function buildHealthcheck(ctx: BuildCtx, p: Parsed): HealthcheckInstruction {
  const { line, a, b } = p;
  const t = line.text;
  let sep = a;
  while (sep < b && !isUnicodeSpace(t.charCodeAt(sep))) sep++;
  let next = sep;
  while (next < b && isUnicodeSpace(t.charCodeAt(next))) next++;
  const typ = t.slice(a, sep).toUpperCase();
  let command: CommandForm | undefined;
  if (typ === '') warn(ctx, 'HEALTHCHECK requires at least one argument', p.base.keywordSpan);
  else if (typ === 'NONE') {
    if (next < b) warn(ctx, 'HEALTHCHECK NONE takes no arguments', spanOf(line, next, b));
  } else if (typ !== 'CMD') {
    warn(ctx, `unknown type "${t.slice(a, sep)}" in HEALTHCHECK (try CMD)`, spanOf(line, a, sep));
  } else {
    if (next >= b) warn(ctx, 'missing command after HEALTHCHECK CMD', spanOf(line, a, sep));
    command = commandForm(ctx, p, next);
  }
  return make(p.base, { keyword: 'HEALTHCHECK', command });
}

function buildOnbuild(ctx: BuildCtx, p: Parsed, place: Placement): OnbuildInstruction {
  const { line, a, b } = p;
  if (a >= b) {
    warn(ctx, 'ONBUILD requires at least one argument', p.base.keywordSpan);
    return make(p.base, { keyword: 'ONBUILD', inner: undefined });
  }
  const [k, ke] = keywordRange(line.text, a, b);
  const trigger = line.text.slice(k, ke).toUpperCase();
  if (trigger === 'ONBUILD' || trigger === 'FROM' || trigger === 'MAINTAINER') {
    const message = trigger === 'ONBUILD' ? 'chaining ONBUILD via `ONBUILD ONBUILD` is not allowed' : `${trigger} is not allowed as an ONBUILD trigger`;
    warn(ctx, message, spanOf(line, k, ke));
    return make(p.base, { keyword: 'ONBUILD', inner: undefined });
  }
  const inner = buildInstruction(ctx, line, a, { stage: place.stage, onbuild: true, heredocs: place.heredocs, endOffset: place.endOffset });
  return make(p.base, { keyword: 'ONBUILD', inner });
}
