/**
 * DD010: a downloaded script run straight from the network: `curl … | sh`, `wget -O- … | sudo bash`,
 * `curl … | python3 -`, `bash <(curl …)`, `sh -c "$(curl …)"`, `eval "$(wget -qO- …)"`. Nothing checks
 * what arrived (a compromised or truncated download runs as is). Read from the shell model: pipelines,
 * process and command substitutions, `sh -c` bodies and heredoc scripts; a curl/wget that writes to a
 * file (`-o`, `-O`) feeds nothing to the pipe.
 */
import type { Span } from '../dockerfile/ast.js';
import { isOnbuild, withOnbuild } from '../dockerfile/guards.js';
import type { LintRule, RuleContext, Violation } from '../rule.js';
import type { ShellScript, ShellWord } from '../shell/model.js';
import { invocations, type Invocation } from '../shell/invocations.js';
import { flagsNamed, hasFlag, parseOptions, type OptionSpec } from '../shell/options.js';
import { CURL_OPTIONS, WGET_OPTIONS } from '../shell/tool-options.js';

const CODE = 'DD010';

const SHELLS: ReadonlySet<string> = new Set(['sh', 'bash', 'dash', 'ash', 'ksh', 'mksh', 'zsh', 'busybox']);
const INTERPRETERS: ReadonlySet<string> = new Set(['python', 'python2', 'python3', 'perl', 'ruby', 'node', 'php']);
/** Builtins that run their operand as code. */
const EVALUATORS: ReadonlySet<string> = new Set(['eval', 'source', '.']);
const SHELL_OPTIONS: OptionSpec = { shortWithValue: 'oO', longWithValue: ['rcfile', 'init-file'], stopAtPositional: true };
const STDOUT: ReadonlySet<string> = new Set(['-', '/dev/stdout']);
const SUBSTITUTION = /^"?(?:\$\(|<\(|`)/;

/** Does this curl/wget write what it downloads to stdout? */
function downloadsToStdout(inv: Invocation): boolean {
  if (inv.name === 'curl') {
    const opts = parseOptions(inv.args, CURL_OPTIONS);
    if (hasFlag(opts, 'O', 'remote-name', 'remote-name-all')) return false;
    return flagsNamed(opts, 'o', 'output').every((f) => f.value !== undefined && STDOUT.has(f.value));
  }
  if (inv.name === 'wget') {
    const out = flagsNamed(parseOptions(inv.args, WGET_OPTIONS), 'O', 'output-document');
    return out.length > 0 && out.every((f) => f.value !== undefined && STDOUT.has(f.value));
  }
  return false;
}

/** Does this shell or interpreter run the script it reads on stdin? (`sh`, `sh -s -- -y`, `bash -`, `python3 -`) */
function runsStdin(inv: Invocation): boolean {
  if (!SHELLS.has(inv.name) && !INTERPRETERS.has(inv.name)) return false;
  const args = inv.name === 'busybox' ? inv.args.slice(1) : inv.args;
  if (inv.name === 'busybox' && !SHELLS.has(inv.args[0]?.value ?? '')) return false;
  const opts = parseOptions(args, SHELL_OPTIONS);
  if (hasFlag(opts, 'c', 'e', 'm') && !SHELLS.has(inv.name)) return false; // python -c / -m, perl -e
  if (hasFlag(opts, 'c')) return false;
  if (hasFlag(opts, 's')) return true;
  const script = opts.positionals[0];
  return script === undefined || (script.value !== undefined && (script.value === '-' || script.value === '/dev/stdin'));
}

const within = (inner: Span, outer: Span): boolean => inner.start.offset >= outer.start.offset && inner.end.offset <= outer.end.offset;

function pipelineKey(inv: Invocation): string {
  return `${inv.via === undefined ? '' : inv.via.span.start.offset}:${inv.command.pipelineId}`;
}

function check(script: ShellScript, out: Violation[]): void {
  const all = invocations(script);
  const downloads = all.filter((inv) => (inv.name === 'curl' || inv.name === 'wget') && downloadsToStdout(inv));
  if (downloads.length === 0) return;
  for (const sink of all) {
    const piped = downloads.find(
      (dl) => dl.command.pipelineLength > 1 && pipelineKey(dl) === pipelineKey(sink) && dl.command.pipelineIndex < sink.command.pipelineIndex,
    );
    if (piped !== undefined && runsStdin(sink)) {
      out.push(violation({ start: piped.command.span.start, end: sink.command.span.end }, `${piped.name} … | ${sink.name}`));
      continue;
    }
    if (!SHELLS.has(sink.name) && !INTERPRETERS.has(sink.name) && !EVALUATORS.has(sink.name)) continue;
    const found = substituted(sink.args, downloads);
    if (found !== undefined) out.push(violation(sink.command.span, `${sink.name} ${found.word.raw.startsWith('<(') ? '<(' : '"$('}${found.dl.name} …)`));
  }
}

/** An operand that is a `<(…)` / `$(…)` substitution running a download. */
function substituted(args: readonly ShellWord[], downloads: readonly Invocation[]): { word: ShellWord; dl: Invocation } | undefined {
  for (const word of args) {
    if (!SUBSTITUTION.test(word.raw)) continue;
    const dl = downloads.find((d) => within(d.command.span, word.span));
    if (dl !== undefined) return { word, dl };
  }
  return undefined;
}

function violation(span: Span, form: string): Violation {
  return {
    code: CODE,
    span,
    message: `Downloaded script executed without verification (${form}): download it to a file, check its checksum or signature, then run it`,
  };
}

export const DD010: LintRule = {
  code: CODE,
  level: 'warning',
  message: 'Do not pipe a download into a shell',
  description: 'curl/wget output run directly by a shell or interpreter (curl | sh, bash <(curl ...), sh -c "$(curl ...)"): nothing verifies what was downloaded.',
  check(ctx: RuleContext): Violation[] {
    const out: Violation[] = [];
    for (const instr of withOnbuild(ctx.doc.instructions)) {
      if (isOnbuild(instr)) continue; // its inner instruction comes next
      for (const script of ctx.shellOf(instr)) check(script, out);
    }
    return out;
  },
};
