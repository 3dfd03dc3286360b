import { execFileSync } from 'node:child_process';
import { compare as pep440Compare } from '@renovatebot/pep440';
import type { BaseImageReport } from '../../../src/checks/base-image/types.js';
import type { CheckFinding } from '../../../src/checks/config/model.js';
import type { OsInfo, SourceInfo } from '../../../src/core/inventory.js';
import type { SecretFinding } from '../../../src/core/secret-finding.js';
import { SEVERITIES, severityRank, type Severity } from '../../../src/core/severity.js';
import type { Finding } from '../../../src/matching/finding.js';
import type { FixAdvice, ScanReport } from '../../../src/report/model.js';
import type { SeverityRating } from '../../../src/vulndb/model.js';

/** Fixed timestamps: goldens must not change from run to run. */
export const CREATED_AT = '2026-07-01T12:00:00Z';
export const DB_BUILT_AT = '2026-06-28T03:00:00Z';

/**
 * Version order for the test builder's fix advice, from tools independent of drydock's own version
 * code: PEP 440 via @renovatebot/pep440, everything else via GNU `sort -V` (enough for the apk/deb
 * versions used here, which differ only in numeric parts and -rN suffixes).
 */
function maxVersion(type: string, versions: string[]): string {
  if (type === 'pypi') return [...versions].sort(pep440Compare).at(-1) ?? '';
  const sorted = execFileSync('sort', ['-V'], { input: `${versions.join('\n')}\n`, encoding: 'utf8' }).trim().split('\n');
  return sorted.at(-1) ?? '';
}

/** The effective severity and best CVSS of a finding from its ratings (vendor first, then the highest CVSS). */
export function severityFrom(ratings: SeverityRating[], vendor?: { source: string; severity: Severity }): Pick<Finding, 'severity' | 'severitySource' | 'cvss'> {
  const scored = ratings.filter((r) => r.cvss).sort((a, b) => (b.cvss?.score ?? 0) - (a.cvss?.score ?? 0));
  const best = scored[0];
  const out: Pick<Finding, 'severity' | 'severitySource' | 'cvss'> = vendor
    ? { severity: vendor.severity, severitySource: vendor.source }
    : best
      ? { severity: best.severity, severitySource: best.source }
      : { severity: 'unknown', severitySource: 'none' };
  if (best?.cvss) out.cvss = { ...best.cvss, source: best.source };
  return out;
}

/** Risk order: KEV first, then severity, then CVSS score, then id and package id. */
export function byRisk(a: Finding, b: Finding): number {
  return (
    Number(b.kev !== undefined) - Number(a.kev !== undefined) ||
    severityRank(b.severity) - severityRank(a.severity) ||
    (b.cvss?.score ?? -1) - (a.cvss?.score ?? -1) ||
    (a.id < b.id ? -1 : a.id > b.id ? 1 : 0) ||
    (a.package.id < b.package.id ? -1 : a.package.id > b.package.id ? 1 : 0)
  );
}

export function fixAdviceOf(findings: Finding[]): FixAdvice[] {
  const byPkg = new Map<string, Finding[]>();
  for (const f of findings) byPkg.set(f.package.id, [...(byPkg.get(f.package.id) ?? []), f]);
  return [...byPkg.values()].map((list) => {
    const p = (list[0] as Finding).package;
    const fixed = list.map((f) => f.fixedVersion).filter((v): v is string => v !== undefined);
    const a: FixAdvice = { packageId: p.id, name: p.name, installedVersion: p.version, fixes: fixed.length, remaining: list.length - fixed.length };
    if (fixed.length === list.length) a.upgradeTo = maxVersion(p.type, fixed);
    return a;
  });
}

export interface ReportParts {
  source: SourceInfo;
  os: OsInfo;
  baseLayers: number;
  packages: number;
  findings: Finding[];
  /** Absent: the vuln scanner did not run (no DB). */
  feeds?: NonNullable<ScanReport['db']>['feeds'];
  secrets?: SecretFinding[];
  checks?: CheckFinding[];
  baseImage?: BaseImageReport;
}

/** Items counted by severity, as the report's summary does. */
export function counts(items: ReadonlyArray<{ severity: Severity }>): { total: number; bySeverity: Record<Severity, number> } {
  return { total: items.length, bySeverity: Object.fromEntries(SEVERITIES.map((s) => [s, items.filter((i) => i.severity === s).length])) as Record<Severity, number> };
}

/**
 * A report as drydock's scan would write it, counted independently of src/report: findings in risk
 * order with their origin (base image or added) from `package.fromBaseImage`, fix advice, summary
 * and the base image's known-vulnerability counts.
 */
export function assemble(parts: ReportParts): ScanReport {
  const findings = [...parts.findings]
    .sort(byRisk)
    .map((f): Finding => ({ ...f, origin: f.package.fromBaseImage === undefined ? 'unknown' : f.package.fromBaseImage ? 'base' : 'added' }));
  const fixAdvice = fixAdviceOf(findings);
  const bySeverity = counts(findings).bySeverity;
  const upgrading = fixAdvice.filter((a) => a.fixes > 0);
  const vuln = parts.feeds !== undefined;
  const scanners: ScanReport['scanners'] = [];
  if (vuln) scanners.push('vuln');
  if (parts.secrets) scanners.push('secret');
  if (parts.checks) scanners.push('config');
  const inherited = findings.filter((f) => f.origin === 'base').length;
  const added = findings.filter((f) => f.origin === 'added').length;
  let baseImage = parts.baseImage;
  if (baseImage && vuln) {
    const sev: Partial<Record<Severity, number>> = {};
    for (const s of SEVERITIES) if (bySeverity[s] > 0) sev[s] = bySeverity[s];
    baseImage = { ...baseImage, surface: { ...baseImage.surface, knownVulns: { total: findings.length, bySeverity: sev, fromBase: inherited, added } } };
  }
  const severityOrder = (a: SecretFinding, b: SecretFinding): number => severityRank(b.severity) - severityRank(a.severity);
  return {
    schema: 'drydock.scan/v1',
    tool: { name: 'drydock', version: '0.1.0' },
    createdAt: CREATED_AT,
    source: parts.source,
    os: parts.os,
    baseLayers: parts.baseLayers,
    scanners,
    ...(parts.feeds !== undefined ? { db: { path: '/var/cache/drydock/db/drydock.db', builtAt: DB_BUILT_AT, feeds: parts.feeds, ageDays: 3 } } : {}),
    findings,
    suppressed: [],
    unknowns: [],
    fixAdvice,
    secrets: [...(parts.secrets ?? [])].sort(severityOrder),
    suppressedSecrets: [],
    checks: parts.checks ?? [],
    suppressedChecks: [],
    ...(baseImage ? { baseImage } : {}),
    summary: {
      packages: parts.packages,
      findings: findings.length,
      bySeverity,
      fixable: findings.filter((f) => f.fixedVersion !== undefined).length,
      upgradePackages: upgrading.length,
      upgradeRemoves: upgrading.reduce((n, a) => n + a.fixes, 0),
      inherited,
      added,
      secrets: counts(parts.secrets ?? []),
      checks: counts(parts.checks ?? []),
    },
  };
}
