import { describe, expect, it } from 'vitest';
import { writeCodeclimate } from '../../../src/lint/format/codeclimate.js';
import { sampleReport } from './data.js';

interface Issue {
  type: string;
  check_name: string;
  description: string;
  categories: string[];
  location: { path: string; positions: { begin: { line: number; column: number }; end: { line: number; column: number } } };
  severity: string;
  fingerprint: string;
  content?: { body: string };
}

const CATEGORIES = ['Bug Risk', 'Clarity', 'Compatibility', 'Complexity', 'Duplication', 'Performance', 'Security', 'Style'];
const SEVERITIES = ['info', 'minor', 'major', 'critical', 'blocker'];

describe('codeclimate (engine spec)', () => {
  const report = sampleReport();
  const text = writeCodeclimate(report, { docsBaseUrl: 'https://d.example/' });
  const chunks = text.split('\u0000');

  it('streams one JSON issue per finding, each terminated by NUL', () => {
    expect(chunks.pop()).toBe('');
    expect(chunks).toHaveLength(report.findings.length);
    expect(writeCodeclimate({ files: ['Dockerfile'], findings: [], rules: [] })).toBe('');
  });

  it('has the fields the spec requires, with allowed values', () => {
    for (const chunk of chunks) {
      const i = JSON.parse(chunk) as Issue;
      expect(i.type).toBe('issue');
      expect(i.check_name).toMatch(/^(DL|SC|DD)\d+$/);
      expect(i.description.length).toBeGreaterThan(0);
      // eslint-disable-next-line no-control-regex
      expect(i.description).not.toMatch(/[\n\u0000-\u001f]/); // one plain line
      expect(i.categories.length).toBeGreaterThan(0);
      for (const c of i.categories) expect(CATEGORIES).toContain(c);
      expect(SEVERITIES).toContain(i.severity);
      expect(i.location.positions.begin.line).toBeGreaterThanOrEqual(1);
      expect(i.location.positions.begin.column).toBeGreaterThanOrEqual(1);
      expect(i.location.path).not.toMatch(/^\.\//);
      expect(i.fingerprint).toMatch(/^[0-9a-f]{32}$/);
      expect(i.content?.body).toContain(i.check_name);
    }
    const issues = chunks.map((c) => JSON.parse(c) as Issue);
    expect(new Set(issues.map((i) => i.fingerprint)).size).toBe(issues.length);
    expect(issues.find((i) => i.check_name === 'DD001')?.categories).toEqual(['Security']);
    expect(issues.find((i) => i.check_name === 'DL3048')).toMatchObject({ categories: ['Style'], severity: 'info' });
    expect(issues.find((i) => i.check_name === 'DL4000')?.severity).toBe('blocker');
  });
});
