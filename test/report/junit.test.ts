import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { applyFilters, parseIgnoreFile } from '../../src/report/filters/index.js';
import type { ScanReport } from '../../src/report/model.js';
import { writeJunit } from '../../src/report/writers/junit.js';
import { alpineReport } from './data/alpine-report.js';
import { HOSTILE_SUMMARY, hostileReport } from './data/hostile.js';
import { pythonAppReport } from './data/python-app-report.js';
import { alpineFullReport, alpineNoVulnReport, alpineScannerParts } from './data/scanner-parts.js';

const parts = await alpineScannerParts();

interface Parsed {
  root: Record<string, string>;
  suites: Array<{ attrs: Record<string, string>; cases: Array<{ attrs: Record<string, string>; failure?: { attrs: Record<string, string>; text: string }; skipped?: Record<string, string> }> }>;
}

/** Parse with Python's XML parser (expat): a real, independent well-formedness check. */
function parseXml(xml: string): Parsed {
  const script = `
import json, sys, xml.etree.ElementTree as ET
root = ET.fromstring(sys.stdin.buffer.read())
out = {"root": dict(root.attrib), "suites": []}
for s in root.findall("testsuite"):
    cases = []
    for c in s.findall("testcase"):
        case = {"attrs": dict(c.attrib)}
        f = c.find("failure")
        if f is not None: case["failure"] = {"attrs": dict(f.attrib), "text": f.text or ""}
        k = c.find("skipped")
        if k is not None: case["skipped"] = dict(k.attrib)
        cases.append(case)
    out["suites"].append({"attrs": dict(s.attrib), "cases": cases})
print(json.dumps(out))
`;
  return JSON.parse(execFileSync('python3', ['-c', script], { input: xml, encoding: 'utf8', maxBuffer: 64 << 20 })) as Parsed;
}

function checkCounts(p: Parsed, report: ScanReport): void {
  let tests = 0;
  let failures = 0;
  let skipped = 0;
  for (const s of p.suites) {
    const f = s.cases.filter((c) => c.failure).length;
    const k = s.cases.filter((c) => c.skipped).length;
    expect(Number(s.attrs['tests'])).toBe(s.cases.length);
    expect(Number(s.attrs['failures'])).toBe(f);
    expect(Number(s.attrs['skipped'])).toBe(k);
    tests += s.cases.length;
    failures += f;
    skipped += k;
  }
  expect(Number(p.root['tests'])).toBe(tests);
  expect(Number(p.root['failures'])).toBe(failures);
  expect(Number(p.root['skipped'])).toBe(skipped);
  expect(failures).toBe(report.findings.length);
}

describe('JUnit writer', () => {
  const python = pythonAppReport();

  it.each([
    ['python-app', python],
    ['alpine-layers', alpineReport()],
    ['empty', { ...python, findings: [], fixAdvice: [] }],
  ])('%s is well-formed XML with one failing testcase per finding and consistent counts', (_n, report) => {
    const p = parseXml(writeJunit(report));
    checkCounts(p, report);
    const packages = new Set(report.findings.map((f) => f.package.id)).size;
    expect(p.suites).toHaveLength(packages + 1);
    const clean = p.suites.at(-1);
    expect(clean?.attrs['name']).toBe('packages without findings');
    expect(clean?.cases[0]?.attrs['name']).toBe(`${report.summary.packages - packages} of ${report.summary.packages} packages have no known vulnerabilities`);
  });

  it('shows ignore-file suppressions as skipped testcases', () => {
    const filtered = applyFilters(python, { ignoreFile: parseIgnoreFile('CVE-2023-45803\n', '.drydockignore'), now: new Date('2026-07-01T00:00:00Z') });
    const p = parseXml(writeJunit(filtered));
    checkCounts(p, filtered);
    const urllib3 = p.suites.find((s) => s.attrs['name']?.startsWith('urllib3 '));
    expect(urllib3?.cases.map((c) => [c.attrs['name'], c.failure !== undefined, c.skipped?.['message']])).toEqual([
      ['CVE-2023-43804 (unknown)', true, undefined],
      ['CVE-2023-45803 (unknown)', false, 'ignorefile: .drydockignore:1: CVE-2023-45803'],
    ]);
  });

  it('a testsuite per other scanner: secrets, image configuration, base image (end of life fails)', () => {
    const full = alpineFullReport(parts);
    const p = parseXml(writeJunit(full));
    const names = p.suites.map((s) => s.attrs['name']);
    expect(names.slice(-4)).toEqual(['packages without findings', 'secrets', 'image configuration', 'base image']);
    const suite = (name: string): Parsed['suites'][number] | undefined => p.suites.find((s) => s.attrs['name'] === name);
    expect(suite('secrets')?.cases.map((c) => [c.attrs['name'], c.failure?.attrs['type']])).toEqual([
      ['aws-access-token /root/deleted-later.txt:1 (critical)', 'critical'],
      ['github-pat image history step 4 (critical)', 'critical'],
      ['generic-api-key image config Env API_TOKEN (medium)', 'medium'],
    ]);
    expect(suite('secrets')?.cases[0]?.failure?.text).toContain('removed in layer 7 — still in the image');
    expect(suite('image configuration')?.cases.map((c) => c.attrs['name'])).toEqual(full.checks.map((c) => `${c.id} ${c.title} (${c.severity})`));
    expect(suite('base image')?.cases.map((c) => [c.attrs['name'], c.failure?.attrs['type']])).toEqual([['end of life: alpine 3.20', 'eol']]);
    const failures = p.suites.flatMap((s) => s.cases).filter((c) => c.failure).length;
    expect(Number(p.root['failures'])).toBe(failures);
    expect(failures).toBe(full.findings.length + full.secrets.length + full.checks.length + 1);
    // without the vuln scanner: no package suites
    const noVuln = parseXml(writeJunit(alpineNoVulnReport(parts)));
    expect(noVuln.suites.map((s) => s.attrs['name'])).toEqual(['secrets', 'image configuration', 'base image']);
  });

  it('round-trips hostile strings through escaping (control characters become U+FFFD)', () => {
    const report = hostileReport(python);
    const p = parseXml(writeJunit(report));
    const evil = p.suites[0];
    expect(evil?.attrs['name']).toBe('evil|<b>pkg</b>\n"quoted" 1.0-r0&amp;<x> (deb)');
    const failure = evil?.cases[0]?.failure;
    expect(failure?.attrs['type']).toBe(report.findings[0]?.severity);
    expect(failure?.text).toContain('<script>alert("x")</script>');
    expect(failure?.text).toContain('\uFFFDbell \uFFFDnul');
    expect(failure?.text).not.toContain('\u0007');
    expect(failure?.text.length).toBeGreaterThan(HOSTILE_SUMMARY.length - 10);
  });
});
