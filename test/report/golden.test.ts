import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { REPORT_FORMATS, writeReport } from '../../src/report/index.js';
import type { ScanReport } from '../../src/report/model.js';
import { alpineReport } from './data/alpine-report.js';
import { pythonAppReport } from './data/python-app-report.js';

/**
 * Golden files for every report format, from two reports built from real data (test/report/data):
 * the alpine-layers and python-app fixture images with real advisories. Writers are deterministic
 * (timestamps come from report.createdAt), so nothing is redacted. Regenerate with
 * `UPDATE_GOLDEN=1 npx vitest run test/report/golden.test.ts` and review the diff.
 */
const UPDATE = process.env['UPDATE_GOLDEN'] === '1';
const DIR = fileURLToPath(new URL('./golden/', import.meta.url));

const REPORTS: ReadonlyArray<[string, () => ScanReport]> = [
  ['alpine-layers', alpineReport],
  ['python-app', pythonAppReport],
];

function check(name: string, actual: string): void {
  const path = `${DIR}${name}`;
  if (UPDATE) {
    mkdirSync(DIR, { recursive: true });
    writeFileSync(path, actual);
  }
  expect(actual).toBe(readFileSync(path, 'utf8'));
}

describe.each(REPORTS)('golden reports: %s', (name, build) => {
  const report = build();
  it.each(REPORT_FORMATS.map((f) => [f.id, f.fileExtension]))('%s', async (id, ext) => {
    const first = await writeReport(id, report);
    expect(await writeReport(id, structuredClone(report))).toBe(first); // deterministic
    check(`${name}${ext}`, first);
  });
});
