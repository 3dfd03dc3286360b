#!/usr/bin/env node
// Bundle the CLI into dist/:
//  - drydock.cjs: the whole CLI as one CommonJS file. bin/drydock.js loads it through vm.Script so V8's
//    code cache applies (Node 20 has none for ES modules): a warm run deserialises the bytecode its
//    command used last time instead of parsing and compiling it (src/cli/launch/code-cache.ts).
//  - build.json: the bundle's sha256, which keys that cache.
//  - launch.cjs: the small loader bin/drydock.js calls (src/cli/launch/launch.ts).
import { build } from 'esbuild';
import { createHash } from 'node:crypto';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const { version } = JSON.parse(readFileSync(`${root}/package.json`, 'utf8'));
const dist = `${root}/dist`;
rmSync(dist, { recursive: true, force: true });

/**
 * commander loads node:child_process when it is loaded (≈1.5 ms of every run, with node:net behind
 * it), for executable subcommands drydock does not have: it gets a stand-in that loads the module on
 * first use.
 */
const lazyChildProcessForCommander = {
  name: 'lazy-child-process-for-commander',
  setup(b) {
    b.onResolve({ filter: /^node:child_process$/ }, (args) => (args.importer.includes('/node_modules/commander/') ? { path: 'child_process', namespace: 'drydock-lazy' } : undefined));
    b.onLoad({ filter: /.*/, namespace: 'drydock-lazy' }, () => ({
      contents: "let real; module.exports = new Proxy({}, { get: (_, key) => (real ??= require('node:child_process'))[key] });",
      loader: 'js',
    }));
  },
};

const common = {
  bundle: true,
  format: 'cjs',
  platform: 'node',
  target: 'node20',
  // DRYDOCK_NO_MINIFY=1 keeps names readable in CPU profiles.
  minify: process.env.DRYDOCK_NO_MINIFY !== '1',
  logLevel: 'warning',
};

await build({
  ...common,
  entryPoints: [`${root}/src/cli/main.ts`],
  plugins: [lazyChildProcessForCommander],
  outfile: `${dist}/drydock.cjs`,
  sourcemap: true,
  // `import()` of Node built-ins becomes `require`: a script compiled by vm.Script has no module loader.
  supported: { 'dynamic-import': false },
  // The native SQLite binding stays in node_modules; so do the optional plug-ins of
  // @cyclonedx/cyclonedx-library's Validation module (a JSON/XML schema validator drydock does not use
  // at run time: src/ imports the library's parts, never its root, see eslint.config.js).
  external: ['better-sqlite3', 'ajv', 'ajv-formats', 'ajv-formats-draft2019', 'xmlbuilder2', 'libxmljs2'],
  // modules locate their packages with createRequire(import.meta.url): the bundle's own URL, made on
  // first use (a run that needs none skips node:url's pathToFileURL)
  define: { 'import.meta.url': '__drydockMeta.url', DRYDOCK_VERSION: JSON.stringify(version) },
  banner: { js: "const __drydockMeta = { get url() { return (this.href ??= require('node:url').pathToFileURL(__filename).href); } };" },
  // third-party licence comments go to drydock.cjs.LEGAL.txt: the bundle stays ASCII (see below)
  legalComments: 'external',
});
// An ASCII bundle (esbuild escapes non-ASCII characters in minified code) is read by the launcher as
// latin1, which skips UTF-8 decoding (~5 ms per run); build.json says whether it is.
const bytes = readFileSync(`${dist}/drydock.cjs`);
const ascii = bytes.every((b) => b < 0x80);
const sha256 = createHash('sha256').update(bytes).digest('hex');
writeFileSync(`${dist}/build.json`, `${JSON.stringify({ bundle: 'drydock.cjs', sha256, ascii })}\n`);

await build({ ...common, entryPoints: [`${root}/src/cli/launch/launch.ts`], outfile: `${dist}/launch.cjs` });
