/**
 * Image history `created_by` lines → build steps the checks can reason about. The forms builders write:
 *   classic docker / buildah / kaniko  `/bin/sh -c #(nop)  ADD file:… in / `   (a non-RUN instruction)
 *                                      `|2 A=1 B=2 /bin/sh -c apt-get update` (RUN, with its build args)
 *   BuildKit                           `RUN |1 A=1 /bin/sh -c make # buildkit`, `COPY . /app # buildkit`
 * A line in none of these forms (apko, bazel, a hand-written comment) is read as a shell line, as Dockle
 * reads every line. RUN bodies are parsed with the tree-sitter shell parser (src/lint/shell), never
 * matched with regexes; `loadShellParser()` must have completed.
 */
import type { ImageConfigSummary } from '../../core/inventory.js';
import type { ShellScript } from '../../lint/shell/model.js';
import { parseShell } from '../../lint/shell/parse.js';

export interface HistoryStep {
  /** Position in the config's history (empty-layer steps included). */
  index: number;
  createdBy: string;
  /** The step made no layer (ENV, LABEL, CMD, ...). */
  emptyLayer: boolean;
  /** Index of the layer the step made, for steps that made one (and that the image has). */
  layer?: number;
  /** `RUN`, `ADD`, `ENV`, ...; undefined for a line in no known form (read as a shell line). */
  instruction: string | undefined;
  /** The instruction's arguments (non-RUN steps), e.g. `file:ab12… in /` or `A=1 B=2`. */
  args: string;
  /** The shell script a RUN step (or an unknown line) ran. */
  script?: ShellScript;
  /** Build args recorded with a RUN step (`|2 A=1 B=2`). */
  buildArgs: Array<{ name: string; value: string }>;
  /** BuildKit `RUN --mount=…` options, without the `--mount=`. */
  mounts: string[];
}

const BUILDKIT_SUFFIX = / # buildkit$/;
const INSTRUCTION = /^(RUN|ADD|COPY|ENV|LABEL|ARG|EXPOSE|CMD|ENTRYPOINT|WORKDIR|USER|VOLUME|HEALTHCHECK|SHELL|STOPSIGNAL|ONBUILD|MAINTAINER|FROM)(?: +|$)/;
/** `/bin/sh -c `, `/bin/bash -o pipefail -c `, `sh -ec ` (the SHELL a Dockerfile may set). */
const SHELL_C = /^(?:\/\S*\/)?(?:sh|bash|ash|dash|zsh|ksh|mksh)(?: (?:-o \S+|-[A-Za-z]+))*? -[A-Za-z]*c(?: |$)/;
const NOP = /^#\(nop\)\s*/;
const ASSIGNMENT = /^([A-Za-z_][A-Za-z0-9_]*)=(.*)$/s;

/** Every history step of the config, in order, with its layer. */
export function parseHistory(config: ImageConfigSummary, layerCount: number): HistoryStep[] {
  const steps: HistoryStep[] = [];
  let layer = 0;
  (config.history ?? []).forEach((h, index) => {
    const createdBy = h.createdBy ?? '';
    const step = parseStep(index, createdBy);
    step.emptyLayer = h.emptyLayer === true;
    if (!step.emptyLayer) {
      if (layer < layerCount) step.layer = layer;
      layer++;
    }
    steps.push(step);
  });
  return steps;
}

/** One `created_by` line (exported for the conformance tables, whose lines have no config around them). */
export function parseStep(index: number, createdBy: string): HistoryStep {
  const step: HistoryStep = { index, createdBy, emptyLayer: false, instruction: undefined, args: '', buildArgs: [], mounts: [] };
  const buildkit = BUILDKIT_SUFFIX.test(createdBy);
  let s = buildkit ? createdBy.replace(BUILDKIT_SUFFIX, '') : createdBy;
  const m = INSTRUCTION.exec(s);
  if (m && m[1] !== 'RUN') {
    step.instruction = m[1];
    step.args = s.slice(m[0].length).trim();
    return step;
  }
  if (m) {
    step.instruction = 'RUN';
    s = runFlags(s.slice(m[0].length), step.mounts);
  }
  s = buildArgs(s, step.buildArgs);
  const shell = SHELL_C.exec(s);
  const body = shell ? s.slice(shell[0].length) : s;
  if (shell && NOP.test(body)) {
    const rest = body.replace(NOP, '');
    const inner = INSTRUCTION.exec(rest);
    step.instruction = inner?.[1];
    step.args = (inner ? rest.slice(inner[0].length) : rest).trim();
    if (inner) return step;
  }
  if (shell) step.instruction = 'RUN';
  step.script = parseShell({ text: body, toFile: (i) => ({ line: 1, column: i + 1, offset: i }) });
  return step;
}

