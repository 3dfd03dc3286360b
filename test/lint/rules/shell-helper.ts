/**
 * Helpers for the shell-usage and RPM-family rule tests: where a piece of the test's own text sits
 * (expected positions never come from drydock's output), fixes applied, and Hadolint's level/message
 * for a code read from the conformance data.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from '../../helpers/fixtures.js';
import { applyEdits, findingsOf, lintText, type LintOptions } from './lint-helper.js';

export interface Where {
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

/** 1-based line/column of the `nth` (1-based) occurrence of `needle` in `text`, end exclusive. */
export function at(text: string, needle: string, nth = 1): Where {
  let offset = -1;
  for (let i = 0; i < nth; i++) {
    offset = text.indexOf(needle, offset + 1);
    if (offset < 0) throw new Error(`"${needle}" (#${nth}) is not in the test text`);
  }
  const pos = (o: number): [number, number] => {
    const before = text.slice(0, o);
    return [before.split('\n').length, o - before.lastIndexOf('\n')];
  };
  const [line, column] = pos(offset);
  const [endLine, endColumn] = pos(offset + needle.length);
  return { line, column, endLine, endColumn };
}

/** Where the findings of `code` are. */
export async function where(code: string, text: string, opts?: LintOptions): Promise<Where[]> {
  return (await findingsOf(code, text, opts)).map((f) => ({ line: f.line, column: f.column, endLine: f.endLine, endColumn: f.endColumn }));
}

/** The text after every fix of `code`'s findings, and how many findings had none. */
export async function fixed(code: string, text: string): Promise<{ text: string; unfixable: number }> {
  const file = await lintText(text);
  let unfixable = 0;
  const edits = file.findings.flatMap((f, i) => {
    if (f.code !== code) return [];
    const fix = file.fixes[i];
    if (fix === undefined || fix.length === 0) unfixable++;
    return [...(fix ?? [])];
  });
  return { text: applyEdits(text, edits), unfixable };
}

interface HadolintRule {
  code: string;
  sourceSeverity: string;
  sourceMessage: string;
}

let rules: HadolintRule[] | undefined;

/** Hadolint's own level and message of a rule (../shared/conformance/hadolint-rules.json). */
export function hadolint(code: string): { level: string; message: string } {
  rules ??= (JSON.parse(readFileSync(join(REPO_ROOT, '..', 'shared', 'conformance', 'hadolint-rules.json'), 'utf8')) as { rules: HadolintRule[] }).rules;
  const r = rules.find((x) => x.code === code);
  if (r === undefined) throw new Error(`${code} is not in hadolint-rules.json`);
  return { level: r.sourceSeverity, message: r.sourceMessage };
}
