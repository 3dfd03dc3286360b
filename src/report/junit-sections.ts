/**
 * The JUnit writer's testsuites for the secret and config scanners: one suite for secrets (a failing
 * testcase per secret, skipped ones for ignore-file suppressions), one for the image configuration
 * (a failing testcase per check finding) and one for the base image (end of life and look-alike
 * names fail; a supported base passes). A scanner that found nothing gets one passing testcase.
 */
import { escapeXml, oneLine } from './escape.js';
import type { ScanReport } from './model.js';
import { baseLines, baseTitle, eolSentence, secretPlace, secretSentence } from './sections.js';
import { layerLabel, truncate } from './wording.js';

const a = (text: string): string => escapeXml(text, true);
const t = (text: string): string => escapeXml(text);

export interface JunitCase {
  xml: string;
  failed: boolean;
  skipped: boolean;
}

export interface JunitSuite {
  name: string;
  cases: JunitCase[];
}

function failing(classname: string, name: string, type: string, message: string, body: string): JunitCase {
  return {
    xml:
      `    <testcase classname="${a(classname)}" name="${a(name)}" time="0">\n` +
      `      <failure message="${a(truncate(oneLine(message), 300))}" type="${a(type)}">${t(body)}</failure>\n` +
      '    </testcase>',
    failed: true,
    skipped: false,
  };
}

function passing(classname: string, name: string): JunitCase {
  return { xml: `    <testcase classname="${a(classname)}" name="${a(name)}" time="0"/>`, failed: false, skipped: false };
}

function skippedCase(classname: string, name: string, message: string): JunitCase {
  return {
    xml: `    <testcase classname="${a(classname)}" name="${a(name)}" time="0">\n      <skipped message="${a(truncate(oneLine(message), 300))}"/>\n    </testcase>`,
    failed: false,
    skipped: true,
  };
}

function secretSuite(report: ScanReport): JunitSuite {
  const cases = report.secrets.map((s) =>
    failing('secrets', `${s.ruleId} ${secretPlace(s)} (${s.severity})`, s.severity, `${s.title}: ${s.masked} at ${secretPlace(s)}`, `${s.title} (${s.ruleId})\n${secretSentence(s, report, 200)}`),
  );
  for (const x of report.suppressedSecrets) {
    if (x.by === 'ignorefile') cases.push(skippedCase('secrets', `${x.secret.ruleId} ${secretPlace(x.secret)} (${x.secret.severity})`, `${x.by}: ${x.reason}`));
  }
  if (cases.length === 0) cases.push(passing('secrets', 'no secrets found'));
  return { name: 'secrets', cases };
}

function checkSuite(report: ScanReport): JunitSuite {
  const cases = report.checks.map((c) => {
    const layer = layerLabel(c.layer, report, 200);
    return failing('image configuration', `${c.id} ${c.title} (${c.severity})`, c.severity, `${c.id}: ${c.details[0] ?? c.title}`, [c.title, ...(layer === undefined ? [] : [layer]), ...c.details].join('\n'));
  });
  for (const x of report.suppressedChecks) {
    if (x.by === 'ignorefile') cases.push(skippedCase('image configuration', `${x.check.id} ${x.check.title} (${x.check.severity})`, `${x.by}: ${x.reason}`));
  }
  if (cases.length === 0) cases.push(passing('image configuration', 'no configuration check failed'));
  return { name: 'image configuration', cases };
}

function baseSuite(report: ScanReport): JunitSuite | undefined {
  const b = report.baseImage;
  if (b === undefined) return undefined;
  const body = baseLines(b).join('\n');
  const cases: JunitCase[] = [];
  for (const v of [...(b.eol.os ? [b.eol.os] : []), ...b.eol.runtimes]) {
    cases.push(v.eol ? failing('base image', `end of life: ${v.product} ${v.cycle}`, 'eol', eolSentence(v), body) : passing('base image', eolSentence(v)));
  }
  for (const x of b.typosquats) cases.push(failing('base image', `look-alike name: ${x.suspect}`, 'typosquat', `"${x.suspect}" resembles "${x.likely}" (${x.reason})`, body));
  if (cases.length === 0) cases.push(passing('base image', baseTitle(b)));
  return { name: 'base image', cases };
}

/** The suites of the secret and config scanners that ran, in report order. */
export function otherSuites(report: ScanReport): JunitSuite[] {
  const out: JunitSuite[] = [];
  if (report.scanners.includes('secret')) out.push(secretSuite(report));
  if (report.scanners.includes('config')) out.push(checkSuite(report));
  const base = baseSuite(report);
  if (base) out.push(base);
  return out;
}

export function suiteXml(s: JunitSuite, timestamp: string): string {
  const failures = s.cases.filter((c) => c.failed).length;
  const skipped = s.cases.filter((c) => c.skipped).length;
  return [
    `  <testsuite name="${a(s.name)}" tests="${s.cases.length}" failures="${failures}" errors="0" skipped="${skipped}" time="0" timestamp="${a(timestamp)}">`,
    ...s.cases.map((c) => c.xml),
    '  </testsuite>',
  ].join('\n');
}
