import type { Finding } from '../../matching/finding.js';
import { escapeHtml, escapeMarkdown, oneLine, safeUrl } from '../escape.js';
import { groupByPackage, upgradeTarget, type PackageGroup } from '../group.js';
import type { ScanReport } from '../model.js';
import { baseImageMarkdown, checksMarkdown, secretsMarkdown, severityTable } from '../markdown-sections.js';
import { markdownLink } from '../sarif-help.js';
import { dbLine, fixSentence, originLabel, SEVERITY_ORDER, targetLabel, truncate } from '../wording.js';

/** GitHub's limit for an issue or pull-request comment body, in characters. */
export const GITHUB_COMMENT_LIMIT = 65_536;
/** Room kept for the truncation note. */
const NOTE_RESERVE = 400;

function findingRow(f: Finding): string {
  const url = f.references.map(safeUrl).find((u) => u !== undefined);
  const id = url === undefined ? escapeMarkdown(f.id) : markdownLink(url, f.id);
  const fixed = f.fixedVersion !== undefined ? escapeMarkdown(f.fixedVersion) : `_no fix_ (${escapeMarkdown(f.status)})`;
  const cvss = f.cvss ? `${f.cvss.score.toFixed(1)}` : '';
  const title = `${f.kev ? '**KEV** ' : ''}${escapeMarkdown(truncate(oneLine(f.summary ?? ''), 160))}`;
  return `| ${f.severity.toUpperCase()} | ${id} | ${fixed} | ${cvss} | ${title} |`;
}

function packageSection(g: PackageGroup, report: ScanReport): string {
  const to = upgradeTarget(g);
  const counts = SEVERITY_ORDER.map((s) => [s, g.findings.filter((f) => f.severity === s).length] as const)
    .filter(([, n]) => n > 0)
    .map(([s, n]) => `${n} ${s}`)
    .join(', ');
  const origin = originLabel(g.pkg, report, 80);
  const head =
    `<b>${escapeHtml(oneLine(g.pkg.name))}</b> ${escapeHtml(oneLine(g.pkg.version))}` +
    (to !== undefined ? ` → ${escapeHtml(oneLine(to))}` : g.findings.some((f) => f.fixedVersion) ? ' → (several fixes)' : ' (no fix)') +
    ` · ${escapeHtml(g.pkg.type)}${origin === undefined ? '' : ` · ${escapeHtml(origin)}`} — ${g.findings.length} finding(s): ${counts}`;
  return [
    '<details>',
    `<summary>${head}</summary>`,
    '',
    '| Severity | ID | Fixed in | CVSS | Summary |',
    '| --- | --- | --- | ---: | --- |',
    ...g.findings.map(findingRow),
    '',
    '</details>',
    '',
  ].join('\n');
}

function vulnIntro(report: ScanReport): string[] {
  const s = report.summary;
  const table = ['', severityTable(report)];
  if (!report.scanners.includes('vuln') || report.db === undefined) return ['Vulnerabilities: not scanned.', ...table];
  const origin = report.baseLayers !== undefined && s.findings > 0 ? ` ${s.inherited} inherited from the base image, ${s.added} added.` : '';
  return [`**${s.findings} vulnerability finding(s)** — ${escapeMarkdown(fixSentence(s))}.${origin}`, ...table, '', `_${escapeMarkdown(dbLine(report.db))}_`];
}

/** `text` cut on a line boundary to fit the comment limit, with a note (only pathological reports need it). */
function fitted(text: string): string {
  if (text.length <= GITHUB_COMMENT_LIMIT - NOTE_RESERVE) return text;
  const cut = text.lastIndexOf('\n', GITHUB_COMMENT_LIMIT - NOTE_RESERVE);
  return `${text.slice(0, cut)}\n\n> **Truncated** (GitHub comment size limit). See the full report (\`--format json\` or \`html\`).\n`;
}

/**
 * Markdown for a pull-request comment: a summary table by severity (a column per scanner), the fix
 * advice and DB age, the base image, the secrets and configuration check findings, then one
 * collapsible section per package with a findings table. Untrusted text is escaped (pipes, Markdown
 * syntax, HTML). The whole comment stays within GitHub's 65,536-character limit: packages that do
 * not fit are left out and a note says how many.
 */
export function writeMarkdown(report: ScanReport): string {
  const intro = [`## drydock scan: ${escapeMarkdown(targetLabel(report))}`, '', ...vulnIntro(report)];
  const suppressed = report.suppressed.length + report.suppressedSecrets.length + report.suppressedChecks.length;
  if (suppressed > 0) intro.push('', `${suppressed} item(s) suppressed (ignore file, VEX or filters).`);
  if (report.unknowns.length > 0) intro.push('', `${report.unknowns.length} item(s) could not be evaluated; see the JSON report.`);
  intro.push('', ...baseImageMarkdown(report), ...secretsMarkdown(report), ...checksMarkdown(report));
  let out = fitted(`${intro.join('\n')}\n`);
  const groups = groupByPackage(report);
  let shown = 0;
  for (const g of groups) {
    const section = packageSection(g, report);
    if (out.length + section.length > GITHUB_COMMENT_LIMIT - NOTE_RESERVE) break;
    out += section;
    shown++;
  }
  if (shown < groups.length) {
    const rest = groups.slice(shown);
    const n = rest.reduce((k, g) => k + g.findings.length, 0);
    out += `> **Truncated:** ${rest.length} more package(s) with ${n} finding(s) are not shown (GitHub comment size limit). See the full report (\`--format json\` or \`html\`).\n`;
  }
  return out;
}
