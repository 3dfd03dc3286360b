import type { Analyzer, CapturedFile, FileResult } from '../analyzer.js';
import { parseSbtLockfile } from '../parsers/java/sbt-lockfile.js';

/** sbt lock files (`build.sbt.lock`, sbt-dependency-lock): Maven packages found only in a lock file. */
export const sbtLockAnalyzer: Analyzer = {
  id: 'sbt-lock',
  version: 1,
  maxFileSize: 16 * 2 ** 20,
  required: (path) => path === 'build.sbt.lock' || path.endsWith('/build.sbt.lock'),
  analyzeLayer: (files) => files.map(analyzeFile),
};

function analyzeFile(file: CapturedFile): FileResult {
  const parsed = parseSbtLockfile(file.content.toString('utf8'));
  const result: FileResult = { path: file.path, packages: parsed.packages };
  if (parsed.problems.length > 0) result.unknowns = parsed.problems;
  return result;
}
