import { Command } from 'commander';
import type { CliIo } from '../io.js';
import { addRegistryFlags, addVerifierFlags, collect, parseAnnotations, type KeylessFlags, type RegistryFlags } from '../signing-flags.js';

interface VerifyFlags extends RegistryFlags, KeylessFlags {
  annotation?: string[];
}

export function verifyCommand(io: CliIo, run: (work: () => Promise<number>) => Promise<number>): Command {
  const cmd = new Command('verify')
    .summary('verify the signatures of an image in a registry (cosign-compatible)')
    .description(
      [
        'Find the signatures of IMAGE (Sigstore bundle referrers first, then cosign\'s sha256-<hex>.sig tag),',
        'verify them with the public key, check each signed payload names the image digest (and the -a',
        'annotations), and print the verified payloads as a JSON array. Offline: no Rekor, Fulcio or TUF.',
        '',
        'A failure names one reason: no-signatures (nothing stored for this digest), another-key (signed, by',
        'someone else), tampered (made with this key but altered), unverified (does not verify, no key hint to',
        'say why), wrong-image (a valid signature of another digest), annotations, malformed.',
        '',
        'Keyless: --trusted-root FILE with --certificate-identity[-regexp] and --certificate-oidc-issuer[-regexp]',
        'verifies Sigstore bundles and keyless cosign .sig signatures whose certificate chains to the root,',
        'with transparency log proofs (inclusion proof or SET) and timestamps checked against it, offline.',
        '',
        'Exit codes: 0 verified, 1 verification failed, 2 usage or input error, 3 internal error.',
      ].join('\n'),
    )
    .argument('<image>', 'registry image reference (tag or digest)')
    .option('-a, --annotation <key=value>', 'require this signed annotation (repeatable)', collect);
  addVerifierFlags(cmd);
  addRegistryFlags(cmd);
  cmd.action(async (image: string, flags: VerifyFlags) => {
    await run(async () => {
      const annotations = parseAnnotations(flags.annotation);
      const [{ verifierFor }, { openSignTarget }, { readEvidence }, { verifyImageSignatures }, { reportFailure, toEvidence }] = await Promise.all([
        import('../verify-claim.js'),
        import('../signing-target.js'),
        import('../../image/registry/signing-io.js'),
        import('../../signing/verify-image.js'),
        import('../verify-report.js'),
      ]);
      const makeClaim = await verifierFor(flags, io);
      const { client, target } = await openSignTarget(image, flags, io);
      try {
        const claim = makeClaim(target, annotations ? { annotations } : {});
        const evidence = await readEvidence(client, target, 'sig');
        const outcome = verifyImageSignatures(toEvidence(evidence), claim);
        if (outcome.verified.length === 0) return reportFailure(io, target, outcome, evidence.looked, 'signatures');
        io.stderr.write(`drydock: ${outcome.verified.length} signature(s) of ${target.name}@${target.digest} verified${flags.key !== undefined ? ' with the key' : ' (keyless, against the trusted root)'}\n`);
        io.stdout.write(`${JSON.stringify(outcome.verified.map((v) => v.payload), null, 2)}\n`);
        return 0;
      } finally {
        await client.close();
      }
    });
  });
  return cmd;
}
