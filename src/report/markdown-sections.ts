/**
 * The Markdown writer's parts for the secret and config scanners: the severity table with a column
 * per scanner that ran, the base-image summary, and tables of secrets and check findings. All
 * untrusted text is escaped (escapeMarkdown); cells are joined with `<br>` only after escaping.
 */
import { escapeMarkdown } from './escape.js';
import type { ScanReport } from './model.js';
import { baseLines, secretLayer, secretPlace, secretRemoved, shownDetails } from './sections.js';
import { layerLabel, SEVERITY_ORDER } from './wording.js';

/** Rows listed per table; the rest is counted in a note. */
const MAX_ROWS = 50;
const MAX_DETAILS = 10;

type Column = { title: string; count: (sev: (typeof SEVERITY_ORDER)[number]) => number; total: number };

/**
 * Counts by severity: `| Severity | Findings |` for a vulnerability scan alone, else a column per
 * scanner that ran (Vulnerabilities, Secrets, Image configuration).
 */
export function severityTable(report: ScanReport): string {
  const s = report.summary;
  const only = report.scanners.length === 1 && report.scanners[0] === 'vuln';
  const cols: Column[] = [];
  if (report.scanners.includes('vuln')) cols.push({ title: only ? 'Findings' : 'Vulnerabilities', count: (x) => s.bySeverity[x], total: s.findings });
  if (report.scanners.includes('secret')) cols.push({ title: 'Secrets', count: (x) => s.secrets.bySeverity[x], total: s.secrets.total });
  if (report.scanners.includes('config')) cols.push({ title: 'Image configuration', count: (x) => s.checks.bySeverity[x], total: s.checks.total });
  const head = `| Severity | ${cols.map((c) => c.title).join(' | ')} |`;
  const rule = `| --- |${cols.map(() => ' ---: |').join('')}`;
  const rows = SEVERITY_ORDER.map((sev) => `| ${sev} | ${cols.map((c) => c.count(sev)).join(' | ')} |`);
  const total = `| **total** | ${cols.map((c) => `**${c.total}**`).join(' | ')} |`;
  return [head, rule, ...rows, total].join('\n');
}

function more(n: number, what: string): string[] {
  return n > 0 ? ['', `_${n} more ${what} not shown; see the JSON report._`] : [];
}

export function baseImageMarkdown(report: ScanReport): string[] {
  const b = report.baseImage;
  if (b === undefined) return [];
  return ['### Base image', '', ...baseLines(b).map((l) => `- ${escapeMarkdown(l)}`), ''];
}

export function secretsMarkdown(report: ScanReport): string[] {
  if (!report.scanners.includes('secret')) return [];
  const out = [`### Secrets (${report.secrets.length})`, ''];
  if (report.secrets.length === 0) return [...out, 'No secrets found.', ''];
  out.push('| Severity | Rule | Where | Secret | Layer |', '| --- | --- | --- | --- | --- |');
  for (const s of report.secrets.slice(0, MAX_ROWS)) {
    const layer = [secretLayer(s, report, 80), secretRemoved(s)].filter((x): x is string => x !== undefined).map(escapeMarkdown).join('<br>');
    out.push(`| ${s.severity.toUpperCase()} | ${escapeMarkdown(s.ruleId)} | ${escapeMarkdown(secretPlace(s))} | ${escapeMarkdown(s.masked)} | ${layer} |`);
  }
  return [...out, ...more(report.secrets.length - MAX_ROWS, 'secret(s)'), ''];
}

export function checksMarkdown(report: ScanReport): string[] {
  if (!report.scanners.includes('config')) return [];
  const out = [`### Image configuration (${report.checks.length})`, ''];
  if (report.checks.length === 0) return [...out, 'No configuration check failed.', ''];
  out.push('| Severity | Check | Title | Details |', '| --- | --- | --- | --- |');
  for (const c of report.checks.slice(0, MAX_ROWS)) {
    const layer = layerLabel(c.layer, report, 80);
    const details = [...(layer === undefined ? [] : [layer]), ...shownDetails(c.details, MAX_DETAILS)].map(escapeMarkdown).join('<br>');
    out.push(`| ${c.severity.toUpperCase()} | ${escapeMarkdown(c.id)} | ${escapeMarkdown(c.title)} | ${details} |`);
  }
  return [...out, ...more(report.checks.length - MAX_ROWS, 'check finding(s)'), ''];
}
