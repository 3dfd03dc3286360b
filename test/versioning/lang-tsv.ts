/**
 * Readers for ../shared/conformance/versions (TSV files with `#` comment lines, a header row and
 * backslash escapes `\t` `\n` `\\`), used by the language version-scheme tests.
 */
import { readFileSync } from 'node:fs';
import { REPO_ROOT } from '../helpers/fixtures.js';

export const VERSIONS_DIR = `${REPO_ROOT}/../shared/conformance/versions`;

function unescape(field: string): string {
  return field.replace(/\\([tn\\])/g, (_, c: string) => (c === 't' ? '\t' : c === 'n' ? '\n' : '\\'));
}

/** The rows of a TSV as objects keyed by the header's column names. */
export function readTsv(name: string): Record<string, string>[] {
  const lines = readFileSync(`${VERSIONS_DIR}/${name}`, 'utf8').split('\n');
  const rows = lines.filter((l) => !l.startsWith('#') && l !== '');
  const [header, ...body] = rows;
  if (header === undefined) throw new Error(`${name}: no header`);
  const cols = header.split('\t');
  return body.map((line) => {
    const fields = line.split('\t').map(unescape);
    return Object.fromEntries(cols.map((c, i) => [c, fields[i] ?? '']));
  });
}

/** A column that must be present. */
export function col(row: Record<string, string>, name: string): string {
  const v = row[name];
  if (v === undefined) throw new Error(`no column ${name}`);
  return v;
}

export function readJson(name: string): unknown {
  return JSON.parse(readFileSync(`${VERSIONS_DIR}/${name}`, 'utf8')) as unknown;
}
