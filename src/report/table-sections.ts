/**
 * The table writer's sections after the vulnerabilities: secrets (place, masked value, the layer that
 * holds the file and whether a later layer removed it), image configuration check findings (with
 * their details and layer) and the base-image summary. Every line fits in 100 columns: long text
 * wraps onto indented continuation lines.
 */
import type { Severity } from '../core/severity.js';
import { terminalSafe } from './escape.js';
import type { ScanReport } from './model.js';
import { baseLines, secretLayer, secretPlace, secretRemoved, shownDetails } from './sections.js';
import { layerLabel, truncate } from './wording.js';

export const TABLE_WIDTH = 100;
const SEV_WIDTH = 11;
const INDENT = ' '.repeat(2 + SEV_WIDTH);
/** Details listed per check finding in the table (the JSON report has them all). */
const MAX_DETAILS = 12;

export interface TableStyle {
  sev(s: Severity, text: string): string;
  bold(text: string): string;
  dim(text: string): string;
}

/** `text` cut into lines of at most `width` columns, at spaces where possible. */
export function wrap(text: string, width: number): string[] {
  const out: string[] = [];
  let rest = [...terminalSafe(text)];
  while (rest.length > width) {
    const head = rest.slice(0, width + 1);
    const space = head.lastIndexOf(' ');
    const cut = space > width / 3 ? space : width;
    out.push(rest.slice(0, cut).join('').trimEnd());
    rest = [...rest.slice(cut).join('').trimStart()];
  }
  if (rest.length > 0 || out.length === 0) out.push(rest.join(''));
  return out;
}

/** `text` wrapped below `indent`; continuation lines two columns further in. */
function indented(text: string, indent = INDENT): string[] {
  const first = wrap(text, TABLE_WIDTH - indent.length);
  const head = first[0] ?? '';
  const rest = first.length > 1 ? wrap(first.slice(1).join(' '), TABLE_WIDTH - indent.length - 2) : [];
  return [`${indent}${head}`, ...rest.map((l) => `${indent}  ${l}`)];
}

/** "  CRITICAL   aws-access-token  /root/.env:3  AKIA****": severity, id, then the rest, cut to the width. */
function headLine(severity: Severity, parts: readonly string[], st: TableStyle): string {
  const sev = severity.toUpperCase().padEnd(SEV_WIDTH);
  const text = truncate(parts.map(terminalSafe).join('  '), TABLE_WIDTH - 2 - SEV_WIDTH);
  return `  ${st.sev(severity, sev)}${text}`;
}

export function secretsSection(report: ScanReport, st: TableStyle): string[] {
  if (!report.scanners.includes('secret')) return [];
  const out = ['', st.bold('Secrets')];
  if (report.secrets.length === 0) out.push('  No secrets found.');
  for (const s of report.secrets) {
    out.push(headLine(s.severity, [s.ruleId, secretPlace(s), s.masked], st));
    const layer = secretLayer(s, report, TABLE_WIDTH - INDENT.length);
    if (layer !== undefined) out.push(...indented(layer));
    const removed = secretRemoved(s);
    if (removed !== undefined) out.push(...indented(removed));
  }
  return out;
}

export function checksSection(report: ScanReport, st: TableStyle): string[] {
  if (!report.scanners.includes('config')) return [];
  const out = ['', st.bold('Image configuration')];
  if (report.checks.length === 0) out.push('  No configuration check failed.');
  for (const c of report.checks) {
    out.push(headLine(c.severity, [c.id, c.title], st));
    const layer = layerLabel(c.layer, report, TABLE_WIDTH - INDENT.length);
    if (layer !== undefined) out.push(...indented(layer));
    for (const d of shownDetails(c.details, MAX_DETAILS)) out.push(...indented(`- ${d}`));
  }
  return out;
}

export function baseSection(report: ScanReport, st: TableStyle): string[] {
  const b = report.baseImage;
  if (b === undefined) return [];
  return ['', st.bold('Base image'), ...baseLines(b).flatMap((l) => indented(l, '  '))];
}
