import { AppError } from '../core/errors.js';
import type { ScanReport } from './model.js';
import type { WriteOptions } from './options.js';

export type { WriteOptions } from './options.js';

/** One output format of `drydock scan`. Writers are loaded on use: a run pays only for its format. */
export interface ReportFormat {
  readonly id: string;
  readonly aliases: readonly string[];
  readonly title: string;
  readonly mediaType: string;
  readonly fileExtension: string;
  write(report: ScanReport, opts: WriteOptions): Promise<string>;
}

/** The explicit list of report formats; ids and aliases are derived from it. */
export const REPORT_FORMATS: readonly ReportFormat[] = [
  {
    id: 'table',
    aliases: [],
    title: 'human-readable table',
    mediaType: 'text/plain; charset=utf-8',
    fileExtension: '.txt',
    write: async (r, o) => (await import('./writers/table.js')).writeTable(r, o),
  },
  {
    id: 'json',
    aliases: [],
    title: 'drydock scan JSON (drydock.scan/v1)',
    mediaType: 'application/json',
    fileExtension: '.json',
    write: async (r) => (await import('./writers/json.js')).writeJson(r),
  },
  {
    id: 'sarif',
    aliases: [],
    title: 'SARIF 2.1.0 (GitHub code scanning)',
    mediaType: 'application/sarif+json',
    fileExtension: '.sarif',
    write: async (r) => (await import('./writers/sarif.js')).writeSarif(r),
  },
  {
    id: 'cyclonedx',
    aliases: ['cyclonedx-json', 'cdx'],
    title: 'CycloneDX 1.6 JSON with vulnerabilities',
    mediaType: 'application/vnd.cyclonedx+json; version=1.6',
    fileExtension: '.cdx.json',
    write: async (r) => (await import('./writers/cyclonedx.js')).writeCycloneDx(r),
  },
  {
    id: 'junit',
    aliases: [],
    title: 'JUnit XML',
    mediaType: 'application/xml',
    fileExtension: '.xml',
    write: async (r) => (await import('./writers/junit.js')).writeJunit(r),
  },
  {
    id: 'markdown',
    aliases: ['md'],
    title: 'Markdown (pull-request comments)',
    mediaType: 'text/markdown; charset=utf-8',
    fileExtension: '.md',
    write: async (r) => (await import('./writers/markdown.js')).writeMarkdown(r),
  },
  {
    id: 'html',
    aliases: [],
    title: 'self-contained HTML page',
    mediaType: 'text/html; charset=utf-8',
    fileExtension: '.html',
    write: async (r) => (await import('./writers/html.js')).writeHtml(r),
  },
];

/** Every name `--format` accepts (ids and aliases). */
export const REPORT_FORMAT_NAMES: readonly string[] = REPORT_FORMATS.flatMap((f) => [f.id, ...f.aliases]);

export function reportFormat(name: string): ReportFormat | undefined {
  const n = name.toLowerCase();
  return REPORT_FORMATS.find((f) => f.id === n || f.aliases.includes(n));
}

/** Serialise a scan report in the named format (id or alias). Unknown names are a USAGE error. */
export async function writeReport(formatId: string, report: ScanReport, opts: WriteOptions = {}): Promise<string> {
  const format = reportFormat(formatId);
  if (!format) throw new AppError('USAGE', `unknown report format "${formatId}" (one of: ${REPORT_FORMAT_NAMES.join(', ')})`);
  return format.write(report, opts);
}
