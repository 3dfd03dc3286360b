import { Command } from 'commander';
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { AppError, errorMessage } from '../../core/errors.js';
import type { AttestationPolicy } from '../../signing/attestation-policy.js';
import type { CliIo } from '../io.js';
import { addRegistryFlags, addVerifierFlags, TYPE_HELP, type KeylessFlags, type RegistryFlags } from '../signing-flags.js';

interface VerifyAttestationFlags extends RegistryFlags, KeylessFlags {
  type?: string;
  policy?: string;
}

async function readPolicy(cwd: string, path: string): Promise<AttestationPolicy> {
  let text: string;
  try {
    text = await readFile(resolve(cwd, path), 'utf8');
  } catch (err) {
    throw new AppError('NOT_FOUND', `--policy ${path}: ${errorMessage(err)}`);
  }
  const { parseAttestationPolicy } = await import('../../signing/attestation-policy.js');
  return parseAttestationPolicy(text, `--policy ${path}`);
}

export function verifyAttestationCommand(io: CliIo, run: (work: () => Promise<number>) => Promise<number>): Command {
  const cmd = new Command('verify-attestation')
    .summary('verify the attestations of an image in a registry (cosign-compatible)')
    .description(
      [
        'Find the attestations of IMAGE (Sigstore bundle referrers first, then cosign\'s sha256-<hex>.att tag),',
        'verify each DSSE envelope with the public key, check the in-toto statement\'s subject is the image',
        'digest and, with --type, its predicate type; with --policy, check rules over the statement. Prints the',
        'verified statements as a JSON array.',
        '',
        'Policy file (YAML or JSON): {predicateType?: URI, rules: [{path: "predicate.a.b", <test>: value}]},',
        'tests: equals, notEquals, exists, matches (regex), lessThan, atMost, greaterThan, atLeast. At least one',
        'verified statement must satisfy every rule.',
        '',
        'Exit codes: 0 verified, 1 verification or policy failed, 2 usage or input error, 3 internal error.',
      ].join('\n'),
    )
    .argument('<image>', 'registry image reference (tag or digest)')
    .option('--type <type>', `${TYPE_HELP} (default: any)`)
    .option('--policy <file>', 'rules the verified statements must satisfy');
  addVerifierFlags(cmd);
  addRegistryFlags(cmd);
  cmd.action(async (image: string, flags: VerifyAttestationFlags) => {
    await run(async () => {
      const [{ verifierFor }, { openSignTarget }, { readEvidence }, { verifyImageAttestations }, { reportFailure, toEvidence, VERIFY_FAILED }, { predicateTypeFor }, { evaluatePolicy }] =
        await Promise.all([
          import('../verify-claim.js'),
          import('../signing-target.js'),
          import('../../image/registry/signing-io.js'),
          import('../../signing/verify-image.js'),
          import('../verify-report.js'),
          import('../../signing/dsse.js'),
          import('../../signing/attestation-policy.js'),
        ]);
      const policy = flags.policy === undefined ? undefined : await readPolicy(io.cwd, flags.policy);
      const typeArg = flags.type ?? policy?.predicateType;
      const predicateType = typeArg === undefined ? undefined : predicateTypeFor(typeArg);
      const makeClaim = await verifierFor(flags, io);
      const { client, target } = await openSignTarget(image, flags, io);
      try {
        const claim = makeClaim(target, predicateType ? { predicateType } : {});
        const evidence = await readEvidence(client, target, 'att');
        const outcome = verifyImageAttestations(toEvidence(evidence), claim);
        if (outcome.verified.length === 0) return reportFailure(io, target, outcome, evidence.looked, 'attestations');
        let statements = outcome.verified.map((v) => v.payload);
        if (policy) {
          const { passing, failures } = evaluatePolicy(statements, policy);
          if (passing.length === 0) {
            io.stderr.write(`drydock: policy ${flags.policy} failed for ${target.name}@${target.digest}: ${[...new Set(failures)].join('; ')} [policy]\n`);
            return VERIFY_FAILED;
          }
          statements = passing;
        }
        io.stderr.write(`drydock: ${statements.length} attestation(s) of ${target.name}@${target.digest} verified${flags.key !== undefined ? ' with the key' : ' (keyless)'}${policy ? ' and satisfy the policy' : ''}\n`);
        io.stdout.write(`${JSON.stringify(statements, null, 2)}\n`);
        return 0;
      } finally {
        await client.close();
      }
    });
  });
  return cmd;
}
