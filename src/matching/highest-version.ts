import type { VersionScheme } from '../versioning/scheme.js';
import type { ParseCache } from './parse-cache.js';

/**
 * The highest of `versions` under the first scheme that can read them all (a package's own scheme,
 * then SemVer for OSV SEMVER fixes such as Go's `1.21.3`); undefined when none can: fix advice is then
 * withheld rather than guessed.
 */
export function highestVersion(versions: readonly string[], schemes: readonly VersionScheme[], cache: ParseCache): string | undefined {
  if (versions.length === 0) return undefined;
  for (const scheme of schemes) {
    let best: { text: string; parsed: unknown } | undefined;
    let ok = true;
    for (const v of versions) {
      const p = cache.parse(scheme, v);
      if (!p.ok) {
        ok = false;
        break;
      }
      if (!best || scheme.compareParsed(p.value, best.parsed) > 0) best = { text: v, parsed: p.value };
    }
    if (ok && best) return best.text;
  }
  return undefined;
}
