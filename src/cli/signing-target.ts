import { AppError } from '../core/errors.js';
import { formatReference, parseReference } from '../image/reference.js';
import { RegistryClient } from '../image/registry/client.js';
import { resolveSignTarget, type SignTarget } from '../image/registry/signing-io.js';
import type { CliIo } from './io.js';
import type { RegistryFlags } from './signing-flags.js';
import { registryOptionsFrom } from './registry-options.js';

/** A registry client for `registry` with the command's credentials. */
export async function clientFor(registry: string, flags: RegistryFlags, io: CliIo): Promise<RegistryClient> {
  return new RegistryClient(registry, await registryOptionsFrom(flags, io));
}

/** The registry image IMAGE names (a `registry:` prefix is accepted), resolved to its digest. */
export async function openSignTarget(image: string, flags: RegistryFlags, io: CliIo): Promise<{ client: RegistryClient; target: SignTarget }> {
  const text = image.startsWith('registry:') ? image.slice('registry:'.length) : image.startsWith('docker://') ? image.slice('docker://'.length) : image;
  if (/^(oci|oci-archive|docker-archive|dir|sbom):/.test(text)) {
    throw new AppError('USAGE', `"${image}": signatures live in a registry; give a registry image reference (copy an archive there with "drydock copy")`);
  }
  const ref = parseReference(text);
  const client = await clientFor(ref.registry, flags, io);
  try {
    return { client, target: await resolveSignTarget(client, ref) };
  } catch (err) {
    await client.close();
    throw err;
  }
}

/** The warning cosign users know: a tag was resolved, and the digest is what counts. */
export function tagWarning(target: SignTarget, verb: string): string | undefined {
  if (target.tag === undefined) return undefined;
  const byDigest = formatReference({ registry: target.registry, repository: target.repository, digest: target.digest });
  return `drydock: warning: "${target.tag}" is a tag; ${verb} the image it points to now, ${target.digest}. Tags can move: name the image by digest (${byDigest}) to be sure what you ${verb === 'signing' ? 'sign' : 'attest'}.\n`;
}

