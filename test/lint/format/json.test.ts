import { describe, expect, it } from 'vitest';
import { writeJson } from '../../../src/lint/format/json.js';
import { HOSTILE_MESSAGE, sampleReport } from './data.js';

describe('json (Hadolint-compatible)', () => {
  const report = sampleReport();
  const text = writeJson(report);

  it("writes one line: an array of objects with exactly Hadolint's keys, in Hadolint's order", () => {
    expect(text.endsWith('\n')).toBe(true);
    expect(text.trimEnd()).not.toContain('\n');
    const items = JSON.parse(text) as Array<Record<string, unknown>>;
    expect(items).toHaveLength(report.findings.length);
    for (const item of items) expect(Object.keys(item)).toEqual(['code', 'column', 'file', 'level', 'line', 'message']);
    expect(text.startsWith('[{"code":"DL4000","column":1,"file":"Dockerfile","level":"error","line":2,"message":"MAINTAINER is deprecated"},')).toBe(true);
  });

  it('keeps every value as the finding has it (numbers as numbers, the message verbatim)', () => {
    const items = JSON.parse(text) as Array<{ code: string; column: number; line: number; message: string; level: string }>;
    const dd = items.find((i) => i.code === 'DD001');
    expect(dd).toEqual({ code: 'DD001', column: 5, file: 'services/api/Dockerfile.prod', level: 'error', line: 3, message: HOSTILE_MESSAGE });
    expect(new Set(items.map((i) => i.level))).toEqual(new Set(['error', 'warning', 'info', 'style']));
  });

  it('is an empty array without findings', () => {
    expect(writeJson({ files: ['Dockerfile'], findings: [], rules: [] })).toBe('[]\n');
  });
});
