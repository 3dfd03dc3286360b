import { describe, expect, it } from 'vitest';
import { fileUri } from '../../../src/lint/format/model.js';
import { writeSarif } from '../../../src/lint/format/sarif.js';
import type { LintFinding, LintReport } from '../../../src/lint/rule.js';
import { sarifErrors } from '../../report/schemas.js';
import { sampleReport } from './data.js';

interface Log {
  version: string;
  runs: Array<{
    tool: { driver: { name: string; version: string; rules: Array<{ id: string; helpUri?: string; defaultConfiguration: { level: string } }> } };
    results: Array<{
      ruleId: string;
      ruleIndex: number;
      level: string;
      message: { text: string };
      locations: Array<{ physicalLocation: { artifactLocation: { uri: string }; region: Record<string, number> } }>;
      partialFingerprints: Record<string, string>;
    }>;
  }>;
}
const parse = (t: string): Log => JSON.parse(t) as Log;
const run = (r: LintReport, o = {}) => parse(writeSarif(r, o)).runs[0];

describe('sarif', () => {
  const report = sampleReport();

  it.each<[string, LintReport]>([
    ['sample', report],
    ['empty', { files: [], findings: [], rules: [] }],
    [
      'odd paths and positions',
      {
        files: ['/abs/My Dockerfile', '-', './sub/#x?.Dockerfile'],
        findings: [
          { file: '/abs/My Dockerfile', code: 'DL1000', level: 'error', message: '', line: 0, column: 0, endLine: 0, endColumn: 0, fixable: false },
          { file: '-', code: 'DL3000', level: 'error', message: 'x', line: 5, column: 9, endLine: 4, endColumn: 1, fixable: false },
          { file: './sub/#x?.Dockerfile', code: 'SC1000', level: 'style', message: 'y', line: 1, column: 1, endLine: 1, endColumn: 1, fixable: true },
        ],
        rules: [],
      },
    ],
  ])('%s validates against the official SARIF 2.1.0 schema', (_n, r) => {
    expect(sarifErrors(writeSarif(r, { toolVersion: '0.1.0' }))).toBeNull();
  });

  it('describes exactly the rules findings refer to, sorted, each result linked by id and index', () => {
    const r = run(report);
    expect(r?.tool.driver.name).toBe('drydock');
    const ids = r?.tool.driver.rules.map((x) => x.id) ?? [];
    expect(ids).toEqual([...new Set(report.findings.map((f) => f.code))].sort());
    expect(ids).not.toContain('DL3000');
    for (const res of r?.results ?? []) expect(r?.tool.driver.rules[res.ruleIndex]?.id).toBe(res.ruleId);
    expect(r?.results).toHaveLength(report.findings.length);
  });

  it('links DL rules to the Hadolint wiki, SC rules to the ShellCheck wiki, DD rules only when docs are configured', () => {
    const uris = (o = {}) => Object.fromEntries((run(report, o)?.tool.driver.rules ?? []).map((x) => [x.id, x.helpUri]));
    expect(uris()['DL3008']).toBe('https://github.com/hadolint/hadolint/wiki/DL3008');
    expect(uris()['SC2086']).toBe('https://github.com/koalaman/shellcheck/wiki/SC2086');
    expect(uris()['DD001']).toBeUndefined();
    expect(uris({ docsBaseUrl: 'https://d.example/rules/' })['DD001']).toBe('https://d.example/rules/DD001');
  });

  it('maps levels: error, warning, and note for info and style; a rule off by default is `none`', () => {
    const r = run(report);
    const byCode = new Map(r?.results.map((x) => [x.ruleId, x.level]));
    expect([byCode.get('DL4000'), byCode.get('DL3002'), byCode.get('DL3059'), byCode.get('DL3048')]).toEqual(['error', 'warning', 'note', 'note']);
    const on: LintReport = {
      files: ['Dockerfile'],
      findings: [{ file: 'Dockerfile', code: 'DL1001', level: 'warning', message: 'inline ignore', line: 1, column: 1, endLine: 1, endColumn: 9, fixable: false }],
      rules: [{ code: 'DL1001', level: 'ignore', message: 'Please refrain from using inline ignore pragmas' }],
    };
    const o = run(on);
    expect(o?.tool.driver.rules[0]?.defaultConfiguration.level).toBe('none');
    expect(o?.results[0]?.level).toBe('warning');
  });

  it('gives the exact region (end exclusive) and drops an end that lies before the start', () => {
    const r = run(report);
    const dl3008 = r?.results.find((x) => x.ruleId === 'DL3008');
    expect(dl3008?.locations[0]?.physicalLocation.region).toEqual({ startLine: 4, startColumn: 5, endLine: 5, endColumn: 30 });
    const odd = run({
      files: ['D'],
      findings: [{ file: 'D', code: 'DL3000', level: 'error', message: 'x', line: 5, column: 9, endLine: 4, endColumn: 1, fixable: false }],
      rules: [],
    });
    expect(odd?.results[0]?.locations[0]?.physicalLocation.region).toEqual({ startLine: 5, startColumn: 9 });
  });

  it('fingerprints are unique and do not change when lines move', () => {
    const prints = (r: LintReport) => run(r)?.results.map((x) => x.partialFingerprints['drydock/v1']) ?? [];
    const a = prints(report);
    expect(new Set(a).size).toBe(a.length);
    const moved = { ...report, findings: report.findings.map((f: LintFinding) => ({ ...f, line: f.line + 3, endLine: f.endLine + 3 })) };
    expect(prints(moved)).toEqual(a);
  });

  it('fileUri: relative stays relative, absolute becomes file:, every segment percent-encoded', () => {
    expect(fileUri('Dockerfile')).toBe('Dockerfile');
    expect(fileUri('./a/b c/Dockerfile')).toBe('a/b%20c/Dockerfile');
    expect(fileUri('/abs/x#y?.Dockerfile')).toBe('file:///abs/x%23y%3F.Dockerfile');
    expect(fileUri('-')).toBe('-');
  });
});
