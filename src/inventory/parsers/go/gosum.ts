import { createRequire } from 'node:module';
import type * as Semver from 'semver';

/**
 * go.sum: `<module> <version>[/go.mod] <hash>` per line, the checksums of every module version
 * the go command looked at. A `<version>/go.mod` line is the hash of that version's go.mod alone,
 * which the go command downloads for every version minimal version selection merely considers (the
 * whole module graph, pruned or not); a line without `/go.mod` is the hash of the module's zip, the
 * code, which is downloaded only when a package of the module was needed for a build or test. So
 * only zip lines name modules whose code a build used: `/go.mod` lines never make a module and
 * never raise its version. Several zip versions of one module appear when older ones were left
 * behind (go.sum is only added to, unless `go mod tidy` runs); the highest is kept.
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
    if (rawVersion.endsWith('/go.mod')) return; // a go.mod hash: the module's code was not needed
    const prev = best.get(path);
    if (prev === undefined || newer(rawVersion, prev)) best.set(path, rawVersion);
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
