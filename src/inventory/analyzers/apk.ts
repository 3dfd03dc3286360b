import { createHash } from 'node:crypto';
import * as z from 'zod/mini';
import type { Unknown } from '../../core/inventory.js';
import { samePackage, type Analyzer, type CapturedFile, type FileResult, type MergedPackage, type MergeOutput, type MergeView, type VisibleResult } from '../analyzer.js';
import { parseApkInstalled, resolveApkDependencies } from '../parsers/apk-installed.js';

/**
 * Alpine-style packages (Alpine, Wolfi, Chainguard) from apk-tools' installed database. The
 * database lists every installed package with its files, so dependencies are resolved within the
 * file; each package is attributed to the layer that introduced it.
 *
 * apk-tools 2 (Alpine) keeps the database at lib/apk/db/installed; usrmerged systems with
 * apk-tools 3 (Wolfi, Chainguard OS) keep it at usr/lib/apk/db/installed, usually with
 * `lib -> usr/lib`. Both paths are read; the merge follows symlinks so that one database reached
 * through both paths is counted once.
 */

const INSTALLED_DB = 'lib/apk/db/installed';
const USR_INSTALLED_DB = 'usr/lib/apk/db/installed';
const DB_PATHS: ReadonlySet<string> = new Set([INSTALLED_DB, USR_INSTALLED_DB]);

const factsSchema = z.object({ sha256: z.string() });

export const apkAnalyzer: Analyzer = {
  id: 'apk',
  version: 2,
  maxFileSize: 64 * 1024 * 1024,
  required: (path) => DB_PATHS.has(path),
  analyzeLayer: (files) => files.map(analyzeFile),
  merge: mergeApk,
};

function analyzeFile(file: CapturedFile): FileResult {
  const parsed = parseApkInstalled(file.content.toString('utf8'));
  resolveApkDependencies(parsed.entries);
  const sha256 = createHash('sha256').update(file.content).digest('hex');
  const result: FileResult = { path: file.path, packages: parsed.entries.map((e) => e.record), facts: { sha256 } };
  if (parsed.problems.length > 0) result.unknowns = parsed.problems;
  return result;
}

/**
 * The databases to report: the one lib/apk/db/installed resolves to (through `lib -> usr/lib` on
 * usrmerged systems), else the one at usr/lib/apk/db/installed. The usr/lib one is reported as
 * well only when it is a different file with different content (a hard link or copy of the same
 * database is not counted twice).
 */
export function apkDatabases(view: MergeView): VisibleResult[] {
  const primary = view.resolve(INSTALLED_DB);
  const usr = view.resolve(USR_INSTALLED_DB);
  if (!primary) return usr ? [usr] : [];
  if (!usr || usr.path === primary.path) return [primary];
  const a = digestOf(primary);
  const b = digestOf(usr);
  return a !== undefined && a === b ? [primary] : [primary, usr];
}

function digestOf(v: VisibleResult): string | undefined {
  const parsed = factsSchema.safeParse(v.result.facts);
  return parsed.success ? parsed.data.sha256 : undefined;
}

function mergeApk(view: MergeView): MergeOutput {
  const packages: MergedPackage[] = [];
  const unknowns: Unknown[] = [];
  for (const v of apkDatabases(view)) {
    for (const reason of v.result.unknowns ?? []) {
      unknowns.push({ path: `/${v.path}`, layer: v.layer, source: 'apk', reason });
    }
    for (const record of v.result.packages ?? []) {
      packages.push({ record, location: `/${v.path}`, layer: view.originOf(v.path, samePackage(record)) });
    }
  }
  return { packages, unknowns };
}
