import { errorMessage } from '../../core/errors.js';
import { parseJsonDocument } from '../../core/json.js';
import type { PackageRecord } from '../../core/package.js';
import type { Analyzer, CapturedFile, FileResult } from '../analyzer.js';
import { parseNugetLock } from '../parsers/dotnet/packages-lock.js';
import { makePurl } from '../purl.js';

/** NuGet packages locked by a .NET project's `packages.lock.json`, direct or transitive, with their graph. */
export const nugetLockAnalyzer: Analyzer = {
  id: 'nuget-lock',
  version: 1,
  maxFileSize: 32 * 1024 * 1024,
  required: (path) => path === 'packages.lock.json' || path.endsWith('/packages.lock.json'),
  analyzeLayer: (files) => files.map(analyzeFile),
};

function analyzeFile(file: CapturedFile): FileResult {
  let json: unknown;
  try {
    json = parseJsonDocument(file.content, 'packages.lock.json');
  } catch (err) {
    return { path: file.path, unknowns: [errorMessage(err)] };
  }
  const lock = parseNugetLock(json);
  const packages = lock.packages.map((p) => {
    const record: PackageRecord = {
      type: 'nuget',
      name: p.name,
      version: p.version,
      licenses: [],
      purl: makePurl('nuget', undefined, p.name, p.version),
      foundIn: 'lockfile',
      relationship: p.relationship,
      evidence: ['packages.lock.json'],
      metadata: { frameworks: p.frameworks.join(',') },
    };
    if (p.dependencies.length > 0) record.dependsOn = p.dependencies;
    return record;
  });
  const result: FileResult = { path: file.path, packages };
  if (lock.problems.length > 0) result.unknowns = lock.problems.map((p) => `packages.lock.json: ${p}`);
  return result;
}
