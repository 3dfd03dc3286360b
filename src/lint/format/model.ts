/**
 * What every lint output format shares: options, one deterministic order of findings, grouping by
 * file, rule metadata lookup and documentation links.
 */
import { createHash } from 'node:crypto';
import type { LintFinding, LintLevel, LintReport, LintRule } from '../rule.js';

export interface LintFormatOptions {
  /** ANSI colours (tty only); the CLI decides from --no-color, NO_COLOR and whether stdout is a TTY. */
  readonly color?: boolean;
  /** drydock's version for formats that name the tool (SARIF); default: the package version. */
  readonly toolVersion?: string;
  /** Base URL of drydock's rule docs: a DD rule links to `<docsBaseUrl><CODE>`. Without it DD rules have no link. */
  readonly docsBaseUrl?: string;
}

export type ReportedLevel = LintFinding['level'];
export type RuleInfo = Pick<LintRule, 'code' | 'level' | 'message' | 'description'>;

/** Most severe first. */
export const REPORTED_LEVELS: readonly ReportedLevel[] = ['error', 'warning', 'info', 'style'];

/** Findings in one order whatever order they came in: by file (as listed in the report), line, column, code, message. */
export function orderedFindings(report: LintReport): LintFinding[] {
  const fileIndex = new Map(report.files.map((f, i) => [f, i]));
  const idx = (f: string): number => fileIndex.get(f) ?? report.files.length;
  const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
  return [...report.findings].sort(
    (a, b) =>
      idx(a.file) - idx(b.file) ||
      cmp(a.file, b.file) ||
      a.line - b.line ||
      a.column - b.column ||
      cmp(a.code, b.code) ||
      cmp(a.message, b.message),
  );
}

export interface FileFindings {
  readonly file: string;
  readonly findings: readonly LintFinding[];
}

/** Every file of the report (files without findings too), then any file only findings name; each with its findings in order. */
export function findingsByFile(report: LintReport): FileFindings[] {
  const byFile = new Map<string, LintFinding[]>(report.files.map((f) => [f, []]));
  for (const f of orderedFindings(report)) {
    const list = byFile.get(f.file);
    if (list) list.push(f);
    else byFile.set(f.file, [f]);
  }
  return [...byFile].map(([file, findings]) => ({ file, findings }));
}

/** `n problem(s)` with the count per level, e.g. `3 problems (1 error, 2 warnings)`. */
export function problemCount(findings: readonly LintFinding[]): string {
  const parts = REPORTED_LEVELS.map((l) => [l, findings.filter((f) => f.level === l).length] as const)
    .filter(([, n]) => n > 0)
    .map(([l, n]) => `${n} ${l}${n === 1 || l === 'info' || l === 'style' ? '' : 's'}`);
  const total = `${findings.length} problem${findings.length === 1 ? '' : 's'}`;
  return parts.length > 0 ? `${total} (${parts.join(', ')})` : total;
}

/** Where a rule is documented: Hadolint's wiki (DL), ShellCheck's wiki (SC), drydock's docs (DD, when configured). */
export function ruleHelpUri(code: string, opts: LintFormatOptions = {}): string | undefined {
  if (/^DL\d+$/.test(code)) return `https://github.com/hadolint/hadolint/wiki/${code}`;
  if (/^SC\d+$/.test(code)) return `https://github.com/koalaman/shellcheck/wiki/${code}`;
  if (/^DD\d+$/.test(code) && opts.docsBaseUrl !== undefined) return `${opts.docsBaseUrl}${code}`;
  return undefined;
}

/** Rule metadata by code: the report's rules, or (for codes it does not describe, e.g. ShellCheck's) one made from the first finding. */
export function rulesOf(report: LintReport, findings: readonly LintFinding[]): Map<string, RuleInfo> {
  const known = new Map(report.rules.map((r) => [r.code, r]));
  const out = new Map<string, RuleInfo>();
  for (const f of findings) {
    if (out.has(f.code)) continue;
    out.set(f.code, known.get(f.code) ?? { code: f.code, level: f.level as LintLevel, message: f.message });
  }
  return out;
}

/**
 * A fingerprint that follows a finding when lines move: file, code, message and which occurrence of
 * that triple it is — never the line number. Unique within one report (GitLab shows only the first
 * issue of a fingerprint).
 */
export function fingerprints(findings: readonly LintFinding[]): string[] {
  const seen = new Map<string, number>();
  return findings.map((f) => {
    const key = [f.file, f.code, f.message].join('\u0000');
    const n = seen.get(key) ?? 0;
    seen.set(key, n + 1);
    return createHash('sha256').update(`${key}\u0000${n}`).digest('hex').slice(0, 32);
  });
}

/** A file name as a URI reference: relative paths stay relative (`./` dropped), absolute ones become file: URIs. */
export function fileUri(file: string): string {
  const path = file.replace(/\\/g, '/');
  const encoded = path
    .split('/')
    .map((s) => encodeURIComponent(s))
    .join('/');
  if (path.startsWith('/')) return `file://${encoded}`;
  return encoded.replace(/^(\.\/)+/, '');
}

/** A relative path for reports that want one (GitLab, Code Climate): `./` dropped, separators made `/`. */
export function relativePath(file: string): string {
  return file.replace(/\\/g, '/').replace(/^(\.\/)+/, '');
}
