import type { Analyzer, CapturedFile, FileResult } from '../analyzer.js';
import { parseApkInstalled, resolveApkDependencies } from '../parsers/apk-installed.js';

/**
 * Alpine-style packages (Alpine, Wolfi, Chainguard) from apk-tools' installed database. The
 * database lists every installed package with its files, so dependencies are resolved within the
 * file and the default merge (visible database, layer of origin per package) applies.
 */

const INSTALLED_DB = 'lib/apk/db/installed';

export const apkAnalyzer: Analyzer = {
  id: 'apk',
  version: 1,
  maxFileSize: 64 * 1024 * 1024,
  required: (path) => path === INSTALLED_DB,
  analyzeLayer: (files) => files.map(analyzeFile),
};

function analyzeFile(file: CapturedFile): FileResult {
  const parsed = parseApkInstalled(file.content.toString('utf8'));
  resolveApkDependencies(parsed.entries);
  const result: FileResult = { path: file.path, packages: parsed.entries.map((e) => e.record) };
  if (parsed.problems.length > 0) result.unknowns = parsed.problems;
  return result;
}
