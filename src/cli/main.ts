import { Command, CommanderError } from 'commander';
import * as z from 'zod/mini';
import en from 'zod/v4/locales/en.js';
import { AppError, errorMessage } from '../core/errors.js';
import { TOOL_VERSION } from '../version.js';
import { EXIT, exitCodeFor } from './exit-codes.js';
import { processIo, type CliIo } from './io.js';

/** Columns of `--help` text when the terminal is narrower or not a terminal. */
const HELP_WIDTH = 110;

type Runner = (work: () => Promise<number>) => Promise<number>;

type CommandMaker = (io: CliIo, run: Runner) => Command;

/**
 * Every command, in the order `--help` lists them, each loaded on demand: a run builds only the
 * command it was given (its modules are all it loads and initialises), and every command only for
 * the top-level help, `--version` or a name that is not one of them.
 */
const COMMANDS: ReadonlyArray<{ name: string; load: () => Promise<CommandMaker> }> = [
  { name: 'sbom', load: async () => (await import('./commands/sbom.js')).sbomCommand },
  { name: 'scan', load: async () => (await import('./commands/scan.js')).scanCommand },
  { name: 'explain', load: async () => (await import('./commands/explain.js')).explainCommand },
  { name: 'lint', load: async () => (await import('./commands/lint.js')).lintCommand },
  { name: 'db', load: async () => (await import('./commands/db.js')).dbCommand },
  { name: 'generate-key-pair', load: async () => (await import('./commands/generate-key-pair.js')).generateKeyPairCommand },
  { name: 'sign', load: async () => (await import('./commands/sign.js')).signCommand },
  { name: 'verify', load: async () => (await import('./commands/verify.js')).verifyCommand },
  { name: 'attest', load: async () => (await import('./commands/attest.js')).attestCommand },
  { name: 'verify-attestation', load: async () => (await import('./commands/verify-attestation.js')).verifyAttestationCommand },
  { name: 'copy', load: async () => (await import('./commands/copy.js')).copyCommand },
  { name: 'version', load: async () => (await import('./commands/version.js')).versionCommand },
];

/** The commands a run needs: the one named first in argv, else all. */
function commandsFor(argv: readonly string[]): ReadonlyArray<{ name: string; load: () => Promise<CommandMaker> }> {
  const named = COMMANDS.find((c) => c.name === argv[0]);
  return named ? [named] : COMMANDS;
}

function describeFailure(err: unknown): { message: string; code: number } {
  if (err instanceof AppError) return { message: err.message, code: exitCodeFor(err.code) };
  return { message: `internal error: ${errorMessage(err)}`, code: EXIT.INTERNAL };
}

// English messages (zod/mini loads no locale), and no JIT: each schema parses a handful of documents
// per run, where generating code on first parse costs more than it saves.
z.config({ ...en(), jitless: true });

/** Run the CLI; returns the exit status and never throws. Only this module and commands/ print. */
export async function main(argv: string[], io: CliIo = processIo()): Promise<number> {
  let status: number = EXIT.OK;
  const run: Runner = async (work) => {
    try {
      status = await work();
    } catch (err) {
      const f = describeFailure(err);
      io.stderr.write(`drydock: ${f.message}\n`);
      if (f.code === EXIT.INTERNAL && io.env['DRYDOCK_DEBUG'] && err instanceof Error && err.stack) io.stderr.write(`${err.stack}\n`);
      status = f.code;
    }
    return status;
  };
  // Descriptions are laid out in lines of up to ~105 columns: help is not re-wrapped narrower than that.
  const width = (stream: { columns?: number }): number => Math.max(stream.columns ?? 0, HELP_WIDTH);
  const output = {
    writeOut: (s: string) => io.stdout.write(s),
    writeErr: (s: string) => io.stderr.write(s),
    getOutHelpWidth: () => width(io.stdout as { columns?: number }),
    getErrHelpWidth: () => width(io.stderr as { columns?: number }),
  };
  const program = new Command('drydock')
    .description('drydock — container image security: inventory, SBOMs and more, without a Docker daemon')
    .version(TOOL_VERSION, '-v, --version')
    .showHelpAfterError('(run with --help for usage)')
    .configureOutput(output)
    .exitOverride();
  try {
    const makers = await Promise.all(commandsFor(argv).map((c) => c.load()));
    for (const make of makers) program.addCommand(make(io, run).exitOverride().configureOutput(output));
    await program.parseAsync(argv, { from: 'user' });
  } catch (err) {
    if (err instanceof CommanderError) {
      if (err.code === 'commander.helpDisplayed' || err.code === 'commander.version' || err.code === 'commander.help') return EXIT.OK;
      return EXIT.USAGE_OR_INPUT;
    }
    return describeFailure(err).code;
  }
  return status;
}
