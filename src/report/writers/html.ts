import { createHash } from 'node:crypto';
import { severityRank } from '../../core/severity.js';
import type { Finding } from '../../matching/finding.js';
import { escapeHtml as h, oneLine, safeUrl } from '../escape.js';
import { groupByPackage, upgradeTarget, type PackageGroup } from '../group.js';
import { HTML_CSS, HTML_JS } from '../html-assets.js';
import { baseImageHtml, checksHtml, secretsHtml, suppressedOtherRows, type HtmlText } from '../html-sections.js';
import type { ScanReport } from '../model.js';
import { baseHeadline } from '../sections.js';
import { dbLine, fixSentence, originLabel, severityCounts, SEVERITY_ORDER, targetLabel } from '../wording.js';

const sha256 = (text: string): string => createHash('sha256').update(text, 'utf8').digest('base64');

/** Only the inline style and script of this document may run; nothing may be fetched. */
const CSP = [
  "default-src 'none'",
  `style-src 'sha256-${sha256(HTML_CSS)}'`,
  `script-src 'sha256-${sha256(HTML_JS)}'`,
  "img-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');

/**
 * Escaped element text with a line-break opportunity (`<wbr>`) every 100 characters of any run of
 * more than 200 non-space characters. An unbroken run can take a browser seconds to lay out in a
 * table cell (superlinear in its length: 200,000 × "A" took Chromium ~10 s); cut up like this, well
 * under a second. The text itself (what a reader sees, copies or finds) is unchanged.
 */
function t(text: string): string {
  return text
    .split(/(\S{201,})/u)
    .map((part, i) => (i % 2 === 0 ? h(part) : (part.match(/[\s\S]{1,100}/gu) ?? []).map(h).join('<wbr>')))
    .join('');
}

function link(url: string, text: string): string {
  return `<a href="${h(url)}" rel="noopener noreferrer nofollow">${t(text)}</a>`;
}

function references(f: Finding): string {
  const urls = [...new Set(f.references.map(safeUrl).filter((u): u is string => u !== undefined))];
  if (urls.length === 0) return '';
  return `<details class="refs"><summary>${urls.length} reference(s)</summary><ul>${urls.map((u) => `<li>${link(u, u)}</li>`).join('')}</ul></details>`;
}

function row(f: Finding): string {
  const first = f.references.map(safeUrl).find((u) => u !== undefined);
  const search = [f.id, ...f.aliases, f.package.name, f.package.version, f.fixedVersion ?? '', f.summary ?? ''].join(' ').toLowerCase();
  const cvss = f.cvss ? `${f.cvss.score.toFixed(1)} <small>(CVSS ${h(f.cvss.version)})</small>` : '';
  const fixed = f.fixedVersion !== undefined ? t(f.fixedVersion) : `<em>no fix</em> (${h(f.status)})`;
  const aliases = f.aliases.filter((a) => a !== f.id);
  const attrs = [
    `data-severity="${f.severity}"`,
    `data-rank="${severityRank(f.severity)}"`,
    `data-id="${h(f.id)}"`,
    `data-fixed="${h(f.fixedVersion ?? '')}"`,
    `data-cvss="${f.cvss?.score ?? -1}"`,
    `data-search="${h(oneLine(search))}"`,
  ].join(' ');
  return (
    `<tr ${attrs}>` +
    `<td><span class="sev sev-${f.severity}">${f.severity.toUpperCase()}</span></td>` +
    `<td class="id">${first === undefined ? t(f.id) : link(first, f.id)}${aliases.length > 0 ? `<br><small>${t(aliases.join(', '))}</small>` : ''}</td>` +
    `<td>${fixed}</td><td>${cvss}</td>` +
    `<td class="text">${f.kev ? '<span class="kev">Known exploited (KEV)</span> ' : ''}${t(f.summary ?? '')}${references(f)}</td>` +
    '</tr>'
  );
}

function packageSection(g: PackageGroup, report: ScanReport): string {
  const to = upgradeTarget(g);
  const fix = to !== undefined ? `upgrade to ${t(to)}` : g.findings.some((f) => f.fixedVersion) ? 'several fixed versions' : 'no fix available';
  const origin = originLabel(g.pkg, report, 160);
  const sub = [g.pkg.type, origin, g.pkg.location, g.pkg.purl].filter((x): x is string => x !== undefined && x !== '').map(t).join(' · ');
  return [
    `<section class="pkg" data-package="${h(g.pkg.id)}">`,
    `<div class="head"><h2>${t(g.pkg.name)} ${t(g.pkg.version)} <span class="sub">— ${fix}, ${g.findings.length} finding(s)</span></h2>`,
    `<div class="sub">${sub}</div></div>`,
    '<table><thead><tr><th data-sort="rank">Severity</th><th data-sort="id">ID</th><th data-sort="fixed">Fixed in</th><th data-sort="cvss">CVSS</th><th>Summary</th></tr></thead>',
    `<tbody>${g.findings.map(row).join('\n')}</tbody></table>`,
    '</section>',
  ].join('\n');
}

const TEXT: HtmlText = { t, h };

function vulnSummary(report: ScanReport): string[] {
  const s = report.summary;
  if (!report.scanners.includes('vuln') || report.db === undefined) return ['<p class="meta">Vulnerabilities: not scanned.</p>'];
  const cards = SEVERITY_ORDER.map((sev) => `<div class="card"><span class="sev sev-${sev}">${sev.toUpperCase()}</span><b>${s.bySeverity[sev]}</b></div>`);
  const origin = report.baseLayers !== undefined && s.findings > 0 ? ` ${s.inherited} inherited from the base image, ${s.added} added by later layers.` : '';
  return [
    `<div class="cards"><div class="card">Findings<b>${s.findings}</b></div>${cards.join('')}</div>`,
    `<p class="fix">Fix advice: ${h(fixSentence(s))}.${h(origin)}</p>`,
    `<p class="meta">${h(dbLine(report.db))}</p>`,
  ];
}

function summarySection(report: ScanReport): string {
  const s = report.summary;
  const out = vulnSummary(report);
  if (report.scanners.includes('secret')) out.push(`<p class="meta">Secrets: ${s.secrets.total} — ${h(severityCounts(s.secrets.bySeverity))}</p>`);
  if (report.scanners.includes('config')) out.push(`<p class="meta">Image configuration: ${s.checks.total} — ${h(severityCounts(s.checks.bySeverity))}</p>`);
  if (report.baseImage) out.push(`<p class="meta">Base image: ${t(baseHeadline(report.baseImage))}</p>`);
  return out.join('\n');
}

function controls(): string {
  const boxes = SEVERITY_ORDER.map((s) => `<label><input type="checkbox" value="${s}" checked> ${s}</label>`).join(' ');
  return `<div class="controls" id="controls" hidden><input type="search" id="search" placeholder="Search id, package, text…" aria-label="Search">${boxes}<span><b id="shown"></b> shown</span></div>`;
}

function suppressedSection(report: ScanReport): string {
  const rows = [
    ...report.suppressed.map(
      (s) => `<tr><td>${t(s.finding.id)}</td><td>${t(s.finding.package.name)} ${t(s.finding.package.version)}</td><td>${h(s.by)}</td><td class="text">${t(s.reason)}</td></tr>`,
    ),
    ...suppressedOtherRows(report, TEXT),
  ];
  if (rows.length === 0) return '';
  return `<section class="pkg"><div class="head"><h2>Suppressed (${rows.length})</h2></div><table><thead><tr><th>ID</th><th>Package or place</th><th>By</th><th>Reason</th></tr></thead><tbody>${rows.join('\n')}</tbody></table></section>`;
}

function unknownsSection(report: ScanReport): string {
  if (report.unknowns.length === 0) return '';
  const items = report.unknowns.map((u) => `<li>${t(u.source)}${u.path === undefined ? '' : ` ${t(u.path)}`}: ${t(u.reason)}</li>`);
  return `<section class="pkg"><div class="head"><h2>Not evaluated (${report.unknowns.length})</h2></div><ul>${items.join('\n')}</ul></section>`;
}

function vulnSections(report: ScanReport): string {
  if (!report.scanners.includes('vuln')) return '';
  const groups = groupByPackage(report);
  return groups.length === 0 ? '<p>No vulnerabilities found.</p>' : groups.map((g) => packageSection(g, report)).join('\n');
}

/**
 * One self-contained HTML page — summary, base image, secrets, image configuration, then the
 * vulnerabilities by package, suppressed items and what could not be evaluated — with inline CSS
 * and a small inline script (severity filter, search, sorting), nothing fetched from anywhere (a Content-Security-Policy forbids it), all content in the
 * HTML so it reads fine with scripts off. Every string from the report is escaped; reference links
 * are http(s) only.
 */
export function writeHtml(report: ScanReport): string {
  const title = `drydock scan: ${targetLabel(report)}`;
  return [
    '<!DOCTYPE html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="${h(CSP)}">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    '<meta name="referrer" content="no-referrer">',
    `<title>${h(title)}</title>`,
    `<style>${HTML_CSS}</style>`,
    '</head>',
    '<body>',
    `<header><h1>${t(title)}</h1><p class="meta">Scanned ${h(report.createdAt)} by ${h(report.tool.name)} ${h(report.tool.version)}${report.source.digest === undefined ? '' : ` · ${h(report.source.digest)}`}</p>`,
    summarySection(report),
    '</header>',
    controls(),
    '<main>',
    ...[baseImageHtml(report, TEXT), secretsHtml(report, TEXT), checksHtml(report, TEXT)].filter((x) => x !== ''),
    vulnSections(report),
    suppressedSection(report),
    unknownsSection(report),
    '</main>',
    `<footer>${h(report.schema)} · ${t(report.source.reference)}</footer>`,
    `<script>${HTML_JS}</script>`,
    '</body>',
    '</html>',
    '',
  ].join('\n');
}
