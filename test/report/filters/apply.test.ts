import { describe, expect, it } from 'vitest';
import { applyFilters, parseIgnoreFile, parseVex } from '../../../src/report/filters/index.js';
import type { ScanReport } from '../../../src/report/model.js';
import { alpineReport } from '../data/alpine-report.js';
import { pythonAppReport } from '../data/python-app-report.js';

const NOW = new Date('2026-07-01T12:00:00Z');
const ids = (r: ScanReport): string[] => r.findings.map((f) => `${f.id}/${f.package.name}`);

/** The report's own numbers must agree with its findings after every filter. */
function expectConsistent(r: ScanReport): void {
  expect(r.summary.findings).toBe(r.findings.length);
  expect(Object.values(r.summary.bySeverity).reduce((a, b) => a + b, 0)).toBe(r.findings.length);
  expect(r.summary.fixable).toBe(r.findings.filter((f) => f.fixedVersion !== undefined).length);
  for (const a of r.fixAdvice) {
    const mine = r.findings.filter((f) => f.package.id === a.packageId);
    expect(mine.length).toBeGreaterThan(0);
    expect(a.fixes + a.remaining).toBe(mine.length);
  }
  expect(r.summary.upgradeRemoves).toBe(r.fixAdvice.reduce((n, a) => n + a.fixes, 0));
}

