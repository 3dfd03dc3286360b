#!/usr/bin/env node
// Bundle the CLI into dist/ as a few ES modules: one entry with everything a scan always needs, and
// lazily loaded chunks (registry HTTP stack, SBOM writers/readers). Loading one file instead of a few
// hundred small ones is most of drydock's start-up time, which matters for warm (cached) scans.
import { build } from 'esbuild';
import { rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
rmSync(`${root}/dist`, { recursive: true, force: true });
await build({
  entryPoints: { drydock: `${root}/src/cli/main.ts` },
  outdir: `${root}/dist`,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  sourcemap: true,
  // DRYDOCK_NO_MINIFY=1 keeps names readable in CPU profiles.
  minify: process.env.DRYDOCK_NO_MINIFY !== '1',
  // native or resource-reading packages stay in node_modules
  external: ['better-sqlite3', '@cyclonedx/cyclonedx-library'],
  // CommonJS dependencies inside an ES module bundle need `require`
  banner: { js: "import { createRequire as __drydockRequire } from 'node:module'; const require = __drydockRequire(import.meta.url);" },
  logLevel: 'warning',
});
