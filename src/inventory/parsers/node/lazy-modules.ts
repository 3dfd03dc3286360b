import { createRequire } from 'node:module';
import type * as Yaml from 'yaml';
import type * as Semver from 'semver';

/**
 * yaml and semver, loaded on first use: most images have no pnpm or yarn berry lock, and loading
 * them costs start-up time on every scan.
 */
let yaml: typeof Yaml | undefined;
let semver: typeof Semver | undefined;

export function yamlModule(): typeof Yaml {
  yaml ??= createRequire(import.meta.url)('yaml') as typeof Yaml;
  return yaml;
}

export function semverModule(): typeof Semver {
  semver ??= createRequire(import.meta.url)('semver') as typeof Semver;
  return semver;
}
