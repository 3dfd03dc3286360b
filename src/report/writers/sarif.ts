import { createHash } from 'node:crypto';
import { severityOfScore, severityRank } from '../../core/severity.js';
import type { Finding } from '../../matching/finding.js';
import { oneLine, safeUrl } from '../escape.js';
import type { ScanReport } from '../model.js';
import { ruleHelp } from '../sarif-help.js';
import { BAND_SCORE, checkResult, checkRules, SARIF_LEVEL, secretResult, secretRules } from '../sarif-sections.js';
import { originLabel, targetLabel, truncate } from '../wording.js';

const SCHEMA = 'https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json';
/** GitHub code scanning rejects runs with more results than this. */
export const MAX_RESULTS = 25_000;

const LEVEL = SARIF_LEVEL;

/**
 * GitHub's `security-severity`: the CVSS base score when its rating agrees with the finding's
 * effective severity; otherwise (a distro rated it differently, or there is no CVSS) a score inside
 * the band of the effective severity, so code scanning shows the severity the other reports show.
 */
export function securitySeverity(f: Finding): number | undefined {
  if (f.cvss && severityOfScore(f.cvss.score, f.cvss.version === '2.0') === f.severity) return f.cvss.score;
  return BAND_SCORE[f.severity];
}

/** The package's location as a relative URI reference (no leading slash, each segment percent-encoded). */
export function artifactUri(f: Finding): string {
  const segments = f.package.location.split('/').filter((s) => s !== '' && s !== '.' && s !== '..');
  return segments.length > 0 ? segments.map(encodeURIComponent).join('/') : encodeURIComponent(f.package.name || 'image');
}

function fingerprint(f: Finding): string {
  // Stable across upgrades of the package (no version): the alert follows the package, not the release.
  const key = [f.id, f.package.type, f.package.name, f.package.location].join('\u0000');
  return createHash('sha256').update(key).digest('hex').slice(0, 32);
}

interface Rule {
  id: string;
  findings: Finding[];
}

function rules(findings: readonly Finding[]): Rule[] {
  const byId = new Map<string, Rule>();
  for (const f of findings) {
    const r = byId.get(f.id);
    if (r) r.findings.push(f);
    else byId.set(f.id, { id: f.id, findings: [f] });
  }
  return [...byId.values()];
}

function ruleObject(r: Rule): object {
  const first = r.findings[0] as Finding;
  const scores = r.findings.map(securitySeverity).filter((s): s is number => s !== undefined);
  const worst = r.findings.reduce((a, f) => (severityRank(f.severity) > severityRank(a.severity) ? f : a), first);
  const summary = oneLine(first.summary ?? '');
  const properties: Record<string, unknown> = {
    tags: ['security', 'vulnerability', worst.severity],
    precision: 'very-high',
  };
  if (scores.length > 0) properties['security-severity'] = Math.max(...scores).toFixed(1);
  const rule: Record<string, unknown> = {
    id: r.id,
    shortDescription: { text: truncate(summary || `${r.id} in ${first.package.name}`, 200) },
    fullDescription: { text: first.summary?.trim() || `${r.id} affects ${first.package.name} ${first.package.version}.` },
    defaultConfiguration: { level: LEVEL[worst.severity] },
    help: ruleHelp(r.id, r.findings),
    properties,
  };
  const helpUri = first.references.map(safeUrl).find((u) => u !== undefined);
  if (helpUri !== undefined) rule['helpUri'] = helpUri;
  return rule;
}

function resultObject(f: Finding, ruleIndex: number, report: ScanReport): object {
  const fix = f.fixedVersion !== undefined ? `Fixed version: ${f.fixedVersion}.` : `No fixed version (${f.status}).`;
  const origin = originLabel(f.package, report, 200);
  const text = oneLine(
    `${f.package.name} ${f.package.version} (${f.package.type}) is affected by ${f.id}, severity ${f.severity}. ${fix}` +
      (origin === undefined ? '' : ` From ${origin}.`),
  );
  const properties: Record<string, unknown> = {
    packageName: f.package.name,
    packageType: f.package.type,
    installedVersion: f.package.version,
    purl: f.package.purl,
    status: f.status,
  };
  if (f.fixedVersion !== undefined) properties['fixedVersion'] = f.fixedVersion;
  if (f.package.layer !== undefined) properties['layer'] = f.package.layer.index;
  if (f.package.fromBaseImage !== undefined) properties['fromBaseImage'] = f.package.fromBaseImage;
  if (f.kev) properties['kev'] = true;
  const hash = fingerprint(f);
  return {
    ruleId: f.id,
    ruleIndex,
    level: LEVEL[f.severity],
    message: { text },
    locations: [
      {
        physicalLocation: { artifactLocation: { uri: artifactUri(f) }, region: { startLine: 1 } },
        message: { text: `${f.package.name}@${f.package.version}` },
      },
    ],
    partialFingerprints: { primaryLocationLineHash: `${hash}:1`, 'drydock/v1': hash },
    properties,
  };
}

/**
 * SARIF 2.1.0 for GitHub code scanning: one rule per advisory id (help text and Markdown, tags,
 * `security-severity` as a string), one result per finding located at the package's file (relative
 * URI), with partial fingerprints that survive package upgrades; secrets and image configuration
 * check findings as their own rules and results (sarif-sections.ts). At most 25,000 results
 * (GitHub's limit): secrets first, then check findings, then vulnerabilities by risk; the rest is
 * counted in the run's properties.
 */
export function writeSarif(report: ScanReport): string {
  const total = report.secrets.length + report.checks.length + report.findings.length;
  const secrets = report.secrets.slice(0, MAX_RESULTS);
  const checks = report.checks.slice(0, MAX_RESULTS - secrets.length);
  const kept = report.findings.slice(0, MAX_RESULTS - secrets.length - checks.length);
  const ruleList = [
    ...rules(kept).map((r) => ({ id: r.id, rule: ruleObject(r) })),
    ...secretRules(secrets),
    ...checkRules(checks),
  ];
  const index = new Map(ruleList.map((r, i) => [r.id, i]));
  const runProperties: Record<string, unknown> = {
    target: targetLabel(report),
    reference: report.source.reference,
    createdAt: report.createdAt,
    scanners: report.scanners,
  };
  if (report.db !== undefined) runProperties['dbBuiltAt'] = report.db.builtAt;
  if (report.source.digest !== undefined) runProperties['digest'] = report.source.digest;
  if (total > secrets.length + checks.length + kept.length) runProperties['omittedResults'] = total - secrets.length - checks.length - kept.length;
  const results = [
    ...secrets.map((x) => secretResult(x, index.get(x.ruleId) ?? 0, report)),
    ...checks.map((x) => checkResult(x, index.get(x.id) ?? 0, report)),
    ...kept.map((f) => resultObject(f, index.get(f.id) ?? 0, report)),
  ];
  const doc = {
    $schema: SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: report.tool.name,
            version: report.tool.version,
            ...(/^\d+\.\d+\.\d+/.test(report.tool.version) ? { semanticVersion: report.tool.version } : {}),
            rules: ruleList.map((r) => r.rule),
          },
        },
        results,
        columnKind: 'utf16CodeUnits',
        properties: runProperties,
      },
    ],
  };
  return `${JSON.stringify(doc, null, 2)}\n`;
}
