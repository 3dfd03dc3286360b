#!/usr/bin/env node
import { main } from '../dist/drydock.js';

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err) => {
    // main() handles its own errors; reaching here is a bug.
    process.stderr.write(`drydock: internal error: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exitCode = 3;
  },
);
