import { createRequire } from 'node:module';
import type * as Semver from 'semver';

/**
 * go.sum: `<module> <version>[/go.mod] <hash>` per line, the checksums of every module version
 * (zip and/or go.mod) the go command looked at. Several versions of one module appear when minimal
 * version selection considered them; the highest is the one selected, so that is the one kept.
 */

export interface GoSumModule {
  path: string;
  version: string;
}

export interface GoSum {
  modules: GoSumModule[];
  problems: string[];
}

let semver: typeof Semver | undefined;
/** semver is loaded on the first go.sum (most images have none). */
function semverModule(): typeof Semver {
  semver ??= createRequire(import.meta.url)('semver') as typeof Semver;
  return semver;
}

const MAX_PROBLEMS = 20;

export function parseGoSum(text: string): GoSum {
  const best = new Map<string, string>();
  const problems: string[] = [];
  text.split('\n').forEach((raw, i) => {
    const line = raw.trim();
    if (line === '') return;
    const fields = line.split(/\s+/);
    const [path, rawVersion, hash] = fields;
    if (fields.length !== 3 || path === undefined || rawVersion === undefined || hash === undefined || !hash.includes(':')) {
      if (problems.length < MAX_PROBLEMS) problems.push(`go.sum line ${i + 1}: not "<module> <version> <hash>"`);
      return;
    }
    const version = rawVersion.endsWith('/go.mod') ? rawVersion.slice(0, -'/go.mod'.length) : rawVersion;
    const prev = best.get(path);
    if (prev === undefined || newer(version, prev)) best.set(path, version);
  });
  const modules = [...best].map(([path, version]) => ({ path, version }));
  return { modules, problems };
}

/** Go module versions are semver with a "v"; anything else compares as text. */
function newer(a: string, b: string): boolean {
  const s = semverModule();
  const va = s.valid(a);
  const vb = s.valid(b);
  if (va && vb) return s.compare(va, vb) > 0;
  if (va || vb) return va !== null;
  return a > b;
}
