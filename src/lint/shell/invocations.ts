/**
 * Which program a simple command really runs: `sudo -E env A=1 nice -n 5 apt-get install x` runs
 * `apt-get` with `install x`. Only wrappers that run their operand as a command are looked through
 * (sudo, env, nice, time, command, exec); `command -v x` and `sudo -l` run nothing. `sh -c '...'`
 * bodies are parsed as nested scripts whose spans point into the quoted string.
 */
import type { Pos, ShellSource } from '../dockerfile/ast.js';
import type { ShellCommand, ShellScript, ShellWord } from './model.js';
import { parseOptions, type OptionSpec, type ParsedOptions } from './options.js';
import { parseShell, sourceOf } from './parse.js';
import { decodeWord } from './words.js';
import { FileCache } from '../file-scope.js';

export interface Invocation {
  readonly command: ShellCommand;
  /** The program run, basename of its literal name: `apt-get` for `sudo /usr/bin/apt-get`. */
  readonly name: string;
  readonly nameWord: ShellWord;
  /** The words after the program name. */
  readonly args: readonly ShellWord[];
  /** Wrappers looked through, outermost first: `['sudo', 'env']`. */
  readonly wrappers: readonly string[];
  /** For commands of an `sh -c` string: the (innermost) shell command that runs them. */
  readonly via: ShellCommand | undefined;
}

interface Wrapper {
  readonly spec: OptionSpec;
  /** Options after which the wrapper runs nothing (`command -v`, `sudo -l`). */
  readonly noCommand?: string;
  /** `env`/`sudo` accept `NAME=value` words before the command. */
  readonly assignments?: boolean;
}

const WRAPPERS: ReadonlyMap<string, Wrapper> = new Map<string, Wrapper>([
  ['sudo', { spec: { shortWithValue: 'ugCDhpRrtTU', longWithValue: ['user', 'group', 'close-from', 'chdir', 'host', 'prompt', 'chroot', 'role', 'type', 'command-timeout', 'other-user'] }, noCommand: 'elvVK', assignments: true }],
  ['env', { spec: { shortWithValue: 'uCS', longWithValue: ['unset', 'chdir', 'split-string'] }, noCommand: 'S', assignments: true }],
  ['nice', { spec: { shortWithValue: 'n', longWithValue: ['adjustment'] } }],
  ['time', { spec: { shortWithValue: 'fo', longWithValue: ['format', 'output'] } }],
  ['command', { spec: {}, noCommand: 'vV' }],
  ['exec', { spec: { shortWithValue: 'a' } }],
]);

const SHELLS = new Set(['sh', 'bash', 'dash', 'ash', 'ksh', 'mksh', 'zsh']);
const SHELL_OPTIONS: OptionSpec = { shortWithValue: 'oO', longWithValue: ['rcfile', 'init-file'], stopAtPositional: true };
const MAX_SH_C_DEPTH = 3;

const CACHE = new FileCache<ShellScript, readonly Invocation[]>();

function basename(name: string): string {
  return name.slice(name.lastIndexOf('/') + 1);
}

/** The program a command runs, wrappers looked through; undefined when its name is dynamic or absent. */
export function invocationOf(command: ShellCommand, via?: ShellCommand): Invocation | undefined {
  const words = command.words;
  const wrappers: string[] = [];
  let i = 0;
  for (;;) {
    const nameWord = words[i];
    if (nameWord?.value === undefined) return undefined;
    const name = basename(nameWord.value);
    const wrapper = WRAPPERS.get(name);
    const next = wrapper === undefined ? undefined : wrappedIndex(words, i + 1, wrapper);
    if (next === undefined) return { command, name, nameWord, args: words.slice(i + 1), wrappers, via };
    wrappers.push(name);
    i = next;
  }
}

