/**
 * Readers for the version vectors in ../shared/conformance/versions (see its README): TSV files with
 * `#` comment lines, a header row, and values backslash-escaped only when they hold \t, \n or \\.
 */
import { readFileSync } from 'node:fs';
import { REPO_ROOT } from '../helpers/fixtures.js';

export const VECTORS_DIR = `${REPO_ROOT}/../shared/conformance/versions`;

/** One row by column name, plus `line`: its 1-based line number in the file. */
export type Row = Readonly<Record<string, string>>;

function unescape(v: string): string {
  return v.replace(/\\([tn\\])/g, (_, c: string) => (c === 't' ? '\t' : c === 'n' ? '\n' : '\\'));
}

/** Rows of one vectors file, keyed by its header's column names. */
export function readVectors(file: string): Row[] {
  const lines = readFileSync(`${VECTORS_DIR}/${file}`, 'utf8').split('\n');
  let header: string[] | undefined;
  const rows: Row[] = [];
  lines.forEach((text, idx) => {
    if (text.startsWith('#') || (text === '' && idx === lines.length - 1)) return;
    const cells = text.split('\t').map(unescape);
    if (!header) {
      header = cells;
      return;
    }
    const row: Record<string, string> = { line: String(idx + 1) };
    header.forEach((h, i) => (row[h] = cells[i] ?? ''));
    rows.push(row);
  });
  return rows;
}

export function sign(n: number): -1 | 0 | 1 {
  return n < 0 ? -1 : n > 0 ? 1 : 0;
}
