import { errorMessage } from '../../core/errors.js';
import type { Analyzer, CapturedFile, FileResult } from '../analyzer.js';
import { parseSbtLockfile } from '../parsers/java/sbt-lockfile.js';

/** sbt lock files (`build.sbt.lock`, sbt-dependency-lock): Maven packages found only in a lock file. */
export const sbtLockAnalyzer: Analyzer = {
  id: 'sbt-lock',
  version: 2,
  maxFileSize: 16 * 2 ** 20,
  required: (path) => path === 'build.sbt.lock' || path.endsWith('/build.sbt.lock'),
  analyzeLayer: (files) => files.map(analyzeFile),
};

/** A file that cannot be read is an unknown of that file alone. */
function analyzeFile(file: CapturedFile): FileResult {
  try {
    return readLockfile(file);
  } catch (err) {
    return { path: file.path, unknowns: [`could not be read: ${errorMessage(err)}`] };
  }
}

function readLockfile(file: CapturedFile): FileResult {
  const parsed = parseSbtLockfile(file.content.toString('utf8'));
  const result: FileResult = { path: file.path, packages: parsed.packages };
  if (parsed.problems.length > 0) result.unknowns = parsed.problems;
  return result;
}
