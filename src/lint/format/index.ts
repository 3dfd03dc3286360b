/**
 * The output formats of `drydock lint`: one writer per file, listed here (`LINT_FORMATS`); ids and
 * aliases come from ./names.ts. Writers are pure and deterministic: the same report gives the same
 * bytes, whatever order the findings came in.
 */
import { AppError } from '../../core/errors.js';
import type { LintReport } from '../rule.js';
import { writeCheckstyle } from './checkstyle.js';
import { writeCodeclimate } from './codeclimate.js';
import { writeGitlab } from './gitlab.js';
import { writeJson } from './json.js';
import { writeMarkdown } from './markdown.js';
import type { LintFormatOptions } from './model.js';
import { LINT_FORMAT_ALIASES, LINT_FORMAT_NAMES, resolveLintFormatName, type LintFormatId } from './names.js';
import { writeSarif } from './sarif.js';
import { writeTty } from './tty.js';

export type { LintFormatOptions } from './model.js';
export { LINT_FORMAT_IDS, LINT_FORMAT_NAMES, resolveLintFormatName, type LintFormatId } from './names.js';

export interface LintFormat {
  readonly id: LintFormatId;
  readonly aliases: readonly string[];
  readonly title: string;
  readonly mediaType: string;
  readonly fileExtension: string;
  write(report: LintReport, opts: LintFormatOptions): string;
}

const aliasesOf = (id: LintFormatId): string[] => Object.keys(LINT_FORMAT_ALIASES).filter((a) => LINT_FORMAT_ALIASES[a] === id);

export const LINT_FORMATS: readonly LintFormat[] = [
  { id: 'tty', aliases: aliasesOf('tty'), title: 'terminal (Hadolint lines + summary)', mediaType: 'text/plain; charset=utf-8', fileExtension: '.txt', write: writeTty },
  { id: 'json', aliases: aliasesOf('json'), title: "Hadolint's JSON", mediaType: 'application/json', fileExtension: '.json', write: (r) => writeJson(r) },
  { id: 'sarif', aliases: aliasesOf('sarif'), title: 'SARIF 2.1.0 (GitHub code scanning)', mediaType: 'application/sarif+json', fileExtension: '.sarif', write: writeSarif },
  { id: 'checkstyle', aliases: aliasesOf('checkstyle'), title: 'Checkstyle XML', mediaType: 'application/xml', fileExtension: '.xml', write: (r) => writeCheckstyle(r) },
  {
    id: 'codeclimate',
    aliases: aliasesOf('codeclimate'),
    title: 'Code Climate engine issues (NUL-separated)',
    mediaType: 'application/octet-stream',
    fileExtension: '.codeclimate',
    write: writeCodeclimate,
  },
  { id: 'gitlab', aliases: aliasesOf('gitlab'), title: 'GitLab Code Quality JSON', mediaType: 'application/json', fileExtension: '.gitlab.json', write: (r) => writeGitlab(r) },
  { id: 'markdown', aliases: aliasesOf('markdown'), title: 'Markdown (pull-request comments)', mediaType: 'text/markdown; charset=utf-8', fileExtension: '.md', write: writeMarkdown },
];

export function lintFormat(name: string): LintFormat | undefined {
  const id = resolveLintFormatName(name);
  return LINT_FORMATS.find((f) => f.id === id);
}

/** Serialise a lint report in the named format (id or alias). Unknown names are a USAGE error. */
export function writeLintReport(name: string, report: LintReport, opts: LintFormatOptions = {}): string {
  const format = lintFormat(name);
  if (!format) throw new AppError('USAGE', `unknown lint format "${name}" (one of: ${LINT_FORMAT_NAMES.join(', ')})`);
  return format.write(report, opts);
}
