import { Option, type Command } from 'commander';
import { AppError } from '../core/errors.js';
import type { Inventory } from '../core/inventory.js';
import { isDigest } from '../core/digest.js';
import { parseTarget } from '../image/target.js';
import type { SignatureStorage, StoredAt } from '../image/registry/signing-io.js';
import type { SigningKey } from '../signing/keys/types.js';
import type { CliIo } from './io.js';
import type { RegistryFlags } from './signing-flags.js';

// The signing code loads only when --attest is given: sbom and scan start as fast as before.

/** Flags `sbom` and `scan` take to attest their own result in one step. */
export interface AttestFlags extends RegistryFlags {
  attest?: boolean;
  key?: string;
  attestStorage: SignatureStorage;
}

export function addAttestOptions(cmd: Command): Command {
  return cmd
    .option('--attest', 'also sign the result as an in-toto attestation of the image and push it to the registry (needs --key)')
    .option('--key <ref>', 'private key for --attest: cosign.key file or env://VAR (password: COSIGN_PASSWORD / DRYDOCK_PASSWORD)')
    .addOption(new Option('--attest-storage <how>', 'where --attest stores the attestation: tag, bundle or both').choices(['tag', 'bundle', 'both']).default('both'));
}

/**
 * Refuse --attest without a key, or on a target that is not a registry image, and read the key (a
 * wrong password fails here) — all before any scanning is done. Undefined without --attest.
 */
export async function attestKeyFor(io: CliIo, input: string, flags: AttestFlags): Promise<SigningKey | undefined> {
  if (!flags.attest) {
    if (flags.key !== undefined) throw new AppError('USAGE', '--key is only used with --attest');
    return undefined;
  }
  if (flags.key === undefined) throw new AppError('USAGE', '--attest needs --key');
  if (parseTarget(input).kind !== 'registry') throw new AppError('USAGE', `--attest: "${input}" is not a registry image; attestations are stored in a registry`);
  const { readPrivateKey } = await import('./key-input.js');
  return readPrivateKey(flags.key, io);
}

/**
 * Attest `predicate` for the image the inventory was made from: the digest the registry served for
 * the reference when it was read (the index, for a multi-platform image), never a tag read again.
 */
export async function attestInventoryImage(io: CliIo, inv: Pick<Inventory, 'source'>, flags: AttestFlags, key: SigningKey, predicateType: string, predicate: unknown): Promise<StoredAt[]> {
  const repoDigest = inv.source.repoDigests?.[0];
  const at = repoDigest?.lastIndexOf('@') ?? -1;
  const digest = repoDigest?.slice(at + 1);
  if (repoDigest === undefined || digest === undefined || !isDigest(digest)) throw new AppError('INTERNAL', '--attest: the scanned image has no registry digest');
  const [{ openSignTarget }, { attestImage }] = await Promise.all([import('./signing-target.js'), import('../image/registry/signing-io.js')]);
  const { client, target } = await openSignTarget(repoDigest, flags, io);
  try {
    const stored = await attestImage(client, target, key, { storage: flags.attestStorage, predicateType, predicate, now: new Date() });
    io.stderr.write(`drydock: attested ${target.name}@${target.digest} (${predicateType}): ${stored.map((s) => `${s.storage} ${s.location}`).join(', ')}\n`);
    return stored;
  } finally {
    await client.close();
  }
}
