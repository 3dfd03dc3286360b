/**
 * The whole linter (parser, shell layer, every rule, pragmas, fixes) never throws on any Dockerfile: a
 * seeded sample of mutated real files (the fixtures and Hadolint's 1,103 rule cases) and grammar-generated
 * ones, linted in batches with every rule switched on. Checked: no rule failure notices, every finding
 * inside the file, fixes in bounds and applicable. `node bench/lint-fuzz.mjs N` runs hundreds of thousands
 * through the parser; this test keeps the suite's share small.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { lintFiles, type EngineSettings } from '../../src/lint/engine.js';
import { applyFixes } from '../../src/lint/fix.js';
import { parseDockerfile } from '../../src/lint/dockerfile/parse.js';
import type { LintLevel } from '../../src/lint/rule.js';
import { RULES } from '../../src/lint/rules/index.js';
import { REPO_ROOT } from '../helpers/fixtures.js';
import { prng } from '../helpers/prng.js';
import { generate, mutate } from './dockerfile/fuzz-gen.js';

const FIXTURES = join(REPO_ROOT, 'test', 'lint', 'fixtures', 'dockerfiles');
const CASES = JSON.parse(readFileSync(join(REPO_ROOT, '..', 'shared', 'conformance', 'hadolint-rule-cases.json'), 'utf8')) as { cases: Array<{ dockerfile: string }> };

const ALL_ON: EngineSettings = {
  ignored: new Set(),
  overrides: new Map(RULES.filter((r) => r.level === 'ignore').map((r): [string, LintLevel] => [r.code, 'info'])),
  disableIgnorePragma: false,
  shellcheck: false,
  rule: {
    trustedRegistries: ['docker.io', '*.example.com'],
    labelSchema: new Map([
      ['maintainer', 'email'],
      ['version', 'semver'],
      ['url', 'url'],
      ['created', 'rfc3339'],
    ]),
    strictLabels: true,
    dockerignore: '.git\n*.pem\n!keep.pem\n**/node_modules\n',
  },
};

describe('lint fuzz', () => {
  it('lints 6,000 mutated and generated Dockerfiles without a crash or an out-of-file position', async () => {
    const pool = [...readdirSync(FIXTURES).filter((f) => f.endsWith('Dockerfile')).map((f) => readFileSync(join(FIXTURES, f), 'utf8')), ...CASES.cases.map((c) => c.dockerfile)];
    const rand = prng(20261127);
    for (let batch = 0; batch < 30; batch++) {
      const texts = Array.from({ length: 200 }, (_, i) => (i % 4 === 0 ? generate(rand) : mutate(rand, pool)));
      const run = await lintFiles(
        texts.map((text, i) => ({ name: `f${i}`, text })),
        ALL_ON,
      );
      expect(run.notices).toEqual([]);
      run.files.forEach((file, i) => {
        const text = texts[i] as string;
        const lines = text.split('\n').length;
        for (const f of file.findings) {
          expect(f.line).toBeGreaterThanOrEqual(1);
          expect(f.line).toBeLessThanOrEqual(lines);
          expect(f.column).toBeGreaterThanOrEqual(1);
        }
        const fixed = applyFixes(text, file.fixes);
        expect(() => parseDockerfile(fixed.text)).not.toThrow();
      });
    }
  }, 300_000);
});
