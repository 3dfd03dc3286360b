/**
 * Fuzzing the Dockerfile parser with a fixed seeded sample: ~50,000 files mutated from the fixtures and
 * Hadolint's rule cases or generated from a small grammar. No exception, every span inside the text with
 * a line/column that matches its offset, instructions in order and not overlapping, each instruction's
 * span starting with its keyword, and every shell/heredoc text mapping back to the same characters.
 * `bench/lint-fuzz.mjs` runs the same checks on a few hundred thousand files.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../helpers/fixtures.js';
import { prng } from '../../helpers/prng.js';
import { checkParse, generate, mutate } from './fuzz-gen.js';

function corpus(): string[] {
  const dir = join(REPO_ROOT, 'test/lint/fixtures/dockerfiles');
  const fixtures = readdirSync(dir)
    .filter((f) => f.endsWith('.Dockerfile'))
    .map((f) => readFileSync(join(dir, f), 'utf8'));
  const cases = (JSON.parse(readFileSync(join(REPO_ROOT, '../shared/conformance/hadolint-rule-cases.json'), 'utf8')) as { cases: Array<{ dockerfile: string }> }).cases;
  return [...fixtures, ...cases.map((c) => c.dockerfile)];
}

describe('parser fuzz', () => {
  const pool = corpus();

  it('the corpus itself keeps every invariant', () => {
    expect(pool.length).toBeGreaterThan(1100);
    for (const text of pool) expect(checkParse(text), text).toBeUndefined();
  });

  it.each([1, 2, 3, 4, 5])('40,000 mutated files, seed %i of 5 (8,000 each)', (seed) => {
    const rand = prng(0x5eed + seed);
    for (let k = 0; k < 8000; k++) {
      const text = mutate(rand, pool);
      const problem = checkParse(text);
      if (problem !== undefined) expect.fail(`${problem}\n--- input ${JSON.stringify(text)}`);
    }
  });

  it('10,000 grammar-generated files', () => {
    const rand = prng(0xd0c);
    for (let k = 0; k < 10000; k++) {
      const text = generate(rand);
      const problem = checkParse(text);
      if (problem !== undefined) expect.fail(`${problem}\n--- input ${JSON.stringify(text)}`);
    }
  });

  it('pathological inputs', () => {
    const inputs = [
      '',
      '\uFEFF',
      '\n\n\n',
      '\\',
      '\\\n\\\n\\',
      'RUN ' + '\\\n'.repeat(5000),
      'RUN ' + '['.repeat(20000),
      'CMD ' + '['.repeat(5000) + ']'.repeat(5000),
      'FROM ' + '${'.repeat(3000),
      '# escape=`\n' + 'RUN a `\n'.repeat(2000),
      'RUN <<A <<B <<C\n',
      'ENV ' + '"'.repeat(10001),
      'LABEL ' + 'a=b '.repeat(5000),
      '#'.repeat(100000),
      ' '.repeat(100000) + '\\',
      'RUN --mount=' + ','.repeat(10000) + ' x',
      '\r\r\r\nFROM a\r',
      'ONBUILD '.repeat(1000) + 'RUN x',
      'ARG A\nFROM ' + '${A:-'.repeat(20000) + 'x' + '}'.repeat(20000),
      'FROM ' + '${'.repeat(50000) + '/x',
      'FROM ' + '$A'.repeat(50000) + '/x:' + ':'.repeat(50000),
      'RUN ' + '<<A '.repeat(5000) + '\n' + 'A\n'.repeat(5000),
      'COPY ' + '"'.repeat(30000) + ' /x',
      'ARG ' + 'a '.repeat(50000) + 'b=1',
      'ENV ' + 'a=1 '.repeat(20000) + 'b',
      "RUN --mount='" + 'a,'.repeat(30000) + ' x',
    ];
    for (const text of inputs) {
      const t0 = performance.now();
      expect(checkParse(text), JSON.stringify(text.slice(0, 60))).toBeUndefined();
      // no quadratic traps: each of these (up to 100 kB) parses and is checked well within a second
      expect(performance.now() - t0, JSON.stringify(text.slice(0, 60))).toBeLessThan(1500);
    }
  });
});
