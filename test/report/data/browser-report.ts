import type { Finding } from '../../../src/matching/finding.js';
import type { ScanReport } from '../../../src/report/model.js';
import { alpineReport } from './alpine-report.js';
import { assemble } from './assemble.js';
import { hostileReport } from './hostile.js';
import { pythonAppReport } from './python-app-report.js';

/** Script that would mark the page as compromised: every payload below sets window.__pwned. */
export const PWN = 'window.__pwned=';
/** One unbroken 20,000-character word. */
export const LONG = 'A'.repeat(20_000);

/** A finding whose every text field tries to run script: each payload would set window.__pwned. */
function pwnFinding(base: Finding): Finding {
  const { fixedVersion: _drop, ...rest } = base;
  return {
    ...rest,
    id: 'CVE-2099-0002',
    aliases: [`<img src=x onerror="${PWN}'alias'">`],
    severity: 'critical',
    status: 'affected',
    summary:
      `<script>${PWN}'summary'</script><img src=x onerror="${PWN}'img'"><svg onload="${PWN}'svg'"></svg>` +
      `<iframe srcdoc="<script>${PWN}'iframe'</script>"></iframe></td></tr></tbody></table><script>${PWN}'breakout'</script> ${LONG}`,
    references: [
      `javascript:${PWN}'href'`,
      ' JavaScript:alert(1)',
      'vbscript:msgbox(1)',
      `https://example.org/a"onmouseover="${PWN}'attr'`,
      'http://example.org/ok',
      `https://example.org/${'u'.repeat(3000)}`,
    ],
    package: {
      ...base.package,
      id: `apk:pwn@1`,
      name: `<script>${PWN}'pkg'</script>${'n'.repeat(400)}`,
      version: `1"><script>${PWN}'version'</script>`,
      location: `/usr/lib/${'d'.repeat(2000)}`,
      purl: `pkg:apk/alpine/${'p'.repeat(2000)}@1`,
    },
  };
}

/**
 * The report the browser test loads: many findings of every severity across eight packages (real Alpine and Debian/PyPI data), the
 * hostile finding of hostile.ts, the script-setting finding above, and three suppressed findings.
 */
export function browserReport(): ScanReport {
  const python = hostileReport(pythonAppReport());
  const alpine = alpineReport();
  const all = [...python.findings, ...alpine.findings];
  const suppressed = [all[3], all[9], all[30]].filter((f): f is Finding => f !== undefined);
  const findings = [...all.filter((f) => !suppressed.includes(f)), pwnFinding(alpine.findings[0] as Finding)];
  const report = assemble({
    source: python.source,
    os: alpine.os ?? python.os!,
    baseLayers: 1,
    packages: python.summary.packages + alpine.summary.packages,
    findings,
    feeds: [...(python.db?.feeds ?? []), ...(alpine.db?.feeds ?? [])],
  });
  return {
    ...report,
    unknowns: python.unknowns,
    suppressed: suppressed.map((finding, i) => ({
      finding,
      by: i === 0 ? 'vex' : 'ignorefile',
      reason: i === 0 ? `statement 1: not_affected <script>${PWN}'reason'</script>` : `.drydockignore line ${i}`,
    })),
  };
}
