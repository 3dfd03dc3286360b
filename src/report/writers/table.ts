import type { Severity } from '../../core/severity.js';
import type { Finding } from '../../matching/finding.js';
import { terminalSafe } from '../escape.js';
import { groupByPackage, upgradeTarget, type PackageGroup } from '../group.js';
import type { ScanReport } from '../model.js';
import type { WriteOptions } from '../options.js';
import { baseHeadline } from '../sections.js';
import { baseSection, checksSection, secretsSection, TABLE_WIDTH as WIDTH, type TableStyle as Style } from '../table-sections.js';
import { dbLine, fixSentence, originLabel, severityCounts, targetLabel, truncate } from '../wording.js';

const SEV_WIDTH = 11;

const SGR: Readonly<Record<Severity, string>> = {
  critical: '1;31',
  high: '31',
  medium: '33',
  low: '34',
  negligible: '2',
  unknown: '2',
};

function style(color: boolean): Style {
  const wrap = (code: string, t: string): string => (color ? `\u001b[${code}m${t}\u001b[0m` : t);
  return { sev: (s, t) => wrap(SGR[s], t), bold: (t) => wrap('1', t), dim: (t) => wrap('2', t) };
}

/**
 * The human-readable table: a header (target, counts by severity, DB age, the fix-advice sentence,
 * then one line per other scanner), then one block per package — name, installed version, the
 * upgrade that fixes it or "no fix", where it came from — with one line per finding; then the
 * secrets, image configuration and base image sections. Every line fits in 100 columns; colours only
 * when `opts.color` (the CLI decides from the TTY and NO_COLOR).
 */
export function writeTable(report: ScanReport, opts: WriteOptions = {}): string {
  const st = style(opts.color === true);
  const lines = [...header(report, st), ...vulnLines(report, st), ...secretsSection(report, st), ...checksSection(report, st), ...baseSection(report, st)];
  return `${lines.join('\n')}\n`;
}

function vulnLines(report: ScanReport, st: Style): string[] {
  if (!report.scanners.includes('vuln')) return [];
  const lines: string[] = [];
  const groups = groupByPackage(report);
  if (groups.length === 0) lines.push('', 'No vulnerabilities found.');
  const idWidth = Math.min(20, Math.max(8, ...report.findings.map((f) => [...terminalSafe(f.id)].length)));
  const fixWidth = Math.min(22, Math.max(6, ...report.findings.map((f) => [...fixCell(f)].length)));
  for (const g of groups) {
    lines.push('', groupLine(g, report, st));
    for (const f of g.findings) lines.push(findingLine(f, idWidth, fixWidth, st));
  }
  return lines;
}

function vulnHeader(report: ScanReport): string[] {
  if (!report.scanners.includes('vuln') || report.db === undefined) return ['Vulnerabilities: not scanned (--scanners)'];
  const s = report.summary;
  const packages = new Set(report.findings.map((f) => f.package.id)).size;
  const out = [fit(`Findings: ${s.findings} in ${packages} package(s) — ${severityCounts(s.bySeverity)}`), fit(dbLine(report.db)), fit(`Fix: ${fixSentence(s)}`)];
  if (report.baseLayers !== undefined && s.findings > 0) out.push(fit(`Origin: ${s.inherited} inherited from the base image, ${s.added} added by later layers`));
  return out;
}

function header(report: ScanReport, st: Style): string[] {
  const s = report.summary;
  const out = [st.bold(fit(`Target: ${targetLabel(report)}`)), ...vulnHeader(report)];
  if (report.scanners.includes('secret')) out.push(fit(`Secrets: ${s.secrets.total} — ${severityCounts(s.secrets.bySeverity)}`));
  if (report.scanners.includes('config')) out.push(fit(`Image configuration: ${s.checks.total} — ${severityCounts(s.checks.bySeverity)}`));
  if (report.baseImage) out.push(fit(`Base image: ${baseHeadline(report.baseImage)}`));
  const suppressed = [...report.suppressed, ...report.suppressedSecrets, ...report.suppressedChecks];
  if (suppressed.length > 0) {
    const by = new Map<string, number>();
    for (const x of suppressed) by.set(x.by, (by.get(x.by) ?? 0) + 1);
    const detail = [...by].map(([k, n]) => `${k} ${n}`).join(', ');
    out.push(fit(`Suppressed: ${suppressed.length} (${detail})`));
  }
  if (report.unknowns.length > 0) out.push(fit(`Not evaluated: ${report.unknowns.length} item(s); see the JSON report's "unknowns"`));
  return out;
}

function groupLine(g: PackageGroup, report: ScanReport, st: Style): string {
  const to = upgradeTarget(g);
  const fix = to !== undefined ? `→ ${to}` : g.findings.some((f) => f.fixedVersion !== undefined) ? '→ (several fixes)' : '(no fix)';
  const name = terminalSafe(g.pkg.name);
  const rest = [`${terminalSafe(g.pkg.version)} ${terminalSafe(fix)}`, g.pkg.type, originLabel(g.pkg, report, 70)]
    .filter((x): x is string => x !== undefined)
    .map(terminalSafe)
    .join(' · ');
  const plain = fit(`${name} ${rest}`);
  const cut = Math.min(plain.length, name.length);
  return st.bold(plain.slice(0, cut)) + plain.slice(cut);
}

function fixCell(f: Finding): string {
  return f.fixedVersion !== undefined ? terminalSafe(f.fixedVersion) : `no fix (${f.status})`;
}

function findingLine(f: Finding, idWidth: number, fixWidth: number, st: Style): string {
  const sev = f.severity.toUpperCase().padEnd(SEV_WIDTH);
  const id = pad(truncate(terminalSafe(f.id), idWidth), idWidth);
  const fix = pad(truncate(fixCell(f), fixWidth), fixWidth);
  const used = 2 + SEV_WIDTH + idWidth + 2 + fixWidth + 2;
  const title = `${f.kev ? '[KEV] ' : ''}${terminalSafe(f.summary ?? '')}`;
  const text = truncate(title, Math.max(0, WIDTH - used));
  const line = `  ${st.sev(f.severity, sev)}${id}  ${f.fixedVersion === undefined ? st.dim(fix) : fix}  ${text}`;
  return text === '' ? line.trimEnd() : line;
}

function pad(text: string, width: number): string {
  return text + ' '.repeat(Math.max(0, width - [...text].length));
}

function fit(text: string): string {
  return truncate(terminalSafe(text), WIDTH);
}