/** BuildKit's `RUN --mount=… --network=…` options before the command. */
function runFlags(s: string, mounts: string[]): string {
  let rest = s;
  for (;;) {
    const flag = /^--([a-z-]+)=(\S*) +/.exec(rest);
    if (!flag) return rest;
    if (flag[1] === 'mount') mounts.push(flag[2] ?? '');
    rest = rest.slice(flag[0].length);
  }
}

/** Where the shell of a RUN line starts, after its build args. */
const SHELL_C_AT = new RegExp(`(?:^| )(?=${SHELL_C.source.slice(1)})`);

/**
 * `|N A=1 B=two words /bin/sh -c …`: the N build args recorded before a RUN step's shell. Values are
 * written unquoted, so up to the shell a word that is not `NAME=` continues the previous value.
 */
function buildArgs(s: string, out: Array<{ name: string; value: string }>): string {
  const head = /^\|(\d+) /.exec(s);
  if (!head) return s;
  const n = Number(head[1]);
  const rest = s.slice(head[0].length);
  const shell = SHELL_C_AT.exec(rest);
  const words = (shell ? rest.slice(0, shell.index) : rest).split(' ');
  let used = 0;
  for (const word of words) {
    const a = ASSIGNMENT.exec(word);
    const last = out[out.length - 1];
    if (a && out.length < n) out.push({ name: a[1] ?? '', value: a[2] ?? '' });
    else if (last && shell) last.value += ` ${word}`;
    else break; // no shell to stop at (exec form): exactly N args, the command follows
    used++;
  }
  return shell ? rest.slice(shell.index).trimStart() : words.slice(used).join(' ');
}

/**
 * `NAME=value` pairs of an ENV, LABEL or ARG step as history records them (`ENV A=1 B=two words`,
 * `LABEL org.opencontainers.image.version=22.04`, buildah's `ARG MIRROR ROOTFS`): a value runs up to
 * the next ` NAME=`; surrounding quotes are dropped; an ARG without a default has an empty value, and
 * `ENV NAME value` (the legacy form) is one pair.
 */
export function instructionPairs(instruction: string, args: string): Array<{ name: string; value: string }> {
  const re = /(?:^|\s)([A-Za-z0-9_][A-Za-z0-9_.\-/]*)=/g;
  const starts: Array<{ name: string; at: number; valueAt: number }> = [];
  for (let m = re.exec(args); m; m = re.exec(args)) starts.push({ name: m[1] ?? '', at: m.index, valueAt: m.index + m[0].length });
  const words = args.trim() === '' ? [] : args.trim().split(/\s+/);
  if (starts.length === 0) {
    if (instruction === 'ARG') return words.map((name) => ({ name, value: '' }));
    const [name, ...rest] = words;
    return name === undefined ? [] : [{ name, value: unquote(rest.join(' ')) }];
  }
  return starts.map((s, i) => {
    const end = starts[i + 1]?.at ?? args.length;
    return { name: s.name, value: unquote(args.slice(s.valueAt, end).trim()) };
  });
}

function unquote(v: string): string {
  return v.length >= 2 && (v[0] === '"' || v[0] === "'") && v[v.length - 1] === v[0] ? v.slice(1, -1) : v;
}

const SHOWN = 200;

/** `history step 7: /bin/sh -c apt-get update` (long lines cut), for finding details. */
export function describeStep(step: HistoryStep): string {
  const line = step.createdBy.length > SHOWN ? `${step.createdBy.slice(0, SHOWN)}…` : step.createdBy;
  return `history step ${step.index + 1}: ${line}`;
}
