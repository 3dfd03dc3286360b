import { AppError } from '../../core/errors.js';
import { compileGlob } from './glob.js';
import { parsePurl, type PurlParts } from './purl-match.js';

/** The kind of finding a rule of a `.trivyignore.yaml` section applies to. */
export type IgnoreScope = 'vulnerability' | 'secret' | 'misconfiguration';

/** One entry of an ignore file. An entry without `id` ignores every finding its paths/purls select. */
export interface IgnoreRule {
  id?: string;
  /** The YAML section the entry is in; absent (line format): every kind of finding. */
  scope?: IgnoreScope;
  /** Globs over the package's location or the secret's file (see glob.ts); empty = any path. */
  paths: string[];
  pathRes: RegExp[];
  /** Package URL constraints (see purl-match.ts); empty = any package. */
  purls: string[];
  purlParts: PurlParts[];
  /** The expiry as written (`2024-08-20`), and as epoch milliseconds (UTC midnight for a date). */
  expires?: { text: string; at: number };
  statement?: string;
  /** `FILE:LINE`, for reasons and warnings. */
  where: string;
}

/** A parsed `.drydockignore` / `.trivyignore` / `.trivyignore.yaml`. */
export interface IgnoreFile {
  path: string;
  format: 'ignore-list' | 'ignore-yaml';
  rules: IgnoreRule[];
  /** Problems that did not stop the parse (unknown keys); they reach the user as report unknowns. */
  warnings: string[];
}

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** `YYYY-MM-DD` (UTC midnight, as Trivy reads it) or a full RFC 3339 timestamp. */
export function parseExpiry(text: string, where: string): { text: string; at: number } {
  const m = DATE_RE.exec(text);
  if (m) {
    const at = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
    const d = new Date(at);
    if (d.getUTCMonth() === Number(m[2]) - 1 && d.getUTCDate() === Number(m[3])) return { text, at };
  } else if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(text)) {
    const at = Date.parse(text);
    if (!Number.isNaN(at)) return { text, at };
  }
  throw new AppError('INPUT', `${where}: expiry date "${text}" is not a valid date (YYYY-MM-DD)`);
}

export function compilePaths(paths: string[], where: string): RegExp[] {
  return paths.map((p) => {
    try {
      return compileGlob(p);
    } catch (err) {
      throw new AppError('INPUT', `${where}: invalid path pattern "${p}": ${(err as Error).message}`);
    }
  });
}

export function compilePurls(purls: string[], where: string): PurlParts[] {
  return purls.map((p) => {
    const parts = parsePurl(p);
    if (!parts) throw new AppError('INPUT', `${where}: "${p}" is not a valid package URL`);
    return parts;
  });
}
