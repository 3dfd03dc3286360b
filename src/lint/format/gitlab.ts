/**
 * GitLab Code Quality report (`artifacts: reports: codequality:`; docs.gitlab.com/ci/testing/code_quality):
 * a JSON array of {description, check_name, fingerprint, severity, location: {path, lines: {begin}}}.
 * Severity: error → blocker, warning → major, info → minor, style → info (as Hadolint maps them).
 * Fingerprints are unique per issue and do not change when lines move, so the merge-request widget
 * shows only what really changed. Paths are written as given (`./` dropped): run from the repository root.
 */
import { oneLine } from '../../report/escape.js';
import type { LintReport } from '../rule.js';
import { CODE_QUALITY_SEVERITY } from './codeclimate.js';
import { fingerprints, orderedFindings, relativePath } from './model.js';

export function writeGitlab(report: LintReport): string {
  const findings = orderedFindings(report);
  const prints = fingerprints(findings);
  const issues = findings.map((f, i) => ({
    description: `${f.code}: ${oneLine(f.message)}`,
    check_name: f.code,
    fingerprint: prints[i],
    severity: CODE_QUALITY_SEVERITY[f.level],
    location: { path: relativePath(f.file), lines: { begin: f.line } },
  }));
  return `${JSON.stringify(issues, null, 2)}\n`;
}