/** Index of the wrapped command's name word, or undefined when the wrapper runs no command. */
function wrappedIndex(words: readonly ShellWord[], from: number, wrapper: Wrapper): number | undefined {
  const rest = words.slice(from);
  const opts: ParsedOptions = parseOptions(rest, { ...wrapper.spec, stopAtPositional: true });
  if (opts.flags.some((f) => !f.long && wrapper.noCommand?.includes(f.name) === true)) return undefined;
  let k = opts.positionals.length === 0 ? -1 : rest.indexOf(opts.positionals[0] as ShellWord);
  if (k < 0) return undefined;
  if (wrapper.assignments === true) {
    while (k < rest.length && (rest[k]?.value === '-' || /^[A-Za-z_][A-Za-z0-9_]*=/.test(rest[k]?.raw ?? ''))) k++;
  }
  return k < rest.length ? from + k : undefined;
}

/** The string word of `sh -c '...'` (any POSIX shell; `-ec`, `-o pipefail -c` and the like included). */
function shellCWord(inv: Invocation): ShellWord | undefined {
  if (!SHELLS.has(inv.name)) return undefined;
  const opts = parseOptions(inv.args, SHELL_OPTIONS);
  if (!opts.flags.some((f) => !f.long && f.name === 'c')) return undefined;
  const word = opts.positionals[0];
  return word?.value === undefined ? undefined : word;
}

/** The script an `sh -c '...'` invocation of `script` runs, parsed, with spans inside the string. */
export function shellCBody(script: ShellScript, inv: Invocation): { readonly word: ShellWord; readonly script: ShellScript } | undefined {
  const word = shellCWord(inv);
  if (word?.value === undefined) return undefined;
  return { word, script: parseShell(innerSource(word, word.value, sourceOf(script))) };
}

/** Every command of the script as an invocation, `sh -c` bodies included (after their shell command). Cached. */
export function invocations(script: ShellScript): readonly Invocation[] {
  let all = CACHE.get(script);
  if (all === undefined) {
    all = collect(script, undefined, 0);
    CACHE.set(script, all);
  }
  return all;
}

/** The invocations of the named programs: `commandsNamed(script, 'apt-get')`, `commandsNamed(script, ['pip', 'pip3'])`. */
export function commandsNamed(script: ShellScript, names: string | readonly string[]): Invocation[] {
  const wanted = typeof names === 'string' ? [names] : names;
  return invocations(script).filter((inv) => wanted.includes(inv.name));
}

function collect(script: ShellScript, via: ShellCommand | undefined, depth: number): Invocation[] {
  const out: Invocation[] = [];
  for (const command of script.commands) {
    const inv = invocationOf(command, via);
    if (inv === undefined) continue;
    out.push(inv);
    const body = depth < MAX_SH_C_DEPTH ? shellCBody(script, inv) : undefined;
    if (body !== undefined) out.push(...collect(body.script, command, depth + 1));
  }
  return out;
}

/**
 * The ShellSource of a string word's value: each character maps to where it is written inside the
 * word. Exact when the outer script's source is known; otherwise columns are counted from the word's
 * start on its line.
 */
function innerSource(word: ShellWord, value: string, outer: ShellSource | undefined): ShellSource {
  const decoded = decodeWord(word.raw);
  const map = decoded !== undefined && decoded.value === value ? decoded.map : undefined;
  const rawAt = (i: number): number => (map === undefined ? 0 : (map[Math.min(Math.max(i, 0), map.length - 1)] ?? 0));
  const start = outer === undefined ? undefined : textIndexOf(outer, word);
  const toFile = (i: number): Pos => {
    if (start !== undefined && outer !== undefined) return outer.toFile(start + rawAt(i));
    const s = word.span.start;
    return { line: s.line, column: s.column + rawAt(i), offset: s.offset + rawAt(i) };
  };
  return { text: value, toFile };
}

/** Where a word of a parsed script starts in its source text (binary search over `toFile`). */
function textIndexOf(src: ShellSource, word: ShellWord): number | undefined {
  const target = word.span.start.offset;
  let lo = 0;
  let hi = src.text.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (src.toFile(mid).offset < target) lo = mid + 1;
    else hi = mid;
  }
  return src.text.startsWith(word.raw, lo) ? lo : undefined;
}
