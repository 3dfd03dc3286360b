#!/usr/bin/env node
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

// The CLI bundle, loaded with V8's code cache (see src/cli/launch/launch.ts).
const { launch } = createRequire(import.meta.url)('../dist/launch.cjs');

launch(fileURLToPath(new URL('../dist', import.meta.url)), process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err) => {
    // main() handles its own errors; reaching here is a bug.
    process.stderr.write(`drydock: internal error: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exitCode = 3;
  },
);
