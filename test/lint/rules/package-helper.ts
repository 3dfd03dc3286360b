/**
 * Helpers for the package-manager rule tests: where a piece of text sits in a Dockerfile (so expected
 * positions are derived from the test's own text, not from drydock's output), and `--fix` results.
 */
import { applyFixes } from '../../../src/lint/fix.js';
import type { LintFinding } from '../../../src/lint/rule.js';
import { applyEdits, findingsOf, lintText } from './lint-helper.js';

export interface Where {
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

/** The span of the `nth` (1-based) occurrence of `needle` in `text`, as 1-based line/column. */
export function spanOf(text: string, needle: string, nth = 1): Where {
  let at = -1;
  for (let i = 0; i < nth; i++) {
    at = text.indexOf(needle, at + 1);
    if (at < 0) throw new Error(`"${needle}" (#${nth}) is not in the test text`);
  }
  const pos = (offset: number): [number, number] => {
    const before = text.slice(0, offset);
    const line = before.split('\n').length;
    return [line, offset - before.lastIndexOf('\n')];
  };
  const [line, column] = pos(at);
  const [endLine, endColumn] = pos(at + needle.length);
  return { line, column, endLine, endColumn };
}

/** Where each finding is. */
export function whereOf(findings: readonly LintFinding[]): Where[] {
  return findings.map((f) => ({ line: f.line, column: f.column, endLine: f.endLine, endColumn: f.endColumn }));
}

/** The findings of `code`, as spans. */
export async function spansOf(code: string, text: string): Promise<Where[]> {
  return whereOf(await findingsOf(code, text));
}

/** The text after applying every fix `code` offers (all at once, like lint-helper's applyEdits). */
export async function fixedBy(code: string, text: string): Promise<string> {
  const file = await lintText(text);
  const edits = file.findings.flatMap((f, i) => (f.code === code ? [...(file.fixes[i] ?? [])] : []));
  return applyEdits(text, edits);
}

/** How many findings of `code` offer a fix. */
export async function fixableCount(code: string, text: string): Promise<number> {
  return (await findingsOf(code, text)).filter((f) => f.fixable).length;
}

/** `drydock lint --fix`'s loop: apply all fixes pass by pass until none apply (at most 5 passes). */
export async function fixedAll(text: string): Promise<string> {
  let out = text;
  for (let pass = 0; pass < 5; pass++) {
    const file = await lintText(out);
    const r = applyFixes(out, file.fixes);
    if (r.applied === 0) break;
    out = r.text;
  }
  return out;
}
