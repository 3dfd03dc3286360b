/**
 * Terminal output, Hadolint's line format — `file:line CODE level: message` — which editors' problem
 * matchers already read, then one summary line. Colour (the level, and the code in bold) only when
 * the caller allows it. Text from the Dockerfile can never reach the terminal as control sequences.
 */
import { terminalSafe } from '../../report/escape.js';
import type { LintReport } from '../rule.js';
import { orderedFindings, problemCount, type LintFormatOptions, type ReportedLevel } from './model.js';

const COLOUR: Readonly<Record<ReportedLevel, string>> = { error: '31', warning: '33', info: '32', style: '36' };

function paint(text: string, sgr: string, on: boolean): string {
  return on ? `\u001b[${sgr}m${text}\u001b[0m` : text;
}

export function writeTty(report: LintReport, opts: LintFormatOptions = {}): string {
  const colour = opts.color === true;
  const findings = orderedFindings(report);
  const lines = findings.map(
    (f) => `${terminalSafe(f.file)}:${f.line} ${paint(f.code, '1', colour)} ${paint(f.level, COLOUR[f.level], colour)}: ${terminalSafe(f.message)}`,
  );
  const fileCount = new Set([...report.files, ...findings.map((f) => f.file)]).size;
  const files = `${fileCount} file${fileCount === 1 ? '' : 's'}`;
  if (findings.length === 0) return `No problems found in ${files}.\n`;
  const affected = new Set(findings.map((f) => f.file)).size;
  const where = affected === fileCount ? `in ${files}` : `in ${affected} of ${files}`;
  const fixable = findings.filter((f) => f.fixable).length;
  const fix = fixable > 0 ? `; ${fixable} fixable with --fix` : '';
  return `${lines.join('\n')}\n\n${problemCount(findings)} ${where}${fix}.\n`;
}
