import { Command, Option } from 'commander';
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { AppError, errorMessage } from '../../core/errors.js';
import type { SignatureStorage } from '../../image/registry/signing-io.js';
import type { CliIo } from '../io.js';
import { addRegistryFlags, STORAGE_HELP, TYPE_HELP, type RegistryFlags } from '../signing-flags.js';

interface AttestFlags extends RegistryFlags {
  key: string;
  type: string;
  predicate: string;
  storage: SignatureStorage;
}

async function readPredicateFile(cwd: string, path: string): Promise<Buffer> {
  try {
    return await readFile(resolve(cwd, path));
  } catch (err) {
    throw new AppError('NOT_FOUND', `--predicate ${path}: ${errorMessage(err)}`);
  }
}

export function attestCommand(io: CliIo, run: (work: () => Promise<number>) => Promise<number>): Command {
  const cmd = new Command('attest')
    .summary('attest an image: a signed in-toto statement (SBOM, scan, provenance, ...) in the registry')
    .description(
      [
        'Wrap the predicate (an SBOM, a vulnerability report, SLSA provenance, OpenVEX, any JSON) in an in-toto',
        'statement about the digest of IMAGE, sign it as a DSSE envelope with the key, and store it next to the',
        'image: cosign\'s sha256-<hex>.att tag and/or a Sigstore bundle referrer. A tag is resolved to its',
        'digest first. "drydock sbom --attest" and "drydock scan --attest" do this from their own results.',
        '',
        'Prints a JSON summary on stdout. Exit codes: 0 attested, 2 usage or input error, 3 internal error.',
      ].join('\n'),
    )
    .argument('<image>', 'registry image reference (tag or digest)')
    .requiredOption('--key <ref>', 'private key file, or env://VAR')
    .requiredOption('--predicate <file>', 'the predicate: a JSON file (any file for --type custom)')
    .option('--type <type>', TYPE_HELP, 'custom')
    .addOption(new Option('--storage <how>', STORAGE_HELP).choices(['tag', 'bundle', 'both']).default('both'));
  addRegistryFlags(cmd);
  cmd.action(async (image: string, flags: AttestFlags) => {
    await run(async () => {
      const [{ readPrivateKey }, { openSignTarget, tagWarning }, { attestImage }, { predicateTypeFor }, { predicateFromFile }] = await Promise.all([
        import('../key-input.js'),
        import('../signing-target.js'),
        import('../../image/registry/signing-io.js'),
        import('../../signing/dsse.js'),
        import('../../signing/predicate.js'),
      ]);
      const predicateType = predicateTypeFor(flags.type);
      const predicate = predicateFromFile(await readPredicateFile(io.cwd, flags.predicate), predicateType, `--predicate ${flags.predicate}`, new Date());
      const key = await readPrivateKey(flags.key, io);
      const { client, target } = await openSignTarget(image, flags, io);
      try {
        const warning = tagWarning(target, 'attesting');
        if (warning) io.stderr.write(warning);
        const stored = await attestImage(client, target, key, { storage: flags.storage, predicateType, predicate, now: new Date() });
        io.stdout.write(`${JSON.stringify({ image: `${target.name}@${target.digest}`, digest: target.digest, predicateType, stored }, null, 2)}\n`);
        return 0;
      } finally {
        await client.close();
      }
    });
  });
  return cmd;
}
