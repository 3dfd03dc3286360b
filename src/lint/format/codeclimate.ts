/**
 * Code Climate engine issues (the analyzer spec: github.com/codeclimate/platform, spec/analyzers/SPEC.md):
 * one JSON issue object per finding, each followed by a NUL character, as an engine streams them.
 * Each issue has type, check_name, description, categories, location (path and begin/end positions,
 * 1-based columns), severity, fingerprint, and the rule's documentation as content when there is a link.
 * Severities follow Hadolint's GitLab mapping: error → blocker, warning → major, info → minor, style → info.
 */
import { oneLine } from '../../report/escape.js';
import type { LintFinding, LintReport } from '../rule.js';
import { fingerprints, orderedFindings, relativePath, ruleHelpUri, type LintFormatOptions, type ReportedLevel } from './model.js';

export const CODE_QUALITY_SEVERITY: Readonly<Record<ReportedLevel, string>> = { error: 'blocker', warning: 'major', info: 'minor', style: 'info' };

function category(f: LintFinding): string {
  if (f.code.startsWith('DD')) return 'Security';
  return f.level === 'style' ? 'Style' : 'Bug Risk';
}

export function writeCodeclimate(report: LintReport, opts: LintFormatOptions = {}): string {
  const findings = orderedFindings(report);
  const prints = fingerprints(findings);
  return findings
    .map((f, i) => {
      const end = f.endLine > f.line || (f.endLine === f.line && f.endColumn > f.column) ? { line: f.endLine, column: f.endColumn } : { line: f.line, column: f.column };
      const uri = ruleHelpUri(f.code, opts);
      const issue = {
        type: 'issue',
        check_name: f.code,
        description: oneLine(f.message) || f.code,
        ...(uri !== undefined ? { content: { body: `Documentation: [${f.code}](${uri})` } } : {}),
        categories: [category(f)],
        location: { path: relativePath(f.file), positions: { begin: { line: f.line, column: f.column }, end } },
        severity: CODE_QUALITY_SEVERITY[f.level],
        fingerprint: prints[i],
      };
      return `${JSON.stringify(issue)}\u0000`;
    })
    .join('');
}
