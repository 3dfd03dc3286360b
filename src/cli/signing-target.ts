import { AppError } from '../core/errors.js';
import { formatReference, parseReference } from '../image/reference.js';
import { RegistryClient } from '../image/registry/client.js';
import { registryCredentialsFromEnv } from '../image/registry/env.js';
import { resolveSignTarget, type SignTarget } from '../image/registry/signing-io.js';
import { TOOL_VERSION } from '../version.js';
import type { CliIo } from './io.js';
import type { RegistryFlags } from './signing-flags.js';

/** A registry client for `registry` with the command's credentials. */
export function clientFor(registry: string, flags: RegistryFlags, io: CliIo): RegistryClient {
  const creds = registryCredentialsFromEnv(io.env);
  return new RegistryClient(registry, {
    ...creds,
    ...(flags.username !== undefined ? { username: flags.username } : {}),
    ...(flags.password !== undefined ? { password: flags.password } : {}),
    ...(flags.authfile !== undefined ? { dockerConfigPath: flags.authfile } : {}),
    ...(flags.insecure ? { insecure: true } : {}),
    env: io.env,
    userAgent: `drydock/${TOOL_VERSION}`,
  });
}

/** The registry image IMAGE names (a `registry:` prefix is accepted), resolved to its digest. */
export async function openSignTarget(image: string, flags: RegistryFlags, io: CliIo): Promise<{ client: RegistryClient; target: SignTarget }> {
  const text = image.startsWith('registry:') ? image.slice('registry:'.length) : image.startsWith('docker://') ? image.slice('docker://'.length) : image;
  if (/^(oci|oci-archive|docker-archive|dir|sbom):/.test(text)) {
    throw new AppError('USAGE', `"${image}": signatures live in a registry; give a registry image reference (copy an archive there with "drydock copy")`);
  }
  const ref = parseReference(text);
  const client = clientFor(ref.registry, flags, io);
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

