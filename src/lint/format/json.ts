/**
 * Hadolint's JSON: one array of `{code, column, file, level, line, message}` objects — the keys in that
 * (alphabetical) order, as Hadolint's encoder writes them — on one line. `column` is where the
 * offending text starts (Hadolint always writes 1); everything else means what it means there, so
 * existing consumers keep working.
 */
import type { LintReport } from '../rule.js';
import { orderedFindings } from './model.js';

export function writeJson(report: LintReport): string {
  const items = orderedFindings(report).map((f) => ({
    code: f.code,
    column: f.column,
    file: f.file,
    level: f.level,
    line: f.line,
    message: f.message,
  }));
  return `${JSON.stringify(items)}\n`;
}
