import type { PackageRecord } from '../../../core/package.js';
import type { FileResult } from '../../analyzer.js';
import { parseBunLock } from './bun-lock.js';
import type { LockGraph, LockPackage } from './graph.js';
import { genericPurl, npmPurl, npmRef, type NpmSourceQualifiers } from './identity.js';
import { parseNpmLock } from './npm-lock.js';
import { parseManifest } from './package-json.js';
import { baseName, LOCK_FILES, manifestPlace, type LockFormat } from './paths.js';
import { parsePnpmLock } from './pnpm-lock.js';
import { parseYarnLock } from './yarn-lock.js';

/**
 * One JavaScript file of a layer → its cached result. Manifests keep their package record and
 * what the merge needs to link them (`facts`); lock files keep their packages, already linked
 * within the lock.
 */

export type NodeFacts =
  | { kind: 'installed'; deps: string[] }
  | { kind: 'manifest'; prod: Array<[string, string]>; dev: Array<[string, string]>; workspaces: string[] }
  | { kind: 'lock'; classified: boolean; workspaces: string[]; optional: string[] };

const MAX_PROBLEMS = 20;

export function nodeFileResult(path: string, content: Buffer): FileResult | undefined {
  const base = baseName(path);
  const format = LOCK_FILES.get(base);
  if (format !== undefined) return lockResult(path, base, format, content);
  return base === 'package.json' ? manifestResult(path, content) : undefined;
}

function manifestResult(path: string, content: Buffer): FileResult | undefined {
  const place = manifestPlace(path);
  if (!place) return undefined;
  const { manifest, problems } = parseManifest(content);
  const result: FileResult = { path };
  if (manifest && place.kind === 'installed') {
    const version = manifest.version ?? '';
    const name = manifest.name ?? nameFromPath(path);
    if (version === '') problems.push('package.json: no version');
    else if (name === undefined) problems.push('package.json: no name');
    else result.packages = [record(name, version, manifest.licenses, 'installed', manifest.private === true)];
    result.facts = { kind: 'installed', deps: [...new Set(manifest.prod.map(([n]) => n))] } satisfies NodeFacts;
  } else if (manifest) {
    if (manifest.name !== undefined) result.packages = [record(manifest.name, manifest.version ?? '', manifest.licenses, 'manifest', manifest.private === true)];
    result.facts = { kind: 'manifest', prod: manifest.prod, dev: manifest.dev, workspaces: manifest.workspaces } satisfies NodeFacts;
  }
  if (problems.length > 0) result.unknowns = capped(problems);
  return result;
}

/**
 * The package directory's name: `…/node_modules/@s/x/package.json` → `@s/x`; none for yarn's
 * pnpm-linker store (`.store/<entry>/package/package.json`), whose directory is not named after it.
 */
function nameFromPath(path: string): string | undefined {
  const parts = path.split('/');
  const name = parts[parts.length - 2] ?? '';
  if (name === 'package' && parts[parts.length - 4] === '.store') return undefined;
  const scope = parts[parts.length - 3] ?? '';
  return scope.startsWith('@') ? `${scope}/${name}` : name;
}

/**
 * A package.json's record. A `"private": true` package can never be on the registry: it gets no
 * npm purl (which would name whatever public package has that name) but `pkg:generic/<name>@<version>`.
 */
function record(name: string, version: string, licenses: string[], foundIn: 'installed' | 'manifest', isPrivate: boolean): PackageRecord {
  const r: PackageRecord = { type: 'npm', name, version, licenses, foundIn, evidence: ['package.json'] };
  const purl = isPrivate ? genericPurl(name, version) : npmPurl(name, version);
  if (purl !== undefined) r.purl = purl;
  if (isPrivate) r.metadata = { private: 'true' };
  return r;
}

const PARSERS: Record<Exclude<LockFormat, 'bun-binary'>, (text: string) => LockGraph> = {
  npm: parseNpmLock,
  yarn: parseYarnLock,
  pnpm: parsePnpmLock,
  bun: parseBunLock,
};

function lockResult(path: string, base: string, format: LockFormat, content: Buffer): FileResult {
  if (format === 'bun-binary') {
    return { path, unknowns: ["bun.lockb is bun's binary lock format and is not read (bun.lock, its text format, is)"] };
  }
  let text = content.toString('utf8');
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  const graph = PARSERS[format](text);
  const result: FileResult = {
    path,
    packages: graph.packages.map((p) => lockRecord(p, base)),
    facts: {
      kind: 'lock',
      classified: graph.classified,
      workspaces: graph.workspaces,
      optional: graph.packages.filter((p) => p.optional === true).map((p) => npmRef(p.name, p.version)),
    } satisfies NodeFacts,
  };
  if (graph.problems.length > 0) result.unknowns = capped(graph.problems.map((p) => `${base}: ${p}`));
  return result;
}

function lockRecord(p: LockPackage, base: string): PackageRecord {
  const r: PackageRecord = { type: 'npm', name: p.name, version: p.version, licenses: p.licenses ?? [], foundIn: 'lockfile', evidence: [base] };
  const qualifiers: NpmSourceQualifiers = {};
  if (p.source.kind === 'git' && p.source.url !== undefined) qualifiers.vcs_url = p.source.url;
  if (p.source.kind === 'tarball' && p.source.url !== undefined) qualifiers.download_url = p.source.url;
  const purl = npmPurl(p.name, p.version, Object.keys(qualifiers).length > 0 ? qualifiers : undefined);
  if (purl !== undefined) r.purl = purl;
  if (p.relationship !== undefined) r.relationship = p.relationship;
  if (p.dev !== undefined) r.dev = p.dev;
  if (p.dependsOn.length > 0) r.dependsOn = p.dependsOn;
  if (p.source.kind === 'workspace') r.metadata = { workspace: 'true' };
  return r;
}

function capped(problems: string[]): string[] {
  if (problems.length <= MAX_PROBLEMS) return problems;
  return [...problems.slice(0, MAX_PROBLEMS), `… and ${problems.length - MAX_PROBLEMS} more problems`];
}
