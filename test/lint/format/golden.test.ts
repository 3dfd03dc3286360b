import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { LINT_FORMATS } from '../../../src/lint/format/index.js';
import type { LintReport } from '../../../src/lint/rule.js';
import { sampleReport, shuffled } from './data.js';

/**
 * Golden files for every lint format, from the hand-written report in ./data.ts. Writers are
 * deterministic, whatever order findings come in. Regenerate with
 * `UPDATE_GOLDEN=1 npx vitest run test/lint/format/golden.test.ts` and review every diff by eye.
 */
const UPDATE = process.env['UPDATE_GOLDEN'] === '1';
const DIR = fileURLToPath(new URL('./golden/', import.meta.url));
const OPTS = { toolVersion: '1.2.3', docsBaseUrl: 'https://docs.example.org/lint/' };

function check(name: string, actual: string): void {
  const path = `${DIR}${name}`;
  if (UPDATE) {
    mkdirSync(DIR, { recursive: true });
    writeFileSync(path, actual);
  }
  expect(actual).toBe(readFileSync(path, 'utf8'));
}

const EMPTY: LintReport = { files: ['Dockerfile'], findings: [], rules: [] };

describe('golden lint reports', () => {
  it.each(LINT_FORMATS.map((f) => [f.id, f] as const))('%s', (_id, format) => {
    const report = sampleReport();
    const out = format.write(report, OPTS);
    expect(format.write(shuffled(report), OPTS)).toBe(out);
    check(`sample${format.fileExtension}`, out);
    check(`empty${format.fileExtension}`, format.write(EMPTY, OPTS));
  });

  it('tty with colour', () => {
    const format = LINT_FORMATS.find((f) => f.id === 'tty');
    check('sample-color.txt', format?.write(sampleReport(), { ...OPTS, color: true }) ?? '');
  });
});
