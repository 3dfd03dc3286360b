import { errorMessage } from '../../core/errors.js';
import { parseJsonDocument } from '../../core/json.js';
import type { PackageRecord } from '../../core/package.js';
import type { Analyzer, CapturedFile, FileResult } from '../analyzer.js';
import { parseDepsJson } from '../parsers/dotnet/deps-json.js';
import { makePurl } from '../purl.js';

/**
 * NuGet packages of built .NET apps, from the `<app>.deps.json` the SDK writes next to the app's
 * assemblies: the packages whose assemblies ship with the app (and a self-contained app's runtime
 * packs), direct or indirect when the app's root project is clear, with the dependency graph.
 * The app's own projects are not reported: they are first-party code, and their names ("Api",
 * "Web") would collide with unrelated NuGet packages.
 */
export const dotnetDepsAnalyzer: Analyzer = {
  id: 'dotnet-deps',
  version: 1,
  maxFileSize: 32 * 1024 * 1024,
  required: (path) => path.endsWith('.deps.json'),
  analyzeLayer: (files) => files.map(analyzeFile),
};

function analyzeFile(file: CapturedFile): FileResult {
  let json: unknown;
  try {
    json = parseJsonDocument(file.content, 'deps.json');
  } catch (err) {
    return { path: file.path, unknowns: [errorMessage(err)] };
  }
  const deps = parseDepsJson(json);
  const packages = deps.packages.map((p) => {
    const record: PackageRecord = {
      type: 'nuget',
      name: p.name,
      version: p.version,
      licenses: [],
      purl: makePurl('nuget', undefined, p.name, p.version),
      foundIn: 'installed',
      evidence: ['.deps.json'],
    };
    if (p.relationship !== undefined) record.relationship = p.relationship;
    if (p.dependencies.length > 0) record.dependsOn = p.dependencies;
    if (p.libraryType !== 'package') record.metadata = { libraryType: p.libraryType };
    return record;
  });
  const result: FileResult = { path: file.path, packages, facts: { projects: deps.projects } };
  if (deps.problems.length > 0) result.unknowns = deps.problems.map((p) => `deps.json: ${p}`);
  return result;
}
