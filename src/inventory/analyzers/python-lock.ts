import * as z from 'zod/mini';
import { errorMessage } from '../../core/errors.js';
import type { Unknown } from '../../core/inventory.js';
import type { PackageRecord } from '../../core/package.js';
import { samePackage, type Analyzer, type CapturedFile, type FileResult, type MergedPackage, type MergeOutput, type MergeView } from '../analyzer.js';
import type { LockPackage, LockParse } from '../parsers/python/lock-package.js';
import { pypiPurl } from '../parsers/python/names.js';
import { parsePipfileLock } from '../parsers/python/pipfile-lock.js';
import { parsePoetryLock } from '../parsers/python/poetry-lock.js';
import { pyprojectDirectDependencies } from '../parsers/python/pyproject.js';
import { parsePylock } from '../parsers/python/pylock.js';
import { parseRequirements } from '../parsers/python/requirements.js';
import { parseUvLock } from '../parsers/python/uv-lock.js';

/**
 * Python application lock files: `requirements*.txt` (pinned lines), `poetry.lock`,
 * `Pipfile.lock`, `uv.lock` and `pylock.toml` / `pylock.<name>.toml` (PEP 751). Their packages
 * may not be installed in the image: they are reported with `foundIn: 'lockfile'`, with
 * direct/indirect, dev and dependencies where the lock says. A poetry.lock's direct dependencies
 * come from the pyproject.toml beside it.
 *
 * Files inside site-packages/dist-packages are skipped: there they are content some installed
 * distribution ships (its own test or build requirements), not a description of the image.
 *
 * A file that cannot be read, or an entry without a name, is an unknown of that file alone.
 */

type LockKind = 'requirements' | 'poetry' | 'pipenv' | 'uv' | 'pylock' | 'pyproject';

export function lockFileKind(path: string): LockKind | undefined {
  if (!(path.endsWith('.lock') || path.endsWith('.toml') || path.endsWith('.txt'))) return undefined;
  if (path.includes('site-packages/') || path.includes('dist-packages/')) return undefined;
  const base = path.slice(path.lastIndexOf('/') + 1);
  switch (base) {
    case 'poetry.lock':
      return 'poetry';
    case 'Pipfile.lock':
      return 'pipenv';
    case 'uv.lock':
      return 'uv';
    case 'pyproject.toml':
      return 'pyproject';
    default:
      if (base.startsWith('requirements') && base.endsWith('.txt')) return 'requirements';
      if (base === 'pylock.toml' || (base.startsWith('pylock.') && base.endsWith('.toml') && base.indexOf('.', 7) === base.length - 5)) return 'pylock';
      return undefined;
  }
}

const PARSERS: Record<Exclude<LockKind, 'pyproject'>, (file: CapturedFile) => LockParse> = {
  requirements: (f) => parseRequirements(f.content),
  poetry: (f) => parsePoetryLock(f.content.toString('utf8')),
  pipenv: (f) => parsePipfileLock(f.content.toString('utf8')),
  uv: (f) => parseUvLock(f.content.toString('utf8')),
  pylock: (f) => parsePylock(f.content.toString('utf8')),
};

const pyprojectFacts = z.object({ kind: z.literal('pyproject'), direct: z.array(z.string()) });

export const pythonLockAnalyzer: Analyzer = {
  id: 'python-lock',
  version: 2,
  maxFileSize: 32 * 1024 * 1024,
  capture: 'buffer',
  // a lock file owned by an OS package is an example or test file of that package
  osOwned: 'drop',
  required: (path) => lockFileKind(path) !== undefined,
  analyzeLayer: (files) => files.map(analyzeFile),
  merge: mergeLocks,
};

const MAX_PROBLEMS = 20;

function analyzeFile(file: CapturedFile): FileResult {
  try {
    return readLockFile(file);
  } catch (err) {
    return { path: file.path, unknowns: [`could not be read: ${errorMessage(err)}`] };
  }
}

function readLockFile(file: CapturedFile): FileResult {
  const kind = lockFileKind(file.path);
  if (kind === undefined) return { path: file.path, unknowns: ['not a Python lock file'] };
  if (kind === 'pyproject') {
    const parsed = pyprojectDirectDependencies(file.content.toString('utf8'));
    if ('problem' in parsed) return { path: file.path, unknowns: [parsed.problem] };
    return { path: file.path, facts: { kind: 'pyproject', direct: parsed.direct } satisfies z.infer<typeof pyprojectFacts> };
  }
  const { packages, problems } = PARSERS[kind](file);
  const base = file.path.slice(file.path.lastIndexOf('/') + 1);
  const records: PackageRecord[] = [];
  let unnamed = 0;
  for (const p of packages) {
    const record = p.name === '' ? undefined : toRecord(p, base);
    if (record) records.push(record);
    else unnamed++;
  }
  if (unnamed > 0) problems.push(`${unnamed} ${unnamed === 1 ? 'entry' : 'entries'} without a usable name: not reported`);
  const result: FileResult = { path: file.path, packages: records };
  if (problems.length > 0) result.unknowns = capped(problems);
  return result;
}

function capped(problems: string[]): string[] {
  if (problems.length <= MAX_PROBLEMS) return problems;
  return [...problems.slice(0, MAX_PROBLEMS), `… and ${problems.length - MAX_PROBLEMS} more problems`];
}

/** The record of a locked package; undefined when no purl can be made of its name. */
function toRecord(p: LockPackage, file: string): PackageRecord | undefined {
  let purl: string;
  try {
    purl = pypiPurl(p.displayName ?? p.name, p.version);
  } catch {
    return undefined;
  }
  const record: PackageRecord = {
    type: 'pypi',
    name: p.name,
    version: p.version,
    licenses: [],
    purl,
    foundIn: 'lockfile',
    evidence: [p.line === undefined ? file : `${file}:${p.line}`],
  };
  if (p.relationship !== undefined) record.relationship = p.relationship;
  if (p.dev === true) record.dev = true;
  if (p.dependsOn !== undefined) record.dependsOn = p.dependsOn;
  if (p.displayName !== undefined) record.metadata = { displayName: p.displayName };
  return record;
}

/** Every package of every visible lock file; a poetry.lock's relationships from its pyproject.toml. */
function mergeLocks(view: MergeView): MergeOutput {
  const packages: MergedPackage[] = [];
  const unknowns: Unknown[] = [];
  for (const v of view.visible) {
    const kind = lockFileKind(v.path);
    // a pyproject.toml only matters beside a poetry.lock: elsewhere its problems are not ours
    const relevant = kind !== 'pyproject' || view.at(`${v.path.slice(0, v.path.lastIndexOf('/') + 1)}poetry.lock`) !== undefined;
    if (relevant) for (const reason of v.result.unknowns ?? []) unknowns.push({ path: `/${v.path}`, layer: v.layer, source: 'python-lock', reason });
    const direct = kind === 'poetry' ? directFromPyproject(view, v.path) : undefined;
    for (const found of v.result.packages ?? []) {
      const record = { ...found };
      if (direct !== undefined && record.relationship === undefined) record.relationship = direct.has(record.name) ? 'direct' : 'indirect';
      packages.push({ record, location: `/${v.path}`, layer: view.originOf(v.path, samePackage(found)) });
    }
  }
  return { packages, unknowns };
}

function directFromPyproject(view: MergeView, lockPath: string): Set<string> | undefined {
  const pyproject = `${lockPath.slice(0, lockPath.lastIndexOf('/') + 1)}pyproject.toml`;
  const facts = pyprojectFacts.safeParse(view.at(pyproject)?.result.facts);
  return facts.success ? new Set(facts.data.direct) : undefined;
}
