/**
 * The HTML writer's sections for the secret and config scanners and the base image. Rows carry
 * `data-severity` and `data-search` like the vulnerability rows, so the page's severity filter and
 * search apply to them too. Every string is escaped by the writer's `t`/`h` functions passed in.
 */
import { severityRank } from '../core/severity.js';
import { oneLine } from './escape.js';
import type { ScanReport } from './model.js';
import { baseLines, secretLayer, secretPlace, secretRemoved } from './sections.js';
import { layerLabel } from './wording.js';

export interface HtmlText {
  /** Element text (escaped, long words broken). */
  t(text: string): string;
  /** Attribute or plain text (escaped). */
  h(text: string): string;
}

function section(title: string, body: string, x: HtmlText): string {
  return `<section class="pkg"><div class="head"><h2>${x.t(title)}</h2></div>${body}</section>`;
}

function rowAttrs(severity: ScanReport['checks'][number]['severity'], search: string, x: HtmlText): string {
  return `data-severity="${severity}" data-rank="${severityRank(severity)}" data-search="${x.h(oneLine(search.toLowerCase()))}"`;
}

const sev = (s: string): string => `<span class="sev sev-${s}">${s.toUpperCase()}</span>`;

export function baseImageHtml(report: ScanReport, x: HtmlText): string {
  const b = report.baseImage;
  if (b === undefined) return '';
  return section('Base image', `<ul>${baseLines(b).map((l) => `<li>${x.t(l)}</li>`).join('\n')}</ul>`, x);
}

export function secretsHtml(report: ScanReport, x: HtmlText): string {
  if (!report.scanners.includes('secret')) return '';
  const title = `Secrets (${report.secrets.length})`;
  if (report.secrets.length === 0) return section(title, '<p class="sub">No secrets found.</p>', x);
  const rows = report.secrets.map((s) => {
    const layer = [secretLayer(s, report, 160), secretRemoved(s)].filter((v): v is string => v !== undefined).map(x.t).join('<br>');
    return (
      `<tr ${rowAttrs(s.severity, `${s.ruleId} ${s.title} ${secretPlace(s)}`, x)}>` +
      `<td>${sev(s.severity)}</td><td class="id">${x.t(s.ruleId)}<br><small>${x.t(s.title)}</small></td>` +
      `<td class="text">${x.t(secretPlace(s))}</td><td>${x.t(s.masked)}</td><td class="text">${layer}</td></tr>`
    );
  });
  const head = '<table><thead><tr><th>Severity</th><th>Rule</th><th>Where</th><th>Secret</th><th>Layer</th></tr></thead>';
  return section(title, `${head}<tbody>${rows.join('\n')}</tbody></table>`, x);
}

export function checksHtml(report: ScanReport, x: HtmlText): string {
  if (!report.scanners.includes('config')) return '';
  const title = `Image configuration (${report.checks.length})`;
  if (report.checks.length === 0) return section(title, '<p class="sub">No configuration check failed.</p>', x);
  const rows = report.checks.map((c) => {
    const layer = layerLabel(c.layer, report, 160);
    const details = `<ul>${c.details.map((d) => `<li>${x.t(d)}</li>`).join('')}</ul>`;
    return (
      `<tr ${rowAttrs(c.severity, `${c.id} ${c.title} ${c.details.join(' ')}`, x)}>` +
      `<td>${sev(c.severity)}</td><td class="id">${x.t(c.id)}</td>` +
      `<td class="text">${x.t(c.title)}${layer === undefined ? '' : `<br><small>${x.t(layer)}</small>`}${details}</td></tr>`
    );
  });
  const head = '<table><thead><tr><th>Severity</th><th>Check</th><th>Finding</th></tr></thead>';
  return section(title, `${head}<tbody>${rows.join('\n')}</tbody></table>`, x);
}

/** Secrets and checks removed by the filters, with the reason. */
export function suppressedOtherRows(report: ScanReport, x: HtmlText): string[] {
  return [
    ...report.suppressedSecrets.map((s) => `<tr><td>${x.t(s.secret.ruleId)}</td><td>${x.t(secretPlace(s.secret))}</td><td>${x.h(s.by)}</td><td class="text">${x.t(s.reason)}</td></tr>`),
    ...report.suppressedChecks.map((s) => `<tr><td>${x.t(s.check.id)}</td><td>image configuration</td><td>${x.h(s.by)}</td><td class="text">${x.t(s.reason)}</td></tr>`),
  ];
}
