import { describe, expect, it } from 'vitest';
import type { Finding } from '../../src/matching/finding.js';
import { artifactUri, MAX_RESULTS, securitySeverity, writeSarif } from '../../src/report/writers/sarif.js';
import { alpineReport } from './data/alpine-report.js';
import { hostileReport } from './data/hostile.js';
import { pythonAppReport } from './data/python-app-report.js';
import { alpineFullReport, alpineNoVulnReport, alpineScannerParts } from './data/scanner-parts.js';
import { sarifErrors } from './schemas.js';

const parts = await alpineScannerParts();

interface SarifResult {
  ruleId: string;
  ruleIndex: number;
  level: string;
  message: { text: string };
  locations: Array<{ physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } } }>;
  partialFingerprints: Record<string, string>;
}
interface SarifRule {
  id: string;
  shortDescription: { text: string };
  helpUri?: string;
  help: { text: string; markdown: string };
  properties: { tags: string[]; 'security-severity'?: string };
}
interface SarifLog {
  version: string;
  runs: Array<{ tool: { driver: { name: string; rules: SarifRule[] } }; results: SarifResult[]; properties: Record<string, unknown> }>;
}

const parse = (text: string): SarifLog => JSON.parse(text) as SarifLog;

describe('SARIF writer', () => {
  const python = pythonAppReport();
  const alpine = alpineReport();

  it.each([
    ['python-app', python],
    ['alpine-layers', alpine],
    ['hostile', hostileReport(python)],
    ['empty', { ...python, findings: [], fixAdvice: [] }],
    ['every scanner', alpineFullReport(parts)],
    ['secret and config only', alpineNoVulnReport(parts)],
  ])('%s validates against the official SARIF 2.1.0 schema', (_name, report) => {
    expect(sarifErrors(writeSarif(report))).toBeNull();
  });

  it('has one rule per advisory id and one result per finding, linked by id and index', () => {
    const log = parse(writeSarif(alpine));
    const run = log.runs[0];
    expect(run?.results).toHaveLength(alpine.findings.length);
    expect(run?.tool.driver.rules.map((r) => r.id)).toEqual([...new Set(alpine.findings.map((f) => f.id))]);
    for (const r of run?.results ?? []) expect(run?.tool.driver.rules[r.ruleIndex]?.id).toBe(r.ruleId);
  });

  it('secrets and checks are rules and results of their own: a file secret at its path and line, the rest at the image', () => {
    const full = alpineFullReport(parts);
    const run = parse(writeSarif(full)).runs[0];
    const ids = (run?.results ?? []).map((r) => r.ruleId);
    // secrets first, then checks, then vulnerabilities
    expect(ids.slice(0, 3)).toEqual(full.secrets.map((x) => x.ruleId));
    expect(ids.slice(3, 3 + full.checks.length)).toEqual(full.checks.map((c) => c.id));
    expect(ids.length).toBe(full.secrets.length + full.checks.length + full.findings.length);
    for (const r of run?.results ?? []) expect(run?.tool.driver.rules[r.ruleIndex]?.id).toBe(r.ruleId);
    const where = (id: string): [string | undefined, number | undefined] => {
      const r = run?.results.find((x) => x.ruleId === id);
      return [r?.locations[0]?.physicalLocation.artifactLocation.uri, r?.locations[0]?.physicalLocation.region.startLine];
    };
    expect(where('aws-access-token')).toEqual(['root/deleted-later.txt', 1]);
    expect(where('github-pat')).toEqual(['localhost/drydock-fixtures/alpine-layers%3Alatest', 1]);
    expect(where('CIS-DI-0001')).toEqual(['localhost/drydock-fixtures/alpine-layers%3Alatest', 1]);
    const rule = (id: string): SarifRule | undefined => run?.tool.driver.rules.find((r) => r.id === id);
    expect(rule('aws-access-token')?.properties).toMatchObject({ tags: ['security', 'secret', 'critical'], 'security-severity': '9.5' });
    expect(rule('CIS-DI-0001')?.properties).toMatchObject({ tags: ['security', 'image-configuration', 'medium'], 'security-severity': '5.5' });
    expect(run?.results.find((x) => x.ruleId === 'aws-access-token')?.message.text).toContain('removed in layer 7 — still in the image');
  });

  it('meets GitHub code scanning requirements', () => {
    const log = parse(writeSarif(alpine));
    for (const rule of log.runs[0]?.tool.driver.rules ?? []) {
      expect(rule.properties.tags.length).toBeLessThanOrEqual(20);
      expect(rule.properties.tags).toContain('security');
      const s = rule.properties['security-severity'];
      if (s !== undefined) {
        expect(typeof s).toBe('string'); // GitHub reads it as a string
        expect(Number(s)).toBeGreaterThanOrEqual(0);
        expect(Number(s)).toBeLessThanOrEqual(10);
      }
      expect(rule.shortDescription.text.length).toBeGreaterThan(0);
    }
    for (const r of log.runs[0]?.results ?? []) {
      const uri = r.locations[0]?.physicalLocation.artifactLocation.uri ?? '';
      expect(uri).toBe('lib/apk/db/installed'); // relative, no leading slash
      expect(r.locations[0]?.physicalLocation.region.startLine).toBe(1);
      expect(r.partialFingerprints['primaryLocationLineHash']).toMatch(/^[0-9a-f]{32}:1$/);
      expect(r.message.text.length).toBeGreaterThan(0);
    }
  });

  it('maps severities to levels and uses CVSS scores that agree with the severity', () => {
    const log = parse(writeSarif(python));
    const rules = new Map(log.runs[0]?.tool.driver.rules.map((r) => [r.id, r]));
    const results = new Map(log.runs[0]?.results.map((r) => [r.ruleId, r]));
    // Debian rates CVE-2016-2781 low although NVD's CVSS is 6.5 (medium): GitHub must show low.
    expect(rules.get('CVE-2016-2781')?.properties['security-severity']).toBe('2.0');
    expect(results.get('CVE-2016-2781')?.level).toBe('note');
    // PyPI advisories without any rating: no security-severity at all.
    expect(rules.get('CVE-2023-32681')?.properties['security-severity']).toBeUndefined();
    const alog = parse(writeSarif(alpine));
    const crit = alpine.findings.find((f) => f.severity === 'critical' && f.cvss);
    const arule = alog.runs[0]?.tool.driver.rules.find((r) => r.id === crit?.id);
    expect(arule?.properties['security-severity']).toBe(crit?.cvss?.score.toFixed(1));
    expect(alog.runs[0]?.results.find((r) => r.ruleId === crit?.id)?.level).toBe('error');
  });

  it('securitySeverity: CVSS when it agrees, the band of the effective severity otherwise', () => {
    const base = python.findings[0] as Finding;
    const f = (over: Partial<Finding>): Finding => ({ ...base, ...over });
    expect(securitySeverity(f({ severity: 'high', cvss: { version: '3.1', vector: 'v', score: 7.5, source: 'nvd' } }))).toBe(7.5);
    expect(securitySeverity(f({ severity: 'critical', cvss: { version: '3.1', vector: 'v', score: 7.5, source: 'nvd' } }))).toBe(9.5);
    expect(securitySeverity(f({ severity: 'high', cvss: { version: '2.0', vector: 'v', score: 10, source: 'nvd' } }))).toBe(10);
    expect(securitySeverity(f({ severity: 'unknown' }))).toBeUndefined();
  });

  it('fingerprints follow the package across upgrades but differ between packages', () => {
    const a = parse(writeSarif(alpine)).runs[0]?.results ?? [];
    const upgraded = { ...alpine, findings: alpine.findings.map((x) => ({ ...x, package: { ...x.package, version: '3.3.2-r9' } })) };
    const b = parse(writeSarif(upgraded)).runs[0]?.results ?? [];
    expect(b.map((r) => r.partialFingerprints['drydock/v1'])).toEqual(a.map((r) => r.partialFingerprints['drydock/v1']));
    expect(new Set(a.map((r) => r.partialFingerprints['drydock/v1'])).size).toBe(a.length);
  });

  it('escapes hostile text and drops non-http references', () => {
    const text = writeSarif(hostileReport(python));
    const log = parse(text);
    const rule = log.runs[0]?.tool.driver.rules[0];
    expect(rule?.helpUri).toBe('https://example.com/adv?a=1&b=%3C2%3E%7C%223%22');
    expect(rule?.help.markdown).not.toMatch(/<script|<img|(?<!\\)\]\((javascript|data):/);
    expect(rule?.help.markdown).toContain('\\[link\\](javascript:alert(1))'); // shown as text, not a link
    expect(rule?.help.markdown).toContain('&lt;script&gt;');
    expect(rule?.help.markdown).toContain('\\| a \\| b \\|');
    const evil = log.runs[0]?.results.find((r) => r.ruleId === 'CVE-2099-0001<b>|');
    expect(evil?.locations[0]?.physicalLocation.artifactLocation.uri).toBe('opt/some%20dir/%23frag%3Fq%3D1/pkg');
    // a hostile secret path is a relative URI with every segment percent-encoded, and its line
    const secret = log.runs[0]?.results.find((r) => r.ruleId === 'evil<rule>|x');
    expect(secret?.locations[0]?.physicalLocation.artifactLocation.uri).toBe('opt/%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E%7Cy/%1B%5B31mred%07.env');
    expect(secret?.locations[0]?.physicalLocation.region?.startLine).toBe(3);
  });

  it('artifactUri never escapes the image root and never starts with a slash', () => {
    const base = python.findings[0] as Finding;
    const at = (location: string): string => artifactUri({ ...base, package: { ...base.package, location } });
    expect(at('/var/lib/dpkg/status')).toBe('var/lib/dpkg/status');
    expect(at('/../../etc/passwd')).toBe('etc/passwd');
    expect(at('')).toBe(encodeURIComponent(base.package.name));
  });

  it(`stops at GitHub's limit of ${MAX_RESULTS} results and says how many were left out`, () => {
    const f = python.findings[0] as Finding;
    const many = Array.from({ length: MAX_RESULTS + 3 }, (_, i) => ({ ...f, package: { ...f.package, id: `p${i}`, location: `/p/${i}` } }));
    const log = parse(writeSarif({ ...python, findings: many }));
    expect(log.runs[0]?.results).toHaveLength(MAX_RESULTS);
    expect(log.runs[0]?.properties['omittedResults']).toBe(3);
  });
});
