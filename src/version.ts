import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/** drydock's version, from package.json (one directory above both src/ and dist/). */
export const TOOL_VERSION: string = (require('../package.json') as { version: string }).version;
