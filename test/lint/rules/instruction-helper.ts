/** Test helpers for the instruction rules: findings as `line:col-line:col` spans, and fixes applied. */
import { applyEdits, findingsOf, lintText, type LintOptions } from './lint-helper.js';

/** Where each finding of `code` is, as `line:column-endLine:endColumn`. */
export async function spansOf(code: string, text: string, opts: LintOptions = {}): Promise<string[]> {
  return (await findingsOf(code, text, opts)).map((f) => `${f.line}:${f.column}-${f.endLine}:${f.endColumn}`);
}

/** The messages of the findings of `code`. */
export async function messagesOf(code: string, text: string, opts: LintOptions = {}): Promise<string[]> {
  return (await findingsOf(code, text, opts)).map((f) => f.message);
}

export interface FixResult {
  /** The text with every fix offered for the code applied. */
  readonly text: string;
  /** How many findings of the code offered a fix. */
  readonly fixable: number;
  /** How many findings of the code the fixed text still has. */
  readonly remaining: number;
}

/** Applies every fix offered for `code` (as `drydock lint --fix` does) and lints the result again. */
export async function applyFixes(code: string, text: string, opts: LintOptions = {}): Promise<FixResult> {
  const file = await lintText(text, opts);
  const edits = file.findings.flatMap((f, i) => (f.code === code ? [...(file.fixes[i] ?? [])] : []));
  const fixable = file.findings.filter((f) => f.code === code && f.fixable).length;
  const out = applyEdits(text, edits);
  return { text: out, fixable, remaining: (await findingsOf(code, out, opts)).length };
}
