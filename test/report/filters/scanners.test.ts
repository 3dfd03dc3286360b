/**
 * The filters on secrets and image configuration check findings: `--severity` and ignore files
 * (line format for any kind of id; the `secrets` and `misconfigurations` sections of
 * `.trivyignore.yaml` for their own kind), with the counts and the base image's known-vulnerability
 * numbers recomputed. Reports: alpine-layers with its real checks and base image and planted secrets.
 */
import { describe, expect, it } from 'vitest';
import { applyFilters, parseIgnoreFile } from '../../../src/report/filters/index.js';
import type { ScanReport } from '../../../src/report/model.js';
import { alpineFullReport, alpineNoVulnReport, alpineScannerParts } from '../data/scanner-parts.js';

const NOW = new Date('2026-07-01T12:00:00Z');
const parts = await alpineScannerParts();
const full = alpineFullReport(parts);

const secretKeys = (r: ScanReport): string[] => r.secrets.map((s) => `${s.ruleId} ${s.location.kind}`);
const checkIds = (r: ScanReport): string[] => r.checks.map((c) => c.id);

/** Counts must agree with the lists after every filter. */
function expectCounted(r: ScanReport): void {
  expect(r.summary.secrets.total).toBe(r.secrets.length);
  expect(r.summary.checks.total).toBe(r.checks.length);
  for (const [list, counts] of [[r.secrets, r.summary.secrets], [r.checks, r.summary.checks]] as const) {
    for (const [sev, n] of Object.entries(counts.bySeverity)) expect([sev, n]).toEqual([sev, list.filter((x) => x.severity === sev).length]);
  }
  expect(r.summary.inherited + r.summary.added).toBeLessThanOrEqual(r.findings.length);
  expect(r.summary.inherited).toBe(r.findings.filter((f) => f.origin === 'base').length);
  if (r.baseImage) expect(r.baseImage.surface.knownVulns?.total).toBe(r.findings.length);
}

describe('filters on secrets and check findings', () => {
  it('the unfiltered report: the planted secrets, the real checks, every count consistent', () => {
    expect(secretKeys(full)).toEqual(['aws-access-token file', 'github-pat history', 'generic-api-key config']);
    expect(checkIds(full)).toEqual(['CIS-DI-0001', 'CIS-DI-0006', 'DKL-DI-0006', 'DD-IMG-0004']);
    const r = applyFilters(full, { now: NOW });
    expect(r.summary).toEqual(full.summary);
    expect(r.baseImage).toEqual(full.baseImage);
    expectCounted(r);
  });

  it('--severity applies to secrets and checks too, and recounts', () => {
    const r = applyFilters(full, { severities: ['critical', 'medium'], now: NOW });
    expect(secretKeys(r)).toEqual(['aws-access-token file', 'github-pat history', 'generic-api-key config']);
    expect(checkIds(r)).toEqual(['CIS-DI-0001']);
    expect(r.suppressedChecks.map((s) => [s.check.id, s.by, s.reason])).toEqual([
      ['CIS-DI-0006', 'severity', 'severity low is not one of critical, medium'],
      ['DKL-DI-0006', 'severity', 'severity low is not one of critical, medium'],
      ['DD-IMG-0004', 'severity', 'severity negligible is not one of critical, medium'],
    ]);
    expect(r.baseImage?.surface.knownVulns).toMatchObject({ total: 20, bySeverity: { critical: 2, medium: 18 }, fromBase: 20, added: 0 });
    expectCounted(r);
    const high = applyFilters(full, { severities: ['high'], now: NOW });
    expect(high.secrets).toEqual([]);
    expect(high.suppressedSecrets.map((s) => s.by)).toEqual(['severity', 'severity', 'severity']);
  });

  it('the line format ignores secret rule ids and check ids like vulnerability ids (.trivyignore)', () => {
    const file = parseIgnoreFile(['AWS-ACCESS-TOKEN', 'CIS-DI-0006 exp:2999-01-01', 'DD-IMG-0004 exp:2020-01-01', 'CVE-2024-9143'].join('\n'), '.trivyignore');
    const r = applyFilters(full, { ignoreFile: file, now: NOW });
    expect(secretKeys(r)).toEqual(['github-pat history', 'generic-api-key config']);
    expect(r.suppressedSecrets.map((s) => [s.secret.ruleId, s.by, s.reason])).toEqual([['aws-access-token', 'ignorefile', '.trivyignore:1: AWS-ACCESS-TOKEN']]);
    expect(checkIds(r)).toEqual(['CIS-DI-0001', 'DKL-DI-0006', 'DD-IMG-0004']); // DD-IMG-0004's entry expired
    expect(r.suppressedChecks.map((s) => s.reason)).toEqual(['.trivyignore:2: CIS-DI-0006 (until 2999-01-01)']);
    expect(r.findings.some((f) => f.id === 'CVE-2024-9143')).toBe(false);
    expect(r.unknowns).toContainEqual({ source: 'ignorefile', reason: '.trivyignore:3: DD-IMG-0004 expired on 2020-01-01; no longer ignored (1 finding(s) reported again)' });
    expectCounted(r);
  });

  it('.trivyignore.yaml: secrets by rule id and file path, misconfigurations by check id; each section only its kind', () => {
    const file = parseIgnoreFile(
      [
        'secrets:',
        '  - id: github-pat',
        '    paths: ["root/**"]', // the github-pat secret is in the history, not in a file: not selected
        '  - id: aws-access-token',
        '    paths: ["root/*.txt"]',
        '    statement: revoked key',
        'misconfigurations:',
        '  - id: DKL-DI-0006',
        'vulnerabilities:',
        '  - id: CIS-DI-0001', // a check id in the vulnerabilities section ignores no check
      ].join('\n'),
      '.trivyignore.yaml',
    );
    const r = applyFilters(full, { ignoreFile: file, now: NOW });
    expect(r.suppressedSecrets.map((s) => [s.secret.ruleId, s.reason])).toEqual([['aws-access-token', '.trivyignore.yaml:4: aws-access-token — revoked key']]);
    expect(secretKeys(r)).toEqual(['github-pat history', 'generic-api-key config']);
    expect(checkIds(r)).toEqual(['CIS-DI-0001', 'CIS-DI-0006', 'DD-IMG-0004']);
    expectCounted(r);
  });

  it('a report without the vuln scanner keeps no known-vulnerability counts', () => {
    const noVuln = alpineNoVulnReport(parts);
    expect(noVuln.scanners).toEqual(['secret', 'config']);
    const r = applyFilters(noVuln, { severities: ['critical'], now: NOW });
    expect(r.baseImage?.surface.knownVulns).toBeUndefined();
    expect(r.summary.findings).toBe(0);
    expect(secretKeys(r)).toEqual(['aws-access-token file', 'github-pat history']);
  });
});
