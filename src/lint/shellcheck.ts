/**
 * The ShellCheck bridge: run the real `shellcheck` binary over every shell script of a lint run in ONE
 * process (`--format=json1`, one temporary file per script) and map each SC finding back to the
 * Dockerfile through the script's ShellSource.
 *
 * Semantics follow Hadolint: each script gets a shebang for its shell (`sh` unless SHELL says bash, ...;
 * non-POSIX shells are not checked), the ARG/ENV names in scope plus the proxy variables are declared
 * by an `export NAME=1` line before the script, and SC1090 (can't follow a dynamic `source`) and SC2187
 * (ash checked as dash) are excluded.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AppError, errorMessage } from '../core/errors.js';
import type { ShellSource } from './dockerfile/ast.js';
import { parseShellcheckJson, toFinding, type ShellcheckFinding } from './shellcheck-output.js';

export type { ShellcheckFinding } from './shellcheck-output.js';

export type ShellcheckDialect = 'sh' | 'bash' | 'dash' | 'ksh';

export interface ShellcheckInput<Id> {
  readonly id: Id;
  readonly script: ShellSource;
  readonly dialect: ShellcheckDialect;
  /** Variables set before the script runs (ARG/ENV names in scope); the proxy variables are always added. */
  readonly declared: readonly string[];
}

export interface ShellcheckOptions {
  /** The executable (default `shellcheck`, found on PATH). */
  readonly binary?: string;
  readonly timeoutMs?: number;
  readonly maxOutputBytes?: number;
}

/** Docker's predefined build args: always set in Hadolint's view. */
export const PROXY_VARIABLES: readonly string[] = ['HTTP_PROXY', 'http_proxy', 'HTTPS_PROXY', 'https_proxy', 'FTP_PROXY', 'ftp_proxy', 'NO_PROXY', 'no_proxy'];

/**
 * Codes never reported (as Hadolint does): SC1090/SC1091 say a `source`d file could not be followed —
 * files sourced by a RUN live in the image being built, never beside the Dockerfile; SC2187 (ash).
 */
export const EXCLUDED_CODES: readonly string[] = ['SC1090', 'SC1091', 'SC2187'];

const DEFAULT_TIMEOUT_MS = 60_000;
const DEFAULT_MAX_OUTPUT = 64 * 1024 * 1024;
const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;

const available = new Map<string, Promise<boolean>>();

/** Whether the shellcheck binary runs (cached per binary). Never throws. */
export function shellcheckAvailable(binary = 'shellcheck'): Promise<boolean> {
  let result = available.get(binary);
  if (result === undefined) {
    result = new Promise<boolean>((resolve) => {
      execFile(binary, ['--version'], { timeout: 10_000, maxBuffer: 1024 * 1024 }, (err, stdout) => {
        resolve(err === null && String(stdout).includes('ShellCheck'));
      });
    });
    available.set(binary, result);
  }
  return result;
}

/** The file shellcheck reads for one script: shebang, declarations, then the script text. */
function fileText(input: ShellcheckInput<unknown>): { text: string; prelude: number } {
  const names = [...new Set([...PROXY_VARIABLES, ...input.declared])].filter((n) => IDENTIFIER.test(n));
  return { text: `#!/bin/${input.dialect}\nexport ${names.map((n) => `${n}=1`).join(' ')}\n${input.script.text}`, prelude: 2 };
}

/**
 * Runs shellcheck once over all scripts. Returns the findings per input id (every id present, possibly
 * with no findings). Throws AppError (`LIMIT` on timeout or too much output, `INTERNAL` when shellcheck
 * fails or is missing); callers check `shellcheckAvailable()` first.
 */
export async function runShellcheck<Id>(inputs: ReadonlyArray<ShellcheckInput<Id>>, options: ShellcheckOptions = {}): Promise<Map<Id, ShellcheckFinding[]>> {
  const result = new Map<Id, ShellcheckFinding[]>(inputs.map((i) => [i.id, []]));
  if (inputs.length === 0) return result;
  const dir = await mkdtemp(join(tmpdir(), 'drydock-shellcheck-'));
  try {
    const files = inputs.map((input, i) => ({ input, name: `${i}.sh`, ...fileText(input) }));
    await Promise.all(files.map((f) => writeFile(join(dir, f.name), f.text, 'utf8')));
    const stdout = await execShellcheck(dir, files.map((f) => f.name), options);
    const byName = new Map(files.map((f) => [f.name, f]));
    for (const comment of parseShellcheckJson(stdout)) {
      const file = byName.get(comment.file);
      if (file === undefined) continue;
      const finding = toFinding(comment, file.input.script, file.prelude);
      if (finding !== undefined) result.get(file.input.id)?.push(finding);
    }
    return result;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

function execShellcheck(cwd: string, names: readonly string[], options: ShellcheckOptions): Promise<string> {
  const binary = options.binary ?? 'shellcheck';
  const timeout = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const maxBuffer = options.maxOutputBytes ?? DEFAULT_MAX_OUTPUT;
  const args = ['--norc', '--format=json1', `--exclude=${EXCLUDED_CODES.join(',')}`, '--', ...names];
  return new Promise((resolve, reject) => {
    execFile(binary, args, { cwd, timeout, maxBuffer, encoding: 'utf8', killSignal: 'SIGKILL' }, (err, stdout, stderr) => {
      if (err === null) return resolve(stdout);
      const e = err as Error & { code?: unknown; killed?: boolean };
      if (e.code === 'ERR_CHILD_PROCESS_STDIO_MAXBUFFER') return reject(new AppError('LIMIT', `shellcheck wrote more than ${maxBuffer} bytes of output`));
      if (e.killed === true) return reject(new AppError('LIMIT', `shellcheck did not finish within ${timeout} ms`));
      // exit 1: findings; exit 2: some files could not be checked (the others are still reported)
      if ((e.code === 1 || e.code === 2) && stdout.trim().startsWith('{')) return resolve(stdout);
      reject(new AppError('INTERNAL', `shellcheck failed: ${stderr.trim() || errorMessage(err)}`, { cause: err }));
    });
  });
}

