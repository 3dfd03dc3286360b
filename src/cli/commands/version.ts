import { Command } from 'commander';
import { AppError } from '../../core/errors.js';
import { InvalidVersionError, type VersionScheme } from '../../versioning/scheme.js';
import type * as Registry from '../../versioning/index.js';
import type { CliIo } from '../io.js';

// The schemes (and the libraries some use) load on use, so other commands do not pay for them.
const registry = (): Promise<typeof Registry> => import('../../versioning/index.js');

type Runner = (work: () => Promise<number>) => Promise<number>;

const RESULT = ['-1', '0', '1'] as const;
/** Parsed versions kept per run of --stdin; cleared when it grows past this many entries. */
const CACHE_LIMIT = 500_000;
/** Output lines per write. */
const CHUNK_LINES = 16_384;

async function schemeNamed(name: string): Promise<VersionScheme> {
  const { SCHEMES, findScheme } = await registry();
  const scheme = findScheme(name);
  if (scheme) return scheme;
  const known = SCHEMES.map((s) => (s.aliases.length ? `${s.id} (${s.aliases.join(', ')})` : s.id)).join(', ');
  throw new AppError('USAGE', `unknown version scheme "${name}"; known schemes: ${known}`);
}

/** Parses through a cache; an invalid version is cached as its error. */
function cachedParser(scheme: VersionScheme): (v: string) => unknown {
  const cache = new Map<string, unknown>();
  return (v) => {
    let p = cache.get(v);
    if (p === undefined) {
      try {
        p = scheme.parse(v);
      } catch (err) {
        if (!(err instanceof InvalidVersionError)) throw err;
        p = err;
      }
      if (cache.size >= CACHE_LIMIT) cache.clear();
      cache.set(v, p);
    }
    if (p instanceof InvalidVersionError) throw p;
    return p;
  };
}

/** One result line for one `A<TAB>B` input line. */
function compareLine(scheme: VersionScheme, parse: (v: string) => unknown, line: string): { text: string; ok: boolean } {
  const tab = line.indexOf('\t');
  if (tab < 0 || line.indexOf('\t', tab + 1) >= 0) {
    return { text: `error: expected two versions separated by one tab, got ${JSON.stringify(line.length > 200 ? `${line.slice(0, 200)}…` : line)}`, ok: false };
  }
  try {
    const r = scheme.compareParsed(parse(line.slice(0, tab)), parse(line.slice(tab + 1)));
    return { text: RESULT[r + 1] as string, ok: true };
  } catch (err) {
    if (err instanceof InvalidVersionError) return { text: `error: ${err.message}`, ok: false };
    throw err;
  }
}

/** Compare every line of `input`; writes results in chunks and returns the number of failed lines. */
function compareStream(io: CliIo, scheme: VersionScheme, input: string): { lines: number; failed: number } {
  const lines = input.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  const parse = cachedParser(scheme);
  let failed = 0;
  let chunk: string[] = [];
  for (const raw of lines) {
    const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    const { text, ok } = compareLine(scheme, parse, line);
    if (!ok) failed++;
    chunk.push(text);
    if (chunk.length === CHUNK_LINES) {
      io.stdout.write(`${chunk.join('\n')}\n`);
      chunk = [];
    }
  }
  if (chunk.length) io.stdout.write(`${chunk.join('\n')}\n`);
  return { lines: lines.length, failed };
}

function compareCommand(io: CliIo, run: Runner): Command {
  return new Command('compare')
    .summary('order two versions of a scheme: prints -1, 0 or 1')
    .description(
      [
        "Order version A against version B with SCHEME's exact rules and print -1 (A < B), 0 (equal) or 1 (A > B).",
        '',
        'With --stdin, read lines "A<TAB>B" and print one result per input line, in order. A line that cannot be compared (an invalid version, no tab, an empty line) prints "error: <reason>" in its place; the other lines still run, and the exit code is then 2.',
        '',
        'Exit codes: 0 ok; 2 unknown scheme, invalid version, or any --stdin line that failed; 3 internal error.',
      ].join('\n'),
    )
    .argument('<scheme>', 'version scheme id or alias (see "drydock version schemes")')
    .argument('[a]', 'first version')
    .argument('[b]', 'second version')
    .option('--stdin', 'read "A<TAB>B" lines from standard input')
    .addHelpText(
      'after',
      [
        '',
        'Examples:',
        '  $ drydock version compare deb 1:2.0~rc1-1 1:2.0-1        # -1',
        '  $ drydock version compare rpm 1.0^git1 1.0.1              # -1',
        '  $ drydock version compare alpine 1.2.3_rc1-r0 1.2.3-r0    # -1',
        "  $ printf '1.0\\t1.0-0\\n1.0~\\t1.0\\n' | drydock version compare debian --stdin",
      ].join('\n'),
    )
    .action(async (name: string, a: string | undefined, b: string | undefined, flags: { stdin?: boolean }) => {
      await run(async () => {
        const scheme = await schemeNamed(name);
        if (flags.stdin) {
          if (a !== undefined) throw new AppError('USAGE', 'give either --stdin or two versions, not both');
          const { lines, failed } = compareStream(io, scheme, await io.readStdin());
          if (failed) io.stderr.write(`drydock: ${failed} of ${lines} line(s) could not be compared\n`);
          return failed ? 2 : 0;
        }
        if (a === undefined || b === undefined) throw new AppError('USAGE', 'give two versions to compare, or --stdin');
        io.stdout.write(`${RESULT[scheme.compare(a, b) + 1]}\n`);
        return 0;
      });
    });
}

function schemesCommand(io: CliIo, run: Runner): Command {
  return new Command('schemes').summary('list the version schemes and their aliases').action(async () => {
    await run(async () => {
      const { SCHEMES } = await registry();
      const width = Math.max(...SCHEMES.map((s) => s.id.length));
      io.stdout.write(SCHEMES.map((s) => `${s.id.padEnd(width)}  ${s.aliases.join(', ')}`.trimEnd()).join('\n') + '\n');
      return 0;
    });
  });
}

/** `drydock version compare|schemes`: the version-ordering engine, for people debugging a match and for tests. */
export function versionCommand(io: CliIo, run: Runner): Command {
  const cmd = new Command('version')
    .summary('compare versions with a package ecosystem\'s exact ordering rules')
    .description('Version ordering as the matchers use it: deb (dpkg), apk (apk-tools), rpm (librpm) and the language ecosystems.');
  for (const sub of [compareCommand(io, run), schemesCommand(io, run)]) {
    cmd.addCommand(sub.exitOverride().configureOutput({ writeOut: (s) => io.stdout.write(s), writeErr: (s) => io.stderr.write(s) }));
  }
  return cmd;
}

