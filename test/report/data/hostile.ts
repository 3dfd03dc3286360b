import type { CheckFinding } from '../../../src/checks/config/model.js';
import type { SecretFinding } from '../../../src/core/secret-finding.js';
import type { Finding } from '../../../src/matching/finding.js';
import type { ScanReport } from '../../../src/report/model.js';
import { counts } from './assemble.js';

/** Secrets whose every text field an attacker could shape (a custom rule, a file name, the masked prefix). */
export const HOSTILE_SECRETS: SecretFinding[] = [
  {
    ruleId: 'evil<rule>|x',
    title: 'Evil <script>alert("s")</script> | a | b |\n# heading',
    severity: 'high',
    masked: '<b>|****',
    location: {
      kind: 'file',
      path: 'opt/<img src=x onerror=alert(1)>|y/\u001b[31mred\u0007.env',
      line: 3,
      layer: { index: 2, diffId: 'sha256:02', createdBy: '/bin/sh -c echo "<script>" |\n tee /x \u001b]0;title\u0007' },
      removedIn: { index: 3, diffId: 'sha256:03' },
    },
  },
  { ruleId: 'generic-api-key', title: 'Generic secret', severity: 'medium', masked: '****', location: { kind: 'config', field: 'Labels', key: 'x<i>y</i>|z' } },
];

/** A check finding with hostile details (details quote image data: paths, history lines, label values). */
export const HOSTILE_CHECKS: CheckFinding[] = [
  {
    id: 'DD-IMG-<i>9</i>',
    title: 'Check <script>alert("c")</script>|t',
    severity: 'medium',
    details: ['/srv/<img src=x onerror=alert(2)> | a | b |', 'history step 3: `code` **bold** [link](javascript:alert(1)) \u001b[31mRED\u0000'],
    layer: { index: 1, createdBy: '/bin/sh -c <b>x</b>' },
  },
];

/** Text an attacker could put in an advisory or an image: markup, table syntax, escapes, control characters. */
export const HOSTILE_SUMMARY =
  '<script>alert("x")</script><img src=x onerror=alert(1)> | a | b |\n\n# heading\r\n' +
  '`code` **bold** [link](javascript:alert(1)) ]]> <!-- --> &amp; \u001b[31mRED\u001b[0m \u0007bell \u0000nul ' +
  'x'.repeat(3000);

export const HOSTILE_REFERENCES = [
  'javascript:alert(document.cookie)',
  'data:text/html,<script>alert(1)</script>',
  'https://example.com/adv?a=1&b=<2>|"3"',
  'https://example.com/path with space/(paren)',
  'not a url',
];

/** A copy of a real report whose first finding, secrets and check finding carry hostile strings in every text field. */
export function hostileReport(base: ScanReport): ScanReport {
  const first = base.findings[0];
  if (!first) throw new Error('report without findings');
  const evil: Finding = {
    ...first,
    id: 'CVE-2099-0001<b>|',
    aliases: ['GHSA-<i>x</i>', 'PYSEC|2099'],
    summary: HOSTILE_SUMMARY,
    references: HOSTILE_REFERENCES,
    fixedVersion: '1.0&<2>|',
    package: {
      ...first.package,
      id: `${first.package.id}<evil>`,
      name: 'evil|<b>pkg</b>\n"quoted"',
      version: '1.0-r0&amp;<x>',
      location: '/opt/some dir/#frag?q=1/../pkg',
      layer: { index: 3, diffId: 'sha256:00', createdBy: '/bin/sh -c echo "<script>" |\n tee /x \u001b]0;title\u0007' },
      fromBaseImage: false,
    },
  };
  return {
    ...base,
    source: { ...base.source, name: 'registry.example/evil<script>:tag|x' },
    findings: [evil, ...base.findings.slice(1)],
    fixAdvice: [{ packageId: evil.package.id, name: evil.package.name, installedVersion: evil.package.version, upgradeTo: '9.9<script>', fixes: 1, remaining: 0 }, ...base.fixAdvice],
    unknowns: [{ source: 'walker<x>', path: '/etc/<x>|y', reason: 'cannot read "<x>"\nsecond line' }],
    scanners: ['vuln', 'secret', 'config'],
    secrets: HOSTILE_SECRETS,
    checks: HOSTILE_CHECKS,
    summary: { ...base.summary, secrets: counts(HOSTILE_SECRETS), checks: counts(HOSTILE_CHECKS) },
  };
}
