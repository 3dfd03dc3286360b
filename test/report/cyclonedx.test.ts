import { describe, expect, it } from 'vitest';
import { applyFilters, parseIgnoreFile, parseVex } from '../../src/report/filters/index.js';
import { writeCycloneDx } from '../../src/report/writers/cyclonedx.js';
import { cycloneDxErrors } from '../sbom/schema-validators.js';
import { alpineReport } from './data/alpine-report.js';
import { hostileReport } from './data/hostile.js';
import { pythonAppReport } from './data/python-app-report.js';
import { alpineFullReport, alpineNoVulnReport, alpineScannerParts } from './data/scanner-parts.js';

const parts = await alpineScannerParts();

interface CdxRating { source?: { name?: string }; score?: number; severity?: string; method?: string; vector?: string }
interface CdxVuln {
  'bom-ref': string;
  id: string;
  source: { name: string };
  references?: Array<{ id: string }>;
  ratings?: CdxRating[];
  cwes?: number[];
  description?: string;
  advisories?: Array<{ url: string }>;
  affects: Array<{ ref: string; versions: Array<{ version: string; status: string }> }>;
  analysis?: { state?: string; justification?: string; detail?: string };
}
interface Cdx {
  specVersion: string;
  serialNumber: string;
  metadata: { timestamp: string; component: { 'bom-ref': string; purl?: string; properties?: Array<{ name: string; value: string }> }; properties?: Array<{ name: string; value: string }> };
  components: Array<{ 'bom-ref': string; name: string; purl?: string }>;
  vulnerabilities: CdxVuln[];
}

const parse = (text: string): Cdx => JSON.parse(text) as Cdx;
const NOW = new Date('2026-07-01T12:00:00Z');

