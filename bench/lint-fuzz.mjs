#!/usr/bin/env node
// Dockerfile parser fuzzing and speed (issue 5): `node bench/lint-fuzz.mjs [COUNT] [SEED]`.
//  - COUNT (default 300,000) files mutated from test/lint/fixtures/dockerfiles and Hadolint's rule cases, or
//    generated from a small grammar, each checked by test/lint/dockerfile/fuzz-gen.ts (no exception, spans
//    inside the text and consistent, instructions in order, shell/heredoc text mapping back to the file)
//  - parse speed: µs per file over the fixtures after warm-up, scaled to a 40-line Dockerfile
// Exits 1 when an invariant breaks, printing the input.
import { build } from 'esbuild';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const COUNT = Number(process.argv[2] ?? 300_000);
const SEED = Number(process.argv[3] ?? 0x5eed);

const entry = `
export { checkParse, generate, mutate } from ${JSON.stringify(join(ROOT, 'test/lint/dockerfile/fuzz-gen.ts'))};
export { parseDockerfile } from ${JSON.stringify(join(ROOT, 'src/lint/dockerfile/parse.ts'))};
export { prng } from ${JSON.stringify(join(ROOT, 'test/helpers/prng.ts'))};
`;
const dir = mkdtempSync(join(tmpdir(), 'drydock-lint-fuzz-'));
const out = join(dir, 'fuzz.mjs');
try {
  await build({ stdin: { contents: entry, resolveDir: ROOT, loader: 'ts' }, bundle: true, platform: 'node', format: 'esm', outfile: out, logLevel: 'warning' });
  const { checkParse, generate, mutate, parseDockerfile, prng } = await import(pathToFileURL(out).href);

  const fixDir = join(ROOT, 'test/lint/fixtures/dockerfiles');
  const fixtures = readdirSync(fixDir).filter((f) => f.endsWith('.Dockerfile')).map((f) => readFileSync(join(fixDir, f), 'utf8'));
  const cases = JSON.parse(readFileSync(join(ROOT, '../shared/conformance/hadolint-rule-cases.json'), 'utf8')).cases;
  const pool = [...fixtures, ...cases.map((c) => c.dockerfile)];

  // Speed first (a clean heap): parse the fixtures round-robin.
  const lines = fixtures.reduce((n, f) => n + f.split('\n').length, 0) / fixtures.length;
  for (let i = 0; i < 20_000; i++) parseDockerfile(fixtures[i % fixtures.length]);
  const N = 100_000;
  const t0 = performance.now();
  for (let i = 0; i < N; i++) parseDockerfile(fixtures[i % fixtures.length]);
  const us = ((performance.now() - t0) * 1000) / N;
  console.log(`parse: ${us.toFixed(1)} µs per fixture (avg ${lines.toFixed(1)} lines) = ${((us * 40) / lines).toFixed(1)} µs per 40-line Dockerfile`);

  const rand = prng(SEED);
  const t1 = performance.now();
  let generated = 0;
  for (let k = 0; k < COUNT; k++) {
    const useGrammar = rand() < 0.2;
    if (useGrammar) generated++;
    const text = useGrammar ? generate(rand) : mutate(rand, pool);
    const problem = checkParse(text);
    if (problem !== undefined) {
      console.error(`fuzz case ${k} (seed ${SEED}): ${problem}\n--- input:\n${JSON.stringify(text)}`);
      process.exitCode = 1;
      break;
    }
  }
  if (process.exitCode !== 1) {
    const secs = (performance.now() - t1) / 1000;
    console.log(`fuzz: ${COUNT} files (${COUNT - generated} mutated, ${generated} generated) kept every invariant in ${secs.toFixed(1)} s`);
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
