import { errorMessage } from '../../core/errors.js';
import type { Analyzer, CapturedFile, FileResult } from '../analyzer.js';
import { parseGradleLockfile } from '../parsers/java/gradle-lockfile.js';

/**
 * Gradle dependency lock files in the image (an app's sources copied in): Maven packages found
 * only in a lock file (`foundIn: 'lockfile'`), test-only ones marked `dev`.
 */
export const gradleLockAnalyzer: Analyzer = {
  id: 'gradle-lock',
  version: 2,
  maxFileSize: 16 * 2 ** 20,
  required: (path) => path.endsWith('gradle.lockfile') || (path.endsWith('.lockfile') && path.includes('gradle/dependency-locks/')),
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
  const parsed = parseGradleLockfile(file.content.toString('utf8'), file.path.slice(file.path.lastIndexOf('/') + 1));
  const result: FileResult = { path: file.path, packages: parsed.packages };
  if (parsed.problems.length > 0) result.unknowns = parsed.problems;
  return result;
}
