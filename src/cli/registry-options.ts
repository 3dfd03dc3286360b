import { registryCredentialsFromEnv } from '../image/registry/env.js';
import type { RegistryClientOptions } from '../image/registry/options.js';
import { TOOL_VERSION } from '../version.js';
import type { CliIo } from './io.js';

/** The registry flags every command that talks to a registry accepts. */
export interface RegistryCredentialFlags {
  username?: string;
  password?: string;
  passwordStdin?: boolean;
  authfile?: string;
  insecure?: boolean;
}

/**
 * Registry client options from the flags and the environment: explicit flags win over
 * DRYDOCK_USERNAME/DRYDOCK_PASSWORD, which win over the docker config file. `--password-stdin` reads
 * stdin once, here.
 */
export async function registryOptionsFrom(flags: RegistryCredentialFlags, io: CliIo): Promise<RegistryClientOptions> {
  const env = registryCredentialsFromEnv(io.env);
  let password = flags.password ?? env.password;
  if (flags.passwordStdin) password = (await io.readStdin()).replace(/\r?\n$/, '');
  return {
    ...env,
    ...(flags.username !== undefined ? { username: flags.username } : {}),
    ...(password !== undefined ? { password } : {}),
    ...(flags.authfile !== undefined ? { dockerConfigPath: flags.authfile } : {}),
    ...(flags.insecure ? { insecure: true } : {}),
    env: io.env,
    userAgent: `drydock/${TOOL_VERSION}`,
  };
}
