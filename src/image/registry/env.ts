import { join } from 'node:path';
import type { RegistryClientOptions } from './options.js';

/**
 * Registry credentials as the environment describes them (the CLI passes `process.env`):
 * DRYDOCK_USERNAME / DRYDOCK_PASSWORD, and the docker config file from DRYDOCK_AUTH_FILE,
 * REGISTRY_AUTH_FILE (podman/skopeo), $DOCKER_CONFIG/config.json or ~/.docker/config.json.
 */
export function registryCredentialsFromEnv(
  env: Record<string, string | undefined>,
): Pick<RegistryClientOptions, 'username' | 'password' | 'dockerConfigPath'> {
  const out: Pick<RegistryClientOptions, 'username' | 'password' | 'dockerConfigPath'> = {};
  const set = (v: string | undefined): v is string => v !== undefined && v !== '';
  if (set(env['DRYDOCK_USERNAME'])) out.username = env['DRYDOCK_USERNAME'];
  if (set(env['DRYDOCK_PASSWORD'])) out.password = env['DRYDOCK_PASSWORD'];
  const authFile = env['DRYDOCK_AUTH_FILE'];
  const registryAuthFile = env['REGISTRY_AUTH_FILE'];
  const dockerConfigDir = env['DOCKER_CONFIG'];
  const home = env['HOME'];
  if (set(authFile)) out.dockerConfigPath = authFile;
  else if (set(registryAuthFile)) out.dockerConfigPath = registryAuthFile;
  else if (set(dockerConfigDir)) out.dockerConfigPath = join(dockerConfigDir, 'config.json');
  else if (set(home)) out.dockerConfigPath = join(home, '.docker', 'config.json');
  return out;
}
