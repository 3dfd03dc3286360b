import { describe, expect, it } from 'vitest';
import { writeTty } from '../../../src/lint/format/tty.js';
import type { LintReport } from '../../../src/lint/rule.js';
import { sampleReport } from './data.js';

describe('tty', () => {
  it("writes Hadolint's `file:line CODE level: message` lines, then a summary", () => {
    const lines = writeTty(sampleReport()).split('\n');
    expect(lines[0]).toBe('Dockerfile:2 DL4000 error: MAINTAINER is deprecated');
    for (const l of lines.slice(0, 9)) expect(l).toMatch(/^[^:]+:\d+ (DL|SC|DD)\d+ (error|warning|info|style): .+$/);
    expect(lines.slice(9)).toEqual(['', '9 problems (2 errors, 3 warnings, 3 info, 1 style) in 2 of 3 files; 1 fixable with --fix.', '']);
  });

  it('never lets control characters through; colour only when asked', () => {
    const plain = writeTty(sampleReport());
    // eslint-disable-next-line no-control-regex
    expect(plain).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f]/);
    const colour = writeTty(sampleReport(), { color: true });
    expect(colour).toContain('\u001b[31merror\u001b[0m');
    expect(colour).toContain('\u001b[36mstyle\u001b[0m');
    // the only escape sequences are ours
    // eslint-disable-next-line no-control-regex
    expect(colour.replace(/\u001b\[(0|1|31|32|33|36)m/g, '')).toBe(plain);
  });

  it('reports a clean run, and findings in files the report does not list', () => {
    expect(writeTty({ files: ['a', 'b'], findings: [], rules: [] })).toBe('No problems found in 2 files.\n');
    const r: LintReport = {
      files: [],
      findings: [{ file: '-', code: 'DL3000', level: 'error', message: 'Use absolute WORKDIR', line: 3, column: 1, endLine: 3, endColumn: 9, fixable: false }],
      rules: [],
    };
    expect(writeTty(r)).toBe('-:3 DL3000 error: Use absolute WORKDIR\n\n1 problem (1 error) in 1 file.\n');
  });
});
