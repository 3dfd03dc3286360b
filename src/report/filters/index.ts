import type { CheckFinding } from '../../checks/config/model.js';
import type { Unknown } from '../../core/inventory.js';
import type { SecretFinding } from '../../core/secret-finding.js';
import type { Severity } from '../../core/severity.js';
import type { Finding } from '../../matching/finding.js';
import type { ScanReport, Suppressed, SuppressedCheck, SuppressedSecret } from '../model.js';
import { recount } from '../summary.js';
import { checkSubject, expiredRuleWarnings, firstSelectingRule, secretSubject, vulnSubject, type IgnoreSubject } from './ignore-match.js';
import type { IgnoreFile, IgnoreRule } from './ignore-rule.js';
import { imageIdentity, vexVerdict, type VexVerdict } from './vex-match.js';
import { suppresses, type VexDocument } from './vex-model.js';

export { parseIgnoreFile } from './ignore-file.js';
export type { IgnoreFile, IgnoreRule } from './ignore-rule.js';
export { parseVex } from './vex.js';
export type { VexDocument } from './vex-model.js';

export interface FilterOptions {
  /** Keep only findings, secrets and checks of these severities (absent or empty: all). */
  severities?: readonly Severity[];
  /** Drop vulnerability findings without a fixed version (Trivy's `--ignore-unfixed`). */
  ignoreUnfixed?: boolean;
  /** A parsed `.drydockignore` / `.trivyignore` / `.trivyignore.yaml` (parseIgnoreFile). */
  ignoreFile?: IgnoreFile;
  /** Parsed VEX documents (parseVex), in the order given: they apply to vulnerability findings. */
  vex?: readonly VexDocument[];
  /** The time expiry dates are compared with. */
  now: Date;
}

type Decision = Omit<Suppressed, 'finding'>;
type PlainDecision = { by: 'severity' | 'ignorefile'; reason: string };

/** Removes what `--severity` and the ignore file remove from one list (secrets or checks). */
function filterList<T extends { severity: Severity }>(
  items: readonly T[],
  subject: (item: T) => IgnoreSubject,
  opts: FilterOptions,
  severities: ReadonlySet<Severity> | undefined,
): { kept: T[]; removed: Array<{ item: T; decision: PlainDecision }> } {
  const now = opts.now.getTime();
  const kept: T[] = [];
  const removed: Array<{ item: T; decision: PlainDecision }> = [];
  for (const item of items) {
    let decision: PlainDecision | undefined;
    if (severities && !severities.has(item.severity)) decision = { by: 'severity', reason: severityReason(item.severity, severities) };
    const rule = decision === undefined && opts.ignoreFile ? firstSelectingRule(opts.ignoreFile, subject(item), now) : undefined;
    if (rule) decision = { by: 'ignorefile', reason: ruleReason(rule) };
    if (decision === undefined) kept.push(item);
    else removed.push({ item, decision });
  }
  return { kept, removed };
}

function severityReason(s: Severity, severities: ReadonlySet<Severity>): string {
  return `severity ${s} is not one of ${[...severities].join(', ')}`;
}

/**
 * Apply the filters in Trivy's order — severity, fix status, ignore file, VEX — to a report. Each
 * removed finding moves to `suppressed` with the filter and the reason (the first filter that
 * removes it); secrets and check findings go through `--severity` and the ignore file the same way
 * (to `suppressedSecrets` / `suppressedChecks`). `fixAdvice`, `summary` and the base image's
 * known-vulnerability counts are recomputed from what remains (report/summary.ts, with matching's
 * own fix-advice rules). Ignore-file and VEX warnings (expired entries, unusable statements) are
 * added to `unknowns`. Pure: returns a new report.
 */
export function applyFilters(report: ScanReport, opts: FilterOptions): ScanReport {
  const now = opts.now.getTime();
  const image = imageIdentity(report.source);
  const severities = opts.severities && opts.severities.length > 0 ? new Set(opts.severities) : undefined;
  const decide = (f: Finding): Decision | undefined => {
    if (severities && !severities.has(f.severity)) return { by: 'severity', reason: severityReason(f.severity, severities) };
    if (opts.ignoreUnfixed === true && f.fixedVersion === undefined) return { by: 'unfixed', reason: `no fixed version (status ${f.status})` };
    const rule = opts.ignoreFile ? firstSelectingRule(opts.ignoreFile, vulnSubject(f), now) : undefined;
    if (rule) return { by: 'ignorefile', reason: ruleReason(rule) };
    const verdict = opts.vex && opts.vex.length > 0 ? vexVerdict(opts.vex, f, image) : undefined;
    if (verdict && suppresses(verdict.statement.status)) return vexDecision(verdict);
    return undefined;
  };
  const findings: Finding[] = [];
  const suppressed: Suppressed[] = [...report.suppressed];
  const reachIgnore: IgnoreSubject[] = [];
  for (const f of report.findings) {
    const d = decide(f);
    if (d === undefined || d.by === 'ignorefile' || d.by === 'vex') reachIgnore.push(vulnSubject(f));
    if (d === undefined) findings.push(f);
    else suppressed.push({ finding: f, ...d });
  }
  const secrets = filterList<SecretFinding>(report.secrets, secretSubject, opts, severities);
  const checks = filterList<CheckFinding>(report.checks, checkSubject, opts, severities);
  for (const x of [...secrets.kept, ...secrets.removed.filter((r) => r.decision.by === 'ignorefile').map((r) => r.item)]) reachIgnore.push(secretSubject(x));
  for (const x of [...checks.kept, ...checks.removed.filter((r) => r.decision.by === 'ignorefile').map((r) => r.item)]) reachIgnore.push(checkSubject(x));
  const filtered = {
    ...report,
    findings,
    suppressed,
    unknowns: [...report.unknowns, ...warnings(opts, reachIgnore, now)],
    secrets: secrets.kept,
    suppressedSecrets: [...report.suppressedSecrets, ...secrets.removed.map((r): SuppressedSecret => ({ secret: r.item, ...r.decision }))],
    checks: checks.kept,
    suppressedChecks: [...report.suppressedChecks, ...checks.removed.map((r): SuppressedCheck => ({ check: r.item, ...r.decision }))],
  };
  return recount(filtered, report.summary.packages, report.scanners.includes('vuln'));
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

function warnings(opts: FilterOptions, subjects: readonly IgnoreSubject[], now: number): Unknown[] {
  const out: Unknown[] = [];
  if (opts.ignoreFile) {
    for (const w of [...opts.ignoreFile.warnings, ...expiredRuleWarnings(opts.ignoreFile, subjects, now)]) {
      out.push({ source: 'ignorefile', reason: w });
    }
  }
  for (const doc of opts.vex ?? []) for (const w of doc.warnings) out.push({ source: 'vex', reason: w });
  return out;
}
