/**
 * Checkstyle XML (Jenkins warnings-ng, reviewdog, Bitbucket/Gerrit plugins): one <file> per linted
 * file — files without problems too, as Checkstyle itself writes them — with one <error> per finding:
 * line, column, severity, message, and the rule code as `source` (as Hadolint writes it). Checkstyle
 * knows the severities error, warning and info: `style` is written as `info`. Every attribute is
 * XML-escaped; characters XML cannot carry are replaced.
 */
import { escapeXml } from '../../report/escape.js';
import type { LintReport } from '../rule.js';
import { findingsByFile, type ReportedLevel } from './model.js';

const SEVERITY: Readonly<Record<ReportedLevel, string>> = { error: 'error', warning: 'warning', info: 'info', style: 'info' };

const attr = (name: string, value: string | number): string => `${name}="${escapeXml(String(value), true)}"`;

export function writeCheckstyle(report: LintReport): string {
  const out = ['<?xml version="1.0" encoding="UTF-8"?>', '<checkstyle version="4.3">'];
  for (const { file, findings } of findingsByFile(report)) {
    if (findings.length === 0) {
      out.push(`  <file ${attr('name', file)}/>`);
      continue;
    }
    out.push(`  <file ${attr('name', file)}>`);
    for (const f of findings) {
      const attrs = [attr('line', f.line), attr('column', f.column), attr('severity', SEVERITY[f.level]), attr('message', f.message), attr('source', f.code)];
      out.push(`    <error ${attrs.join(' ')}/>`);
    }
    out.push('  </file>');
  }
  out.push('</checkstyle>');
  return `${out.join('\n')}\n`;
}
