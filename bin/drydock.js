#!/usr/bin/env node
'use strict';
// CommonJS (bin/package.json): Node reaches it without starting its ES module loader, ~7 ms sooner.
const { join } = require('node:path');
// The CLI bundle, loaded with V8's code cache (see src/cli/launch/launch.ts).
const { launch } = require('../dist/launch.cjs');

launch(join(__dirname, '..', 'dist'), process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err) => {
    // main() handles its own errors; reaching here is a bug.
    process.stderr.write(`drydock: internal error: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exitCode = 3;
  },
);
