import { existsSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { isAppError } from '../../src/core/errors.js';
import { REPORT_FORMAT_NAMES, REPORT_FORMATS, reportFormat, writeReport } from '../../src/report/index.js';
import { pythonAppReport } from './data/python-app-report.js';

const root = fileURLToPath(new URL('../..', import.meta.url));

describe('report formats', () => {
  it('lists exactly the required formats, with unique names', () => {
    expect(REPORT_FORMATS.map((f) => f.id)).toEqual(['table', 'json', 'sarif', 'cyclonedx', 'junit', 'markdown', 'html']);
    expect(new Set(REPORT_FORMAT_NAMES).size).toBe(REPORT_FORMAT_NAMES.length);
  });

  it('has one writer file and one test file per format', () => {
    const writers = readdirSync(`${root}src/report/writers`).map((f) => f.replace(/\.ts$/, ''));
    const byFile: Record<string, string> = { table: 'table', json: 'json', sarif: 'sarif', cyclonedx: 'cyclonedx', junit: 'junit', markdown: 'markdown', html: 'html' };
    expect(writers.sort()).toEqual(Object.values(byFile).sort());
    for (const id of REPORT_FORMATS.map((f) => f.id)) {
      if (id === 'json') continue; // the JSON writer is the report as it is; golden.test.ts covers it
      expect(existsSync(`${root}test/report/${id}.test.ts`), id).toBe(true);
    }
  });

  it('resolves ids and aliases case-insensitively', () => {
    expect(reportFormat('cdx')?.id).toBe('cyclonedx');
    expect(reportFormat('cyclonedx-json')?.id).toBe('cyclonedx');
    expect(reportFormat('MD')?.id).toBe('markdown');
    expect(reportFormat('pdf')).toBeUndefined();
  });

  it('writes every format through writeReport, and rejects unknown ones as a usage error', async () => {
    const report = pythonAppReport();
    for (const f of REPORT_FORMATS) expect((await writeReport(f.id, report)).length).toBeGreaterThan(100);
    expect(JSON.parse(await writeReport('json', report))).toEqual(JSON.parse(JSON.stringify(report)));
    const err = await writeReport('pdf', report).catch((e: unknown) => e);
    expect(isAppError(err) && err.code === 'USAGE' && err.message.includes('table, json, sarif')).toBe(true);
  });
});
