export { RegistryClient, type FetchedManifest } from './client.js';
export { openRegistryImage } from './registry-source.js';
export { registryCredentialsFromEnv } from './env.js';
export { DEFAULT_RETRY, type RegistryClientOptions, type RegistryOptions, type RetryOptions } from './options.js';
