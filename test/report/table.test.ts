import { describe, expect, it } from 'vitest';
import type { ScanReport } from '../../src/report/model.js';
import { writeTable } from '../../src/report/writers/table.js';
import { readableCreatedBy } from '../../src/report/wording.js';
import { alpineReport } from './data/alpine-report.js';
import { hostileReport } from './data/hostile.js';
import { pythonAppReport } from './data/python-app-report.js';
import { alpineFullReport, alpineNoVulnReport, alpineScannerParts } from './data/scanner-parts.js';

const parts = await alpineScannerParts();

// eslint-disable-next-line no-control-regex
const ANSI = /\u001b\[[0-9;]*m/g;
const plain = (s: string): string => s.replace(ANSI, '');

describe('table writer', () => {
  const python = pythonAppReport();
  const alpine = alpineReport();

  it.each<[string, ScanReport]>([
    ['python-app', python],
    ['alpine-layers', alpine],
    ['hostile', hostileReport(python)],
    ['every scanner', alpineFullReport(parts)],
  ])('%s: every line fits in 100 columns, with and without colour', (_n, report) => {
    for (const color of [false, true]) {
      for (const line of plain(writeTable(report, { color })).split('\n')) expect([...line].length, line).toBeLessThanOrEqual(100);
    }
  });

  it('colours only when asked, and colours severities', () => {
    expect(writeTable(alpine)).not.toMatch(ANSI);
    const coloured = writeTable(alpine, { color: true });
    expect(coloured).toContain('\u001b[1;31mCRITICAL');
    expect(plain(coloured)).toBe(writeTable(alpine));
  });

  it('groups by package with installed version, upgrade or "no fix", and origin', () => {
    const lines = writeTable(python).split('\n');
    expect(lines).toContain('coreutils 9.1-1 (no fix) · deb · base image');
    expect(lines.find((l) => l.startsWith('requests '))).toMatch(/^requests 2\.28\.1 → 2\.31\.0 · pypi · layer 1: RUN rm -f \/etc\/apt\/sources\.list/);
    expect(lines.find((l) => l.includes('CVE-2016-2781'))).toMatch(/^ {2}LOW +CVE-2016-2781 +no fix \(will-not-fix\) +chroot in GNU coreutils/);
    expect(lines.find((l) => l.includes('CVE-2023-45803'))).toMatch(/^ {2}UNKNOWN +CVE-2023-45803 +1\.26\.18 +urllib3 is a user-friendly/);
  });

  it('has a header with severity counts, DB age and the fix-advice sentence', () => {
    const head = writeTable(alpine).split('\n').slice(0, 4);
    expect(head[0]).toBe('Target: localhost/drydock-fixtures/alpine-layers:latest (Alpine Linux v3.20)');
    expect(head[1]).toBe('Findings: 54 in 6 package(s) — critical 2, high 22, medium 18, low 4, negligible 0, unknown 8');
    expect(head[2]).toMatch(/^DB built 2026-06-28T03:00:00Z \(3 days old\); feeds: alpine-secdb 2026-06-27, nvd 2026-06-28$/);
    expect(head[3]).toBe('Fix: upgrading these 6 packages removes 54 of 54 findings');
  });

  it('never lets terminal escape sequences or newlines from advisory data through', () => {
    const out = writeTable(hostileReport(python), { color: false });
    // eslint-disable-next-line no-control-regex
    expect(out).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f]/);
    expect(out.split('\n').find((l) => l.startsWith('evil|<b>pkg</b> "quoted"'))).toBeDefined();
  });

  it('says so when there is nothing to report, and mentions suppressed findings and unknowns', () => {
    const empty: ScanReport = { ...python, findings: [], fixAdvice: [], summary: { ...python.summary, findings: 0, fixable: 0, upgradePackages: 0, upgradeRemoves: 0 } };
    expect(writeTable(empty)).toContain('\nNo vulnerabilities found.\n');
    expect(writeTable(empty)).toContain('Fix: no findings');
    const withExtras: ScanReport = { ...python, suppressed: [{ finding: python.findings[0]!, by: 'vex', reason: 'r' }], unknowns: [{ source: 'apk', reason: 'x' }] };
    expect(writeTable(withExtras)).toContain('Suppressed: 1 (vex 1)');
    expect(writeTable(withExtras)).toContain('Not evaluated: 1 item(s)');
  });

  it('shows a section per scanner that ran, and only those', () => {
    const full = writeTable(alpineFullReport(parts));
    expect(full).toMatch(/\nSecrets\n {2}CRITICAL {3}aws-access-token {2}\/root\/deleted-later\.txt:1 {2}AKIA\*\*\*\*\n {13}layer 6: RUN echo 'deleted later' > \/root\/deleted-later\.txt\n {13}removed in layer 7 — still in the image\n/);
    expect(full).toContain('\nImage configuration\n  MEDIUM     CIS-DI-0001  Create a user for the container\n');
    expect(full).toContain('\nBase image\n  Base: Alpine Linux 3.20.3\n  Support: alpine 3.20: END OF LIFE since 2026-04-01\n');
    const noVuln = writeTable(alpineNoVulnReport(parts));
    expect(noVuln.split('\n').slice(1, 2)).toEqual(['Vulnerabilities: not scanned (--scanners)']);
    expect(noVuln).not.toMatch(/DB built|No vulnerabilities found|libcrypto3/);
    const vulnOnly = writeTable(alpine);
    expect(vulnOnly).not.toMatch(/\n(Secrets|Image configuration|Base image)\n/);
  });

  it('never lets terminal escape sequences through from secrets and check details either', () => {
    const out = writeTable(hostileReport(python));
    expect(out).toContain('  HIGH       evil<rule>|x  /opt/<img src=x onerror=alert(1)>|y/red .env:3  <b>|****'); // the colour sequence dropped
    // eslint-disable-next-line no-control-regex
    expect(out).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f]/);
  });

  it.each([
    ['/bin/sh -c #(nop) ADD file:f00e6eaa in / ', 'ADD file:f00e6eaa in /'],
    ['|1 ROOTFS=alpine-minirootfs-3.20.3-x86_64.tar.gz /bin/sh -c rm /etc/motd && rm -rf /etc/periodic', 'RUN rm /etc/motd && rm -rf /etc/periodic'],
    ['RUN /bin/sh -c apk add curl # buildkit', 'RUN /bin/sh -c apk add curl # buildkit'],
    ['COPY app /app # buildkit', 'COPY app /app # buildkit'],
  ])('readableCreatedBy(%j)', (raw, want) => {
    expect(readableCreatedBy(raw)).toBe(want);
  });
});
