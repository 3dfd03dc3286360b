import { errorMessage } from '../../core/errors.js';
import type { Analyzer, CapturedFile, FileResult } from '../analyzer.js';
import { nodeFileResult } from '../parsers/node/file-results.js';
import { mergeJavaScript } from '../parsers/node/join.js';
import { isJavaScriptFile } from '../parsers/node/paths.js';

/**
 * JavaScript packages (purl type npm): installed ones — every package's own package.json in
 * node_modules trees (npm, yarn, pnpm's and bun's virtual stores, nested copies, workspaces) and
 * in Debian's module directories — and the lock files of apps (package-lock.json /
 * npm-shrinkwrap.json v1–v3, yarn.lock v1 and berry, pnpm-lock.yaml v5–v9, bun.lock).
 *
 * One analyzer for all of them, because its merge joins them per app directory: an installed
 * package is reported once, from node_modules, with the relationship (root / direct / indirect),
 * dev flag and dependencies its app's lock file (or, without one, its package.json and Node.js
 * resolution) gives it; packages a lock file lists that are not installed beside it are reported
 * from the lock file (`foundIn: 'lockfile'`) — unless node_modules was installed from that lock
 * and the lock says the package may be left out (dev, optional, another platform's). Debian's
 * node-* packages own their module directories: what is found there is folded into the deb
 * (`osOwned: 'fold'`). A file that cannot be read is an unknown of that file alone.
 */
export const javascriptAnalyzer: Analyzer = {
  id: 'javascript',
  version: 2,
  maxFileSize: 64 * 1024 * 1024,
  capture: 'buffer',
  osOwned: 'fold',
  required: (path) => isJavaScriptFile(path),
  analyzeLayer: (files) => files.flatMap(analyzeFile),
  merge: (view) => mergeJavaScript(view, 'javascript'),
};

function analyzeFile(file: CapturedFile): FileResult[] {
  try {
    const result = nodeFileResult(file.path, file.content);
    return result ? [result] : [];
  } catch (err) {
    return [{ path: file.path, unknowns: [`could not be read: ${errorMessage(err)}`] }];
  }
}
