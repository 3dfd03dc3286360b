import { randomBytes } from 'node:crypto';
import { rename, unlink, writeFile } from 'node:fs/promises';
import { dirname, join, basename } from 'node:path';
import { AppError, errorMessage } from '../core/errors.js';

/** The process surroundings a command may touch; tests pass their own. */
export interface CliIo {
  stdout: { write(text: string): unknown };
  stderr: { write(text: string): unknown; isTTY?: boolean };
  env: Record<string, string | undefined>;
  cwd: string;
  /** Reads all of stdin (for --password-stdin). */
  readStdin(): Promise<string>;
}

export function processIo(): CliIo {
  return {
    stdout: process.stdout,
    stderr: process.stderr,
    env: process.env,
    cwd: process.cwd(),
    readStdin: async () => {
      const chunks: Buffer[] = [];
      for await (const c of process.stdin) chunks.push(c as Buffer);
      return Buffer.concat(chunks).toString('utf8');
    },
  };
}

/**
 * Write a command's result to `-o FILE` (atomically: a temporary file in the same directory,
 * renamed into place, so a failure never leaves a partial output file) or to stdout.
 */
export async function writeResult(io: CliIo, output: string | undefined, text: string): Promise<void> {
  if (output === undefined || output === '-') {
    io.stdout.write(text.endsWith('\n') ? text : `${text}\n`);
    return;
  }
  const tmp = join(dirname(output), `.${basename(output)}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    await writeFile(tmp, text.endsWith('\n') ? text : `${text}\n`);
    await rename(tmp, output);
  } catch (err) {
    await unlink(tmp).catch(() => undefined);
    throw new AppError('INPUT', `cannot write ${output}: ${errorMessage(err)}`);
  }
}