describe('CycloneDX writer', () => {
  const python = pythonAppReport();
  const alpine = alpineReport();

  it.each([
    ['python-app', python],
    ['alpine-layers', alpine],
    ['hostile', hostileReport(python)],
    ['empty', { ...python, findings: [], fixAdvice: [] }],
    ['every scanner', alpineFullReport(parts)],
    ['secret and config only', alpineNoVulnReport(parts)],
  ])('%s validates against the CycloneDX 1.6 schema (strict)', async (_n, report) => {
    expect(await cycloneDxErrors(writeCycloneDx(report))).toBeNull();
  });

  it('secrets and checks are left out (counted in metadata properties); the base image is described on the image component', () => {
    const full = alpineFullReport(parts);
    const text = writeCycloneDx(full);
    const doc = parse(text);
    expect(doc.metadata.properties).toEqual([
      { name: 'drydock:scan:scanners', value: 'vuln,secret,config' },
      { name: 'drydock:scan:secrets', value: '3' },
      { name: 'drydock:scan:checks', value: '4' },
    ]);
    expect(doc.vulnerabilities.map((v) => v.id)).toEqual([...new Set(full.findings.map((f) => f.id))]);
    for (const s of [...full.secrets.map((x) => x.ruleId), ...full.checks.map((c) => c.id), 'AKIA****']) expect(text).not.toContain(s);
    const props = Object.fromEntries((doc.metadata.component.properties ?? []).map((p) => [p.name, p.value]));
    expect(props).toMatchObject({ 'drydock:baseImage:flavour': 'alpine', 'drydock:baseImage:layers': '1', 'drydock:baseImage:eol': 'alpine 3.20 end of life since 2026-04-01' });
  });

  it('lists each package once, with bom-ref = package id, and every affects ref resolves', () => {
    const doc = parse(writeCycloneDx(alpine));
    expect(doc.specVersion).toBe('1.6');
    expect(doc.metadata.timestamp).toBe('2026-07-01T12:00:00.000Z');
    const refs = new Set(doc.components.map((c) => c['bom-ref']));
    expect([...refs].filter((r) => r.startsWith('apk:')).sort()).toEqual([...new Set(alpine.findings.map((f) => f.package.id))].sort());
    for (const v of doc.vulnerabilities) for (const a of v.affects) expect(refs.has(a.ref)).toBe(true);
    expect(doc.vulnerabilities.map((v) => v.id)).toEqual([...new Set(alpine.findings.map((f) => f.id))]);
    expect(doc.metadata.component.purl).toMatch(/^pkg:oci\/alpine-layers@sha256(:|%3A)[0-9a-f]{64}/);
  });

  it('carries ratings with CVSS method, vector and score, CWEs and advisories', () => {
    const doc = parse(writeCycloneDx(alpine));
    const v4 = doc.vulnerabilities.find((v) => v.id === 'CVE-2026-6042'); // NVD record with CVSS 4.0, 3.1 and 2.0
    expect(v4?.ratings?.map((r) => r.method).sort()).toEqual(['CVSSv2', 'CVSSv31', 'CVSSv4']);
    for (const r of v4?.ratings ?? []) {
      expect(r.vector).toBeTruthy();
      expect(typeof r.score).toBe('number');
    }
    const finding = alpine.findings.find((f) => f.id === 'CVE-2026-6042');
    expect(v4?.cwes).toEqual(finding?.cwes.map((c) => Number(c.slice(4))));
    expect(v4?.description).toBe(finding?.summary);
    expect(v4?.advisories?.length).toBe(new Set(finding?.references).size);
    expect(v4?.affects.map((a) => a.ref).sort()).toEqual(['apk:musl-utils@1.2.5-r0', 'apk:musl@1.2.5-r0']);
  });

  it('records the vendor rating the effective severity comes from and aliases as references', () => {
    const doc = parse(writeCycloneDx(python));
    const coreutils = doc.vulnerabilities.find((v) => v.id === 'CVE-2016-2781');
    expect(coreutils?.ratings?.[0]).toEqual({ source: { name: 'debian' }, severity: 'low' });
    const certifi = doc.vulnerabilities.find((v) => v.id === 'CVE-2022-23491');
    expect(certifi?.references?.map((r) => r.id)).toEqual(['PYSEC-2022-42986', 'GHSA-43fp-rhv2-5gv8']);
  });

  it('lists VEX-suppressed findings as unaffected with the analysis, ignore-file ones with the reason', () => {
    const vex = parseVex(
      JSON.stringify({ '@context': 'https://openvex.dev/ns/v0.2.0', timestamp: '2026-06-01T00:00:00Z', statements: [
        { vulnerability: { name: 'CVE-2023-32681' }, products: [{ '@id': 'pkg:pypi/requests' }], status: 'not_affected', justification: 'vulnerable_code_not_in_execute_path' },
      ] }),
      'team.openvex.json',
    );
    const filtered = applyFilters(python, { vex: [vex], ignoreFile: parseIgnoreFile('CVE-2016-2781\n', '.drydockignore'), severities: ['low', 'unknown'], now: NOW });
    const text = writeCycloneDx(filtered);
    const doc = parse(text);
    const requests = doc.vulnerabilities.filter((v) => v.id === 'CVE-2023-32681');
    expect(requests).toHaveLength(1);
    expect(requests[0]?.analysis).toEqual({ state: 'not_affected', justification: 'code_not_reachable', detail: 'team.openvex.json statement 1: not_affected (vulnerable_code_not_in_execute_path)' });
    expect(requests[0]?.affects[0]?.versions).toEqual([{ version: '2.28.1', status: 'unaffected' }]);
    const coreutils = doc.vulnerabilities.find((v) => v.id === 'CVE-2016-2781');
    expect(coreutils?.analysis).toEqual({ detail: 'suppressed (ignorefile): .drydockignore:1: CVE-2016-2781' });
    expect(coreutils?.affects[0]?.versions[0]?.status).toBe('affected');
    expect(doc.vulnerabilities.find((v) => v.id === 'CVE-2011-3374')).toBeUndefined(); // negligible: filtered by severity, not listed
  });

  it('is deterministic: the serial number is derived from the report', () => {
    const a = parse(writeCycloneDx(python)).serialNumber;
    expect(parse(writeCycloneDx(structuredClone(python))).serialNumber).toBe(a);
    expect(parse(writeCycloneDx({ ...python, createdAt: '2026-07-02T00:00:00Z' })).serialNumber).not.toBe(a);
    expect(a).toMatch(/^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });
});
