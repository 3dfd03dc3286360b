/**
 * Reading a command's options from its words, getopt-style: `-y`, bundles like `-yq`/`-qq`, a short
 * option with its value attached or in the next word (`-oDpkg::x`, `-o Dpkg::x`), `--opt=value`,
 * `--opt value` for options the spec says take one, `--` ending the options. Rules ask questions of the
 * result (`hasFlag(opts, 'y', 'yes', 'assume-yes')`) instead of matching text.
 */
import type { ShellWord } from './model.js';

export interface OptionSpec {
  /** Short options (letters) that take a value, e.g. `'oct'` for apt-get's `-o`, `-c`, `-t`. */
  readonly shortWithValue?: string;
  /** Long options (without `--`) that take a value in the next word when not written `--opt=value`. */
  readonly longWithValue?: readonly string[];
  /** Stop at the first positional (POSIX, and wrappers like `sudo cmd -x`); default: GNU permutation. */
  readonly stopAtPositional?: boolean;
  /** Long options written with one dash (`-nv` style is not a bundle), e.g. wget's `-nc`, `-nv`. */
  readonly singleDashLong?: readonly string[];
}

export interface ParsedFlag {
  /** Without dashes: `y`, `no-install-recommends`, `o`. */
  readonly name: string;
  readonly long: boolean;
  /** The word the flag is written in (shared by the flags of a bundle like `-yq`). */
  readonly word: ShellWord;
  /** The option's value (`--x=1`, `-o v`, `-ov`), undefined when it takes none or it expands. */
  readonly value: string | undefined;
  /** The word holding the value: `word` itself for `--x=1`/`-ov`, the next word for `-o v`. */
  readonly valueWord: ShellWord | undefined;
}

export interface ParsedOptions {
  readonly flags: readonly ParsedFlag[];
  /** Non-option words, in order (dynamic words like `$PKGS` included, with `value` undefined). */
  readonly positionals: readonly ShellWord[];
}

const NO_LONG_VALUES: ReadonlySet<string> = new Set();
/** Keyed by a spec's `longWithValue` list: constants of tool-options.ts and the rules, shared by specs derived from them. */
const LONG_WITH_VALUE = new WeakMap<readonly string[], ReadonlySet<string>>();

function longWithValueOf(spec: OptionSpec): ReadonlySet<string> {
  const list = spec.longWithValue;
  if (list === undefined) return NO_LONG_VALUES;
  let set = LONG_WITH_VALUE.get(list);
  if (set === undefined) {
    set = new Set(list);
    LONG_WITH_VALUE.set(list, set);
  }
  return set;
}

/** Splits `words` (the arguments after the command name) into flags and positionals. */
export function parseOptions(words: readonly ShellWord[], spec: OptionSpec = {}): ParsedOptions {
  const flags: ParsedFlag[] = [];
  const positionals: ShellWord[] = [];
  const longWithValue = longWithValueOf(spec);
  let i = 0;
  for (; i < words.length; i++) {
    const word = words[i] as ShellWord;
    const text = optionText(word);
    if (text === '--') {
      i++;
      break;
    }
    if (text === undefined || text === '-' || !text.startsWith('-')) {
      positionals.push(word);
      if (spec.stopAtPositional === true) {
        i++;
        break;
      }
    } else if (text.startsWith('--') || spec.singleDashLong?.includes(text.slice(1).split('=')[0] ?? '') === true) {
      i += longOption(word, text, words[i + 1], longWithValue, flags);
    } else {
      i += shortOptions(word, text, words[i + 1], spec.shortWithValue ?? '', flags);
    }
  }
  for (; i < words.length; i++) positionals.push(words[i] as ShellWord);
  return { flags, positionals };
}

/**
 * The text to read as an option: the literal value, or for a dynamic word the literal prefix when it
 * is written `--name=$X` (a long option with a dynamic value). Undefined means positional.
 */
function optionText(word: ShellWord): string | undefined {
  if (word.value !== undefined) return word.value;
  const m = /^(--?[A-Za-z0-9][\w.-]*=)/.exec(word.raw);
  return m ? `${m[1] as string}\0` : undefined;
}

/** Adds one long option; returns how many extra words it consumed (0 or 1). */
function longOption(word: ShellWord, text: string, next: ShellWord | undefined, withValue: ReadonlySet<string>, flags: ParsedFlag[]): number {
  const body = text.replace(/^--?/, '');
  const eq = body.indexOf('=');
  if (eq >= 0) {
    const value = body.slice(eq + 1);
    flags.push({ name: body.slice(0, eq), long: true, word, value: value.includes('\0') ? undefined : value, valueWord: word });
    return 0;
  }
  if (withValue.has(body) && next !== undefined) {
    flags.push({ name: body, long: true, word, value: next.value, valueWord: next });
    return 1;
  }
  flags.push({ name: body, long: true, word, value: undefined, valueWord: undefined });
  return 0;
}

/** Adds the flags of a bundle `-abc`; returns how many extra words it consumed (0 or 1). */
function shortOptions(word: ShellWord, text: string, next: ShellWord | undefined, withValue: string, flags: ParsedFlag[]): number {
  for (let k = 1; k < text.length; k++) {
    const name = text[k] as string;
    if (!withValue.includes(name)) {
      // apt's `-q=2`: an explicit value ends the bundle
      const explicit = text[k + 1] === '=' ? text.slice(k + 2) : undefined;
      flags.push({ name, long: false, word, value: explicit?.includes('\0') === true ? undefined : explicit, valueWord: explicit === undefined ? undefined : word });
      if (explicit !== undefined) return 0;
      continue;
    }
    const rest = text.slice(k + 1);
    if (rest !== '') {
      flags.push({ name, long: false, word, value: rest.includes('\0') ? undefined : rest, valueWord: word });
      return 0;
    }
    flags.push({ name, long: false, word, value: next?.value, valueWord: next });
    return next === undefined ? 0 : 1;
  }
  return 0;
}

/** True if any of `names` was given (`hasFlag(o, 'y', 'yes', 'assume-yes')`). */
export function hasFlag(opts: ParsedOptions, ...names: string[]): boolean {
  return opts.flags.some((f) => names.includes(f.name));
}

/** How many times any of `names` was given (`-qq` counts 2). */
export function flagCount(opts: ParsedOptions, ...names: string[]): number {
  return opts.flags.filter((f) => names.includes(f.name)).length;
}

/** The flags named any of `names`, in order (e.g. every `-o` of apt-get). */
export function flagsNamed(opts: ParsedOptions, ...names: string[]): ParsedFlag[] {
  return opts.flags.filter((f) => names.includes(f.name));
}

/**
 * A subcommand tool (`apt-get install`, `apk add`, `pip install`, `npm ci`): options are read across the
 * whole command line (global ones before the subcommand included); the first positional is the
 * subcommand, the rest are its operands (packages).
 */
export function parseSubcommand(words: readonly ShellWord[], spec: OptionSpec): ParsedOptions & { readonly subcommand: ShellWord | undefined; readonly operands: readonly ShellWord[] } {
  const opts = parseOptions(words, spec);
  const [subcommand, ...operands] = opts.positionals;
  return { flags: opts.flags, positionals: opts.positionals, subcommand, operands };
}
