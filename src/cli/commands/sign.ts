import { Command, Option } from 'commander';
import type { SignatureStorage } from '../../image/registry/signing-io.js';
import type { CliIo } from '../io.js';
import { addRegistryFlags, collect, parseAnnotations, STORAGE_HELP, type RegistryFlags } from '../signing-flags.js';

interface SignFlags extends RegistryFlags {
  key: string;
  annotation?: string[];
  storage: SignatureStorage;
}

export function signCommand(io: CliIo, run: (work: () => Promise<number>) => Promise<number>): Command {
  const cmd = new Command('sign')
    .summary('sign an image in a registry with a key (cosign-compatible)')
    .description(
      [
        'Sign the manifest digest of IMAGE with a private key and store the signature in the registry next to',
        "the image, where cosign, Kyverno and Sigstore policy-controller find it. A tag is resolved to its digest",
        'first; the digest is what gets signed. Nothing leaves for Rekor, Fulcio or TUF: this works offline.',
        '',
        'The key: --key cosign.key (cosign\'s encrypted key, password from COSIGN_PASSWORD or DRYDOCK_PASSWORD,',
        'else a prompt), a PEM PKCS#8/SEC1 private key, or env://VAR for a key held in an environment variable.',
        '',
        'Prints a JSON summary on stdout. Exit codes: 0 signed, 2 usage or input error (bad key, wrong password,',
        'image not found, registry refused), 3 internal error.',
      ].join('\n'),
    )
    .argument('<image>', 'registry image reference (tag or digest)')
    .requiredOption('--key <ref>', 'private key file, or env://VAR')
    .option('-a, --annotation <key=value>', 'annotation to sign with the payload (repeatable)', collect)
    .addOption(new Option('--storage <how>', STORAGE_HELP).choices(['tag', 'bundle', 'both']).default('both'));
  addRegistryFlags(cmd);
  cmd.action(async (image: string, flags: SignFlags) => {
    await run(async () => {
      const annotations = parseAnnotations(flags.annotation);
      const [{ readPrivateKey }, { openSignTarget, tagWarning }, { signImage }] = await Promise.all([
        import('../key-input.js'),
        import('../signing-target.js'),
        import('../../image/registry/signing-io.js'),
      ]);
      const key = await readPrivateKey(flags.key, io);
      const { client, target } = await openSignTarget(image, flags, io);
      try {
        const warning = tagWarning(target, 'signing');
        if (warning) io.stderr.write(warning);
        const stored = await signImage(client, target, key, { storage: flags.storage, now: new Date(), ...(annotations ? { annotations } : {}) });
        io.stdout.write(`${JSON.stringify({ image: `${target.name}@${target.digest}`, digest: target.digest, stored }, null, 2)}\n`);
        return 0;
      } finally {
        await client.close();
      }
    });
  });
  return cmd;
}
