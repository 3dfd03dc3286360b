import type { Unknown } from '../../core/inventory.js';
import type { Severity } from '../../core/severity.js';
import type { Finding } from '../../matching/finding.js';
import { summarizeFindings } from '../../matching/scan-report.js';
import type { ScanReport, Suppressed } from '../model.js';
import { expiredRuleWarnings, firstSelectingRule } from './ignore-match.js';
import type { IgnoreFile, IgnoreRule } from './ignore-rule.js';
import { imageIdentity, vexVerdict, type VexVerdict } from './vex-match.js';
import { suppresses, type VexDocument } from './vex-model.js';

export { parseIgnoreFile } from './ignore-file.js';
export type { IgnoreFile, IgnoreRule } from './ignore-rule.js';
export { parseVex } from './vex.js';
export type { VexDocument } from './vex-model.js';

export interface FilterOptions {
  /** Keep only findings of these severities (absent or empty: all). */
  severities?: readonly Severity[];
  /** Drop findings without a fixed version (Trivy's `--ignore-unfixed`). */
  ignoreUnfixed?: boolean;
  /** A parsed `.drydockignore` / `.trivyignore` / `.trivyignore.yaml` (parseIgnoreFile). */
  ignoreFile?: IgnoreFile;
  /** Parsed VEX documents (parseVex), in the order given. */
  vex?: readonly VexDocument[];
  /** The time expiry dates are compared with. */
  now: Date;
}

type Decision = Omit<Suppressed, 'finding'>;

/**
 * Apply the filters in Trivy's order — severity, fix status, ignore file, VEX — to a report. Each
 * removed finding moves to `suppressed` with the filter and the reason (the first filter that
 * removes it); `fixAdvice` and `summary` are recomputed from the remaining findings by the matching
 * stage's own rules (matching/fix-advice.ts via summarizeFindings). Ignore-file and VEX
 * warnings (expired entries, unusable statements) are added to `unknowns`. Pure: returns a new report.
 */
export function applyFilters(report: ScanReport, opts: FilterOptions): ScanReport {
  const now = opts.now.getTime();
  const image = imageIdentity(report.source);
  const severities = opts.severities && opts.severities.length > 0 ? new Set(opts.severities) : undefined;
  const decide = (f: Finding): Decision | undefined => {
    if (severities && !severities.has(f.severity)) {
      return { by: 'severity', reason: `severity ${f.severity} is not one of ${[...severities].join(', ')}` };
    }
    if (opts.ignoreUnfixed === true && f.fixedVersion === undefined) return { by: 'unfixed', reason: `no fixed version (status ${f.status})` };
    const rule = opts.ignoreFile ? firstSelectingRule(opts.ignoreFile, f, now) : undefined;
    if (rule) return { by: 'ignorefile', reason: ruleReason(rule) };
    const verdict = opts.vex && opts.vex.length > 0 ? vexVerdict(opts.vex, f, image) : undefined;
    if (verdict && suppresses(verdict.statement.status)) return vexDecision(verdict);
    return undefined;
  };
  const findings: Finding[] = [];
  const suppressed: Suppressed[] = [...report.suppressed];
  const reachIgnore: Finding[] = [];
  for (const f of report.findings) {
    const d = decide(f);
    if (d === undefined || d.by === 'ignorefile' || d.by === 'vex') reachIgnore.push(f);
    if (d === undefined) findings.push(f);
    else suppressed.push({ finding: f, ...d });
  }
  const unknowns: Unknown[] = [...report.unknowns, ...warnings(opts, reachIgnore, now)];
  return { ...report, findings, suppressed, unknowns, ...summarizeFindings(findings, report.summary.packages) };
}

function ruleReason(rule: IgnoreRule): string {
  let reason = `${rule.where}: ${rule.id ?? 'entry'}`;
  if (rule.statement !== undefined && rule.statement !== '') reason += ` — ${rule.statement}`;
  if (rule.expires !== undefined) reason += ` (until ${rule.expires.text})`;
  return reason;
}

function vexDecision({ doc, statement }: VexVerdict): Decision {
  const where = doc.format === 'openvex' ? `statement ${statement.index}` : `vulnerabilities[${statement.index - 1}]`;
  let reason = `${doc.path} ${where}: ${statement.statusText}`;
  if (statement.justification !== undefined) reason += ` (${statement.justification})`;
  if (statement.detail !== undefined && statement.detail !== '') reason += ` — ${statement.detail}`;
  const vex: NonNullable<Suppressed['vex']> = { format: doc.format, status: statement.statusText };
  if (statement.justification !== undefined) vex.justification = statement.justification;
  return { by: 'vex', reason, vex };
}

function warnings(opts: FilterOptions, findings: readonly Finding[], now: number): Unknown[] {
  const out: Unknown[] = [];
  if (opts.ignoreFile) {
    for (const w of [...opts.ignoreFile.warnings, ...expiredRuleWarnings(opts.ignoreFile, findings, now)]) {
      out.push({ source: 'ignorefile', reason: w });
    }
  }
  for (const doc of opts.vex ?? []) for (const w of doc.warnings) out.push({ source: 'vex', reason: w });
  return out;
}
