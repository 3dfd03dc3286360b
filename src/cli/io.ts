import { randomBytes } from 'node:crypto';
import { realpath, rename, stat, unlink, writeFile } from 'node:fs/promises';
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
    // Node builds a stream object on first access: a run that writes to -o FILE never builds stdout's.
    get stdout() {
      return process.stdout;
    },
    get stderr() {
      return process.stderr;
    },
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
 * Write a command's result to `-o FILE` or to stdout. A regular file (new or existing, also behind a
 * symlink) is written atomically: a temporary file in the same directory renamed into place, so a
 * failure never leaves a partial output file. Anything else that already exists (`/dev/null`, a
 * FIFO, `/dev/stdout`) is written in place — renaming over it would replace the device itself.
 */
export async function writeResult(io: CliIo, output: string | undefined, text: string): Promise<void> {
  const body = text.endsWith('\n') ? text : `${text}\n`;
  if (output === undefined || output === '-') {
    io.stdout.write(body);
    return;
  }
  const target = await realpath(output).catch(() => output);
  const st = await stat(target).catch(() => undefined);
  if (st && !st.isFile()) {
    try {
      await writeFile(target, body);
      return;
    } catch (err) {
      throw new AppError('INPUT', `cannot write ${output}: ${errorMessage(err)}`);
    }
  }
  const tmp = join(dirname(target), `.${basename(target)}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    await writeFile(tmp, body);
    await rename(tmp, target);
  } catch (err) {
    await unlink(tmp).catch(() => undefined);
    throw new AppError('INPUT', `cannot write ${output}: ${errorMessage(err)}`);
  }
}
