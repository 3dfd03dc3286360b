import { describe, expect, it } from 'vitest';
import { writeGitlab } from '../../../src/lint/format/gitlab.js';
import type { LintFinding, LintReport } from '../../../src/lint/rule.js';
import { sampleReport } from './data.js';

interface Issue {
  description: string;
  check_name: string;
  fingerprint: string;
  severity: string;
  location: { path: string; lines: { begin: number } };
}
const parse = (r: LintReport): Issue[] => JSON.parse(writeGitlab(r)) as Issue[];

describe('gitlab (Code Quality report)', () => {
  const report = sampleReport();

  it('is an array of issues with the fields GitLab reads', () => {
    const issues = parse(report);
    expect(issues).toHaveLength(report.findings.length);
    for (const i of issues) {
      expect(Object.keys(i)).toEqual(['description', 'check_name', 'fingerprint', 'severity', 'location']);
      expect(['info', 'minor', 'major', 'critical', 'blocker']).toContain(i.severity);
      expect(i.location.lines.begin).toBeGreaterThanOrEqual(1);
      expect(i.description.startsWith(`${i.check_name}: `)).toBe(true);
    }
    const sev = Object.fromEntries(issues.map((i) => [i.check_name, i.severity]));
    expect([sev['DL4000'], sev['DL3002'], sev['DL3059'], sev['DL3048']]).toEqual(['blocker', 'major', 'minor', 'info']);
    expect(parse({ files: [], findings: [], rules: [] })).toEqual([]);
  });

  it('gives the same problem on two lines two fingerprints, and keeps them when lines move', () => {
    const f: LintFinding = { file: './Dockerfile', code: 'DL3059', level: 'info', message: 'Multiple consecutive RUN', line: 3, column: 1, endLine: 3, endColumn: 4, fixable: false };
    const twice: LintReport = { files: ['./Dockerfile'], findings: [f, { ...f, line: 7, endLine: 7 }], rules: [] };
    const a = parse(twice);
    expect(a[0]?.fingerprint).not.toBe(a[1]?.fingerprint);
    expect(a[0]?.location.path).toBe('Dockerfile');
    const moved = parse({ ...twice, findings: twice.findings.map((x) => ({ ...x, line: x.line + 10, endLine: x.endLine + 10 })) });
    expect(moved.map((i) => i.fingerprint)).toEqual(a.map((i) => i.fingerprint));
  });
});
