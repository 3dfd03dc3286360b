import { Command, Option } from 'commander';
import { randomBytes } from 'node:crypto';
import { lstat, rename, unlink, writeFile } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { AppError, errorMessage } from '../../core/errors.js';
import type { CliIo } from '../io.js';
import { newKeyPassword } from '../key-input.js';
import type { PasswordPrompt } from '../password-prompt.js';

type Runner = (work: () => Promise<number>) => Promise<number>;

/** Kept here (not imported) so building the command does not load the crypto modules. */
const ALGORITHMS = ['ecdsa-p256', 'ecdsa-p384', 'ecdsa-p521', 'ed25519'] as const;

interface Flags {
  outputKeyPrefix: string;
  algorithm: (typeof ALGORITHMS)[number];
  force?: boolean;
}

async function exists(path: string): Promise<boolean> {
  return lstat(path).then(
    () => true,
    () => false,
  );
}

/**
 * Write `text` to `path` with `mode`. Without `force` the file is created exclusively (never
 * overwriting one that appeared meanwhile); with it, a temporary file is renamed over the old
 * one, so the old file's permissions never carry over to a new private key.
 */
async function writeKeyFile(path: string, shown: string, text: string, mode: number, force: boolean): Promise<void> {
  const target = force ? join(dirname(path), `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`) : path;
  try {
    await writeFile(target, text, { mode, flag: 'wx' });
    if (force) await rename(target, path);
  } catch (err) {
    if (force) await unlink(target).catch(() => undefined);
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') throw new AppError('USAGE', `${shown} already exists; use --force to overwrite it`);
    throw new AppError('INPUT', `cannot write ${shown}: ${errorMessage(err)}`);
  }
}

/**
 * `drydock generate-key-pair`: PREFIX.key (cosign's encrypted format, mode 0600) and PREFIX.pub.
 * `prompt` is for tests; the CLI asks on the terminal.
 */
export function generateKeyPairCommand(io: CliIo, run: Runner, prompt?: PasswordPrompt): Command {
  return new Command('generate-key-pair')
    .summary('write a cosign-compatible key pair: PREFIX.key (encrypted) and PREFIX.pub')
    .description(
      [
        "Generate a signing key pair in cosign's file formats: PREFIX.key holds the private key as an",
        '"ENCRYPTED SIGSTORE PRIVATE KEY" (scrypt + nacl/secretbox, readable by cosign), written with mode 0600;',
        'PREFIX.pub holds the public key as a PEM "PUBLIC KEY". The password comes from COSIGN_PASSWORD, then',
        'DRYDOCK_PASSWORD (an empty value means an empty password), else it is asked twice on the terminal.',
        'Existing files are never overwritten without --force.',
        'Exit codes: 0 ok, 2 usage or input error (files exist, no password source), 3 internal error.',
      ].join('\n'),
    )
    .option('--output-key-prefix <prefix>', 'write PREFIX.key and PREFIX.pub', 'cosign')
    .addOption(new Option('--algorithm <algorithm>', 'key type').choices(ALGORITHMS).default('ecdsa-p256'))
    .option('-f, --force', 'overwrite existing PREFIX.key / PREFIX.pub')
    .addHelpText(
      'after',
      [
        '',
        'Examples:',
        '  $ COSIGN_PASSWORD=... drydock generate-key-pair',
        '  $ drydock generate-key-pair --output-key-prefix ci/release --algorithm ecdsa-p384',
      ].join('\n'),
    )
    .action(async (flags: Flags) => {
      await run(async () => {
        if (flags.outputKeyPrefix === '') throw new AppError('USAGE', '--output-key-prefix is empty');
        const shown = { key: `${flags.outputKeyPrefix}.key`, pub: `${flags.outputKeyPrefix}.pub` };
        const paths = { key: resolve(io.cwd, shown.key), pub: resolve(io.cwd, shown.pub) };
        const force = flags.force === true;
        if (!force) {
          for (const which of ['key', 'pub'] as const) {
            if (await exists(paths[which])) throw new AppError('USAGE', `${shown[which]} already exists; use --force to overwrite it`);
          }
        }
        const password = await newKeyPassword(io, prompt);
        const { generateKeyPair } = await import('../../signing/keys/generate.js');
        const pair = await generateKeyPair(flags.algorithm, password);
        await writeKeyFile(paths.key, shown.key, pair.privatePem, 0o600, force);
        try {
          await writeKeyFile(paths.pub, shown.pub, pair.publicPem, 0o644, force);
        } catch (err) {
          // No half a key pair: the private key whose public half could not be written goes too.
          await unlink(paths.key).catch(() => undefined);
          throw err;
        }
        io.stderr.write(`Private key written to ${shown.key}\nPublic key written to ${shown.pub}\n`);
        return 0;
      });
    });
}
