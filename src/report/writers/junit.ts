import type { Finding, FindingPackage } from '../../matching/finding.js';
import { escapeXml, oneLine, safeUrl } from '../escape.js';
import { groupByPackage } from '../group.js';
import { otherSuites, suiteXml } from '../junit-sections.js';
import type { ScanReport, Suppressed } from '../model.js';
import { originLabel, targetLabel, truncate } from '../wording.js';

interface Suite {
  pkg: FindingPackage;
  failures: Finding[];
  skipped: Suppressed[];
}

const a = (text: string): string => escapeXml(text, true);
const t = (text: string): string => escapeXml(text);

function suites(report: ScanReport): Suite[] {
  const out = groupByPackage(report).map((g): Suite => ({ pkg: g.pkg, failures: g.findings, skipped: [] }));
  const byId = new Map(out.map((s) => [s.pkg.id, s]));
  for (const s of report.suppressed) {
    if (s.by !== 'ignorefile' && s.by !== 'vex') continue;
    let suite = byId.get(s.finding.package.id);
    if (!suite) {
      suite = { pkg: s.finding.package, failures: [], skipped: [] };
      byId.set(suite.pkg.id, suite);
      out.push(suite);
    }
    suite.skipped.push(s);
  }
  return out;
}

function failureBody(f: Finding, report: ScanReport): string {
  const origin = originLabel(f.package, report, 200);
  const lines = [
    `${f.id} (${f.severity}, ${f.severitySource})${f.aliases.length > 0 ? ` aka ${f.aliases.join(', ')}` : ''}`,
    `Package: ${f.package.name} ${f.package.version} (${f.package.purl})`,
    `Location: ${f.package.location}${origin === undefined ? '' : ` — ${origin}`}`,
    f.fixedVersion !== undefined ? `Fixed version: ${f.fixedVersion}` : `No fixed version (${f.status})`,
    f.cvss ? `CVSS ${f.cvss.version} ${f.cvss.score.toFixed(1)} ${f.cvss.vector}` : '',
    f.kev ? `Known exploited (CISA KEV, added ${f.kev.dateAdded})` : '',
    f.summary?.trim() ?? '',
    ...f.references.map(safeUrl).filter((u): u is string => u !== undefined).slice(0, 10),
  ];
  return lines.filter((l) => l !== '').join('\n');
}

function testcase(f: Finding, report: ScanReport, classname: string): string {
  const message = truncate(oneLine(`${f.id} ${f.severity}: ${f.summary ?? `${f.package.name} ${f.package.version} is affected`}`), 300);
  return (
    `    <testcase classname="${a(classname)}" name="${a(`${f.id} (${f.severity})`)}" time="0">\n` +
    `      <failure message="${a(message)}" type="${a(f.severity)}">${t(failureBody(f, report))}</failure>\n` +
    '    </testcase>'
  );
}

function skippedCase(s: Suppressed, classname: string): string {
  return (
    `    <testcase classname="${a(classname)}" name="${a(`${s.finding.id} (${s.finding.severity})`)}" time="0">\n` +
    `      <skipped message="${a(truncate(oneLine(`${s.by}: ${s.reason}`), 300))}"/>\n` +
    '    </testcase>'
  );
}

/**
 * JUnit XML for CI dashboards: for the vulnerability scanner one testsuite per package with findings
 * (one failing testcase per finding, plus skipped testcases for findings an ignore file or VEX
 * suppressed) and one passing testsuite standing for the packages without findings (the report counts
 * them but does not list them); then a testsuite per other scanner: secrets, image configuration and
 * the base image (junit-sections.ts). Every string is escaped; characters XML cannot carry become U+FFFD.
 */
export function writeJunit(report: ScanReport): string {
  const body: string[] = [];
  let tests = 0;
  let failures = 0;
  let skipped = 0;
  if (report.scanners.includes('vuln')) {
    const v = vulnSuites(report);
    body.push(...v.body);
    tests += v.tests;
    failures += v.failures;
    skipped += v.skipped;
  }
  for (const s of otherSuites(report)) {
    body.push(suiteXml(s, report.createdAt));
    tests += s.cases.length;
    failures += s.cases.filter((c) => c.failed).length;
    skipped += s.cases.filter((c) => c.skipped).length;
  }
  const head = `<testsuites name="${a(`drydock scan ${targetLabel(report)}`)}" tests="${tests}" failures="${failures}" errors="0" skipped="${skipped}" time="0">`;
  return ['<?xml version="1.0" encoding="UTF-8"?>', head, ...body, '</testsuites>', ''].join('\n');
}

function vulnSuites(report: ScanReport): { body: string[]; tests: number; failures: number; skipped: number } {
  const body: string[] = [];
  let tests = 0;
  let failures = 0;
  let skipped = 0;
  for (const s of suites(report)) {
    const classname = `${s.pkg.name}@${s.pkg.version}`;
    const n = s.failures.length + s.skipped.length;
    tests += n;
    failures += s.failures.length;
    skipped += s.skipped.length;
    const origin = originLabel(s.pkg, report, 200);
    body.push(
      `  <testsuite name="${a(`${s.pkg.name} ${s.pkg.version} (${s.pkg.type})`)}" tests="${n}" failures="${s.failures.length}" errors="0" skipped="${s.skipped.length}" time="0" timestamp="${a(report.createdAt)}">`,
      '    <properties>',
      `      <property name="purl" value="${a(s.pkg.purl)}"/>`,
      `      <property name="location" value="${a(s.pkg.location)}"/>`,
      ...(origin === undefined ? [] : [`      <property name="origin" value="${a(origin)}"/>`]),
      '    </properties>',
      ...s.failures.map((f) => testcase(f, report, classname)),
      ...s.skipped.map((x) => skippedCase(x, classname)),
      '  </testsuite>',
    );
  }
  const affected = new Set([...report.findings, ...report.suppressed.map((s) => s.finding)].map((f) => f.package.id)).size;
  const clean = Math.max(0, report.summary.packages - affected);
  tests += 1;
  body.push(
    `  <testsuite name="packages without findings" tests="1" failures="0" errors="0" skipped="0" time="0" timestamp="${a(report.createdAt)}">`,
    `    <testcase classname="drydock" name="${a(`${clean} of ${report.summary.packages} packages have no known vulnerabilities`)}" time="0"/>`,
    '  </testsuite>',
  );
  return { body, tests, failures, skipped };
}