describe('applyFilters on real reports', () => {
  const python = pythonAppReport();
  const alpine = alpineReport();

  const byId = (a: ScanReport['fixAdvice']): ScanReport['fixAdvice'] => [...a].sort((x, y) => (x.packageId < y.packageId ? -1 : 1));

  it.each([
    ['python-app', python],
    ['alpine-layers', alpine],
  ])('%s without filters: same findings, and the recomputed fix advice equals the independent one', (_n, report) => {
    const r = applyFilters(report, { now: NOW });
    expect(r.findings).toEqual(report.findings);
    expect(r.summary).toEqual(report.summary);
    // test/report/data computes advice with @renovatebot/pep440 and GNU sort -V; the filters use matching/fix-advice.ts
    expect(byId(r.fixAdvice)).toEqual(byId(report.fixAdvice));
  });

  it('--severity keeps only the listed severities and recounts', () => {
    const r = applyFilters(alpine, { severities: ['critical', 'high'], now: NOW });
    expect(r.findings.every((f) => f.severity === 'critical' || f.severity === 'high')).toBe(true);
    expect(r.findings).toHaveLength(alpine.summary.bySeverity.critical + alpine.summary.bySeverity.high);
    expect(r.suppressed).toHaveLength(alpine.findings.length - r.findings.length);
    expect(r.suppressed.every((s) => s.by === 'severity' && /^severity (medium|low|unknown) is not one of critical, high$/.test(s.reason))).toBe(true);
    expectConsistent(r);
  });

  it('--ignore-unfixed drops findings without a fixed version (Debian <ignored> and <unfixed>)', () => {
    const r = applyFilters(python, { ignoreUnfixed: true, now: NOW });
    expect(r.suppressed.map((s) => [s.finding.id, s.by, s.reason])).toEqual([
      ['CVE-2016-2781', 'unfixed', 'no fixed version (status will-not-fix)'],
      ['CVE-2011-3374', 'unfixed', 'no fixed version (status affected)'],
    ]);
    expect(r.fixAdvice.map((a) => a.name).sort()).toEqual(['certifi', 'idna', 'requests', 'urllib3']);
    expect(r.summary.upgradeRemoves).toBe(6);
    expectConsistent(r);
  });

  it('an ignore file matches ids and aliases, honours expiry and says so', () => {
    const file = parseIgnoreFile(
      ['# accepted', 'CVE-2016-2781', 'pysec-2023-74', 'GHSA-g4mx-q9vg-27p4 exp:2026-12-31', 'CVE-2011-3374 exp:2026-06-30', 'CVE-1999-0001 exp:2020-01-01'].join('\n'),
      '.drydockignore',
    );
    const r = applyFilters(python, { ignoreFile: file, now: NOW });
    expect(r.suppressed.map((s) => [s.finding.id, s.reason])).toEqual([
      ['CVE-2016-2781', '.drydockignore:2: CVE-2016-2781'],
      ['CVE-2023-32681', '.drydockignore:3: pysec-2023-74'], // alias, case-insensitive
      ['CVE-2023-45803', '.drydockignore:4: GHSA-g4mx-q9vg-27p4 (until 2026-12-31)'],
    ]);
    expect(ids(r)).toContain('CVE-2011-3374/apt'); // expired yesterday: reported again
    expect(r.unknowns).toEqual([
      { source: 'ignorefile', reason: '.drydockignore:5: CVE-2011-3374 expired on 2026-06-30; no longer ignored (1 finding(s) reported again)' },
      { source: 'ignorefile', reason: '.drydockignore:6: CVE-1999-0001 expired on 2020-01-01; no longer ignored' },
    ]);
    expectConsistent(r);
  });

  it('an expiry date is still valid on the day before and invalid from its first instant (Trivy semantics)', () => {
    const file = parseIgnoreFile('CVE-2016-2781 exp:2026-07-01\n', '.trivyignore');
    expect(applyFilters(python, { ignoreFile: file, now: new Date('2026-06-30T23:59:59Z') }).suppressed).toHaveLength(1);
    expect(applyFilters(python, { ignoreFile: file, now: new Date('2026-07-01T00:00:01Z') }).suppressed).toHaveLength(0);
  });

  it('.trivyignore.yaml selects by path glob and purl', () => {
    const file = parseIgnoreFile(
      [
        'vulnerabilities:',
        '  - id: CVE-2023-43804',
        '    paths: ["usr/lib/python3/dist-packages/urllib3-*.egg-info"]',
        '    statement: only used by apt helpers',
        '  - purls: ["pkg:pypi/certifi"]',
        '    statement: CA bundle comes from the OS',
        '  - id: CVE-2024-3651',
        '    paths: ["opt/**"]',
        '  - id: CVE-2023-32681',
        '    purls: ["pkg:pypi/requests@2.31.0"]',
      ].join('\n'),
      '.trivyignore.yaml',
    );
    const r = applyFilters(python, { ignoreFile: file, now: NOW });
    expect(r.suppressed.map((s) => [s.finding.id, s.finding.package.name, s.reason])).toEqual([
      ['CVE-2022-23491', 'certifi', '.trivyignore.yaml:5: entry — CA bundle comes from the OS'],
      ['CVE-2023-37920', 'certifi', '.trivyignore.yaml:5: entry — CA bundle comes from the OS'],
      ['CVE-2023-43804', 'urllib3', '.trivyignore.yaml:2: CVE-2023-43804 — only used by apt helpers'],
    ]);
    expectConsistent(r);
    expect(r.fixAdvice.find((a) => a.name === 'certifi')).toBeUndefined();
    expect(r.fixAdvice.find((a) => a.name === 'urllib3')).toMatchObject({ fixes: 1, remaining: 0, upgradeTo: '1.26.18' });
  });

  it('OpenVEX: package products, image products with subcomponents, aliases and the latest statement', () => {
    const digest = python.source.digest ?? '';
    const vex = {
      '@context': 'https://openvex.dev/ns/v0.2.0',
      '@id': 'https://example.com/vex/1',
      author: 'platform team',
      timestamp: '2026-06-01T00:00:00Z',
      version: 1,
      statements: [
        // by alias, product without version
        { vulnerability: { name: 'GHSA-j8r2-6x86-q33q' }, products: [{ '@id': 'pkg:pypi/requests' }], status: 'not_affected', justification: 'vulnerable_code_not_in_execute_path' },
        // the image by digest with a subcomponent
        { vulnerability: { name: 'CVE-2023-43804' }, products: [{ '@id': `pkg:oci/python-app@${encodeURIComponent(digest)}`, subcomponents: [{ '@id': 'pkg:pypi/urllib3@1.26.12' }] }], status: 'fixed' },
        // the image alone (every package), by manifest digest hash
        { vulnerability: { name: 'CVE-2011-3374' }, products: [{ hashes: { 'sha-256': digest.replace('sha256:', '') } }], status: 'not_affected', impact_statement: 'no keyring URI is defined' },
        // not_affected, then a later affected: the later one wins
        { vulnerability: { name: 'CVE-2016-2781' }, products: [{ '@id': 'pkg:deb/debian/coreutils' }], status: 'not_affected', justification: 'component_not_present', timestamp: '2026-05-01T00:00:00Z' },
        { vulnerability: { name: 'CVE-2016-2781' }, products: [{ '@id': 'pkg:deb/debian/coreutils' }], status: 'affected', action_statement: 'upgrade', timestamp: '2026-05-02T00:00:00Z' },
        // another version, another image, or still under investigation: nothing happens
        { vulnerability: { name: 'CVE-2024-3651' }, products: [{ '@id': 'pkg:pypi/idna@3.7' }], status: 'not_affected', justification: 'component_not_present' },
        { vulnerability: { name: 'CVE-2023-45803' }, products: [{ '@id': 'pkg:oci/python-app@sha256%3A' + '0'.repeat(64) }], status: 'not_affected', justification: 'component_not_present' },
        { vulnerability: { name: 'CVE-2022-23491' }, products: [{ '@id': 'pkg:pypi/certifi' }], status: 'under_investigation' },
      ],
    };
    const r = applyFilters(python, { vex: [parseVex(JSON.stringify(vex), 'team.openvex.json')], now: NOW });
    expect(r.suppressed.map((s) => [s.finding.id, s.reason, s.vex?.status])).toEqual([
      ['CVE-2011-3374', 'team.openvex.json statement 3: not_affected — no keyring URI is defined', 'not_affected'],
      ['CVE-2023-32681', 'team.openvex.json statement 1: not_affected (vulnerable_code_not_in_execute_path)', 'not_affected'],
      ['CVE-2023-43804', 'team.openvex.json statement 2: fixed', 'fixed'],
    ]);
    expect(ids(r)).toEqual(['CVE-2016-2781/coreutils', 'CVE-2022-23491/certifi', 'CVE-2023-37920/certifi', 'CVE-2023-45803/urllib3', 'CVE-2024-3651/idna']);
    expectConsistent(r);
  });

  it('CycloneDX VEX: purl refs, component bom-refs, BOM-Links to package ids, exact versions', () => {
    const pkg = python.findings.find((f) => f.package.name === 'coreutils')?.package.id ?? '';
    const cdx = {
      bomFormat: 'CycloneDX',
      specVersion: '1.6',
      version: 1,
      components: [{ 'bom-ref': 'idna-ref', type: 'library', name: 'idna', purl: 'pkg:pypi/idna@3.3' }],
      vulnerabilities: [
        { id: 'CVE-2024-3651', analysis: { state: 'false_positive' }, affects: [{ ref: 'idna-ref' }] },
        { id: 'CVE-2016-2781', analysis: { state: 'not_affected', justification: 'requires_environment' }, affects: [{ ref: `urn:cdx:0d5c8b1c-4b8e-4b37-9d1e-0c6e7c1d2f3a/1#${encodeURIComponent(pkg)}` }] },
        { id: 'CVE-2023-37920', analysis: { state: 'not_affected' }, affects: [{ ref: 'pkg:pypi/certifi', versions: [{ version: '2022.9.24', status: 'affected' }] }] },
        { id: 'CVE-2022-23491', analysis: { state: 'resolved' }, affects: [{ ref: 'pkg:pypi/certifi', versions: [{ version: '2022.9.24', status: 'unaffected' }] }] },
        { id: 'CVE-2023-45803', analysis: { state: 'exploitable' }, affects: [{ ref: 'pkg:pypi/urllib3' }] },
      ],
    };
    const r = applyFilters(python, { vex: [parseVex(JSON.stringify(cdx), 'vex.cdx.json')], now: NOW });
    expect(r.suppressed.map((s) => [s.finding.id, s.reason, s.vex])).toEqual([
      ['CVE-2016-2781', 'vex.cdx.json vulnerabilities[1]: not_affected (requires_environment)', { format: 'cyclonedx', status: 'not_affected', justification: 'requires_environment' }],
      ['CVE-2022-23491', 'vex.cdx.json vulnerabilities[3]: resolved', { format: 'cyclonedx', status: 'resolved' }],
      ['CVE-2024-3651', 'vex.cdx.json vulnerabilities[0]: false_positive', { format: 'cyclonedx', status: 'false_positive' }],
    ]);
    expectConsistent(r);
  });

  it('filters apply in order and each finding is suppressed once, by the first filter', () => {
    const file = parseIgnoreFile('CVE-2011-3374\n', '.drydockignore');
    const vex = parseVex(JSON.stringify({ '@context': 'https://openvex.dev/ns', statements: [{ vulnerability: 'CVE-2011-3374', products: ['pkg:deb/debian/apt'], status: 'fixed' }] }), 'v.json');
    const r = applyFilters(python, { ignoreUnfixed: true, ignoreFile: file, vex: [vex], now: NOW });
    expect(r.suppressed.filter((s) => s.finding.id === 'CVE-2011-3374').map((s) => s.by)).toEqual(['unfixed']);
    expect(r.findings.length + r.suppressed.length).toBe(python.findings.length);
  });

  it('does not modify its input', () => {
    const before = structuredClone(python);
    applyFilters(python, { severities: ['low'], ignoreUnfixed: true, now: NOW });
    expect(python).toEqual(before);
  });
});
