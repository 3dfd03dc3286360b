import type { PackageRecord } from '../../core/package.js';
import type { Analyzer, CapturedFile, FileResult } from '../analyzer.js';
import { parseGemfileLock, type GemfileLock, type LockedGem } from '../parsers/ruby/gemfile-lock.js';
import { makePurl } from '../purl.js';

/**
 * Bundler lock files of Ruby apps (`Gemfile.lock`, or `gems.locked`): every locked gem, direct or
 * indirect (from DEPENDENCIES), with the dependency graph. Lock files that gems carry inside an
 * installed gem directory (`<gem home>/gems/<gem>/Gemfile.lock`) describe that gem's own
 * development setup, not the image, and are not read.
 *
 * A gem from a PATH source is local code (the app's own gem, or one vendored into its tree) that
 * only shares a name with whatever rubygems.org has: it gets no registry identity,
 * `pkg:generic/<name>@<version>` (type stays `gem`, `metadata.source` is `path`), so rubygems
 * advisories are not matched against it.
 */
export const gemfileLockAnalyzer: Analyzer = {
  id: 'gemfile-lock',
  version: 2,
  maxFileSize: 16 * 1024 * 1024,
  required: (path) => {
    if (!path.endsWith('Gemfile.lock') && !path.endsWith('gems.locked')) return false;
    const name = path.slice(path.lastIndexOf('/') + 1);
    return (name === 'Gemfile.lock' || name === 'gems.locked') && !path.includes('/gems/');
  },
  analyzeLayer: (files) => files.map(analyzeFile),
};

function analyzeFile(file: CapturedFile): FileResult {
  const lock = parseGemfileLock(file.content.toString('utf8'));
  const result: FileResult = { path: file.path, packages: lockPackages(lock) };
  if (lock.bundledWith !== undefined) result.facts = { bundledWith: lock.bundledWith };
  if (lock.problems.length > 0) result.unknowns = lock.problems.map((p) => `Gemfile.lock: ${p}`);
  return result;
}

export function lockPackages(lock: GemfileLock): PackageRecord[] {
  const versionOf = new Map<string, string>();
  for (const g of lock.gems) if (!versionOf.has(g.name)) versionOf.set(g.name, g.version);
  const direct = new Set(lock.direct);
  return lock.gems.map((g) => {
    const record: PackageRecord = {
      type: 'gem',
      name: g.name,
      version: g.version,
      licenses: [],
      purl:
        g.source === 'path'
          ? makePurl('generic', undefined, g.name, g.version)
          : makePurl('gem', undefined, g.name, g.version, { platform: g.platforms.length === 1 ? g.platforms[0] : undefined }),
      foundIn: 'lockfile',
      relationship: direct.has(g.name) ? 'direct' : 'indirect',
      evidence: ['Gemfile.lock'],
    };
    const deps = g.dependencies.flatMap((d) => {
      const v = versionOf.get(d);
      return v === undefined ? [] : [`${d}@${v}`];
    });
    if (deps.length > 0) record.dependsOn = deps;
    const metadata = metadataOf(g);
    if (metadata) record.metadata = metadata;
    return record;
  });
}

function metadataOf(g: LockedGem): Record<string, string> | undefined {
  const m: Record<string, string> = {};
  if (g.source !== 'rubygems') m['source'] = g.source;
  if (g.platforms.length > 0) m['platforms'] = g.platforms.join(',');
  return Object.keys(m).length > 0 ? m : undefined;
}
