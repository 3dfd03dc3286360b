import { createRequire } from 'node:module';

/** Set by the bundler (scripts/bundle.mjs) to package.json's version; absent when running from source. */
declare const DRYDOCK_VERSION: string | undefined;

/** drydock's version, from package.json (one directory above both src/ and dist/). */
export const TOOL_VERSION: string =
  // The bundle carries it as a constant: no package.json read in every run.
  typeof DRYDOCK_VERSION === 'string' ? DRYDOCK_VERSION : (createRequire(import.meta.url)('../package.json') as { version: string }).version;
