/**
 * Markdown for a pull-request comment: a heading with the totals, then one table per file with
 * problems (line, level, rule linked to its docs, message), and one line naming the files without any.
 * Text from the Dockerfile is escaped (no HTML, no table breaks, no links). The comment stays within
 * GitHub's 65,536-character limit: rows that do not fit are left out and a note says how many.
 */
import { escapeMarkdown, oneLine } from '../../report/escape.js';
import type { LintFinding, LintReport } from '../rule.js';
import { findingsByFile, problemCount, ruleHelpUri, type LintFormatOptions } from './model.js';

/** GitHub's limit for an issue or pull-request comment body, in characters. */
export const GITHUB_COMMENT_LIMIT = 65_536;
const NOTE_RESERVE = 300;

/**
 * A message as table-cell Markdown: text between a pair of backticks (how rule messages quote code)
 * becomes a code span, with `|` escaped as GitHub tables need; everything else is escaped text.
 */
export function messageMarkdown(message: string): string {
  const parts = oneLine(message).split('`');
  if (parts.length % 2 === 0) return escapeMarkdown(message); // an unpaired backtick: all text
  // escapeMarkdown trims: keep the single spaces around code spans
  const text = (p: string): string => (p.trim() === '' ? p : `${p.startsWith(' ') ? ' ' : ''}${escapeMarkdown(p)}${p.endsWith(' ') ? ' ' : ''}`);
  return parts.map((p, i) => (i % 2 === 0 ? text(p) : p.trim() === '' ? '' : `\`${p.replace(/\|/g, '\\|')}\``)).join('');
}

function row(f: LintFinding, opts: LintFormatOptions): string {
  const uri = ruleHelpUri(f.code, opts);
  const rule = uri === undefined ? escapeMarkdown(f.code) : `[${escapeMarkdown(f.code)}](${uri})`;
  const fix = f.fixable ? ' _(fixable)_' : '';
  return `| ${f.line} | ${f.level} | ${rule} | ${messageMarkdown(f.message)}${fix} |`;
}

export function writeMarkdown(report: LintReport, opts: LintFormatOptions = {}): string {
  const groups = findingsByFile(report);
  const all = groups.flatMap((g) => g.findings);
  const withProblems = groups.filter((g) => g.findings.length > 0);
  const n = report.files.length;
  const out: string[] = ['## drydock lint', ''];
  out.push(
    all.length === 0
      ? `No problems found in ${n} Dockerfile${n === 1 ? '' : 's'}.`
      : `**${problemCount(all)}** in ${withProblems.length} of ${n} Dockerfile${n === 1 ? '' : 's'}.`,
  );
  let size = out.join('\n').length;
  let omitted = 0;
  for (const g of withProblems) {
    const head = ['', `### ${escapeMarkdown(g.file)}`, '', '| Line | Level | Rule | Message |', '| ---: | --- | --- | --- |'];
    const rows: string[] = [];
    for (const f of g.findings) {
      const r = row(f, opts);
      const extra = (rows.length === 0 ? head.join('\n').length + 1 : 0) + r.length + 1;
      if (omitted > 0 || size + extra > GITHUB_COMMENT_LIMIT - NOTE_RESERVE) {
        omitted++;
        continue;
      }
      if (rows.length === 0) out.push(...head);
      rows.push(r);
      out.push(r);
      size += extra;
    }
  }
  const clean = groups.filter((g) => g.findings.length === 0).map((g) => escapeMarkdown(g.file));
  if (clean.length > 0 && all.length > 0) {
    const list = `No problems in: ${clean.join(', ')}.`;
    out.push('', size + list.length < GITHUB_COMMENT_LIMIT - NOTE_RESERVE ? list : `No problems in ${clean.length} other files.`);
  }
  if (omitted > 0) out.push('', `_${omitted} more problem${omitted === 1 ? '' : 's'} not shown (comment size limit); see the full report._`);
  return `${out.join('\n')}\n`;
}
