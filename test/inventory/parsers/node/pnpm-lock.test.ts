import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { parsePnpmLock } from '../../../../src/inventory/parsers/node/pnpm-lock.js';
import { adjust, byRef, comparable, expected, inputOf, loadCases, type Comparable, type TrivyCase } from './trivy-cases.js';

const PARSER = 'nodejs_pnpm';

/** `name@version` of every v5/v6 package entry the lock marks `dev: true` (read with the yaml library). */
function devEntries(c: TrivyCase): string[] {
  const doc = parse(inputOf(PARSER, c)) as { packages: Record<string, { dev?: boolean }> };
  return Object.entries(doc.packages)
    .filter(([, e]) => e.dev === true)
    .map(([key]) => {
      // /name/1.0.0_peer (v5) or /name@1.0.0(peer) (v6), scoped names with one more segment
      const m = /^\/((?:@[^/]+\/)?[^/@]+)[/@]([^_(]+)/.exec(key);
      return m ? `${m[1]}@${m[2]}` : key;
    })
    .sort();
}

/** Deliberate differences from Trivy's pnpm parser, by case name; everything else must match. */
const DIFFERENCES: Record<string, (want: Comparable[]) => Comparable[]> = {
  // A local directory package without a version (`package1@file:package1`) is the app's own code,
  // not a versioned package: not reported. Its dependency stays in the graph (still indirect).
  v9: (w) => adjust(w, { package1: null }),
  // One package per name@version: pnpm's two snapshots of jest-pnp-resolver@1.2.3 (one per peer
  // set) are one package, a dev dependency only if every snapshot is.
  'v9 with same version and different peers for dependency': (w) => [
    ...w.filter((c) => c.ref !== 'jest-pnp-resolver@1.2.3'),
    { ref: 'jest-pnp-resolver@1.2.3', relationship: 'indirect' as const, dev: false, dependsOn: ['jest-resolve@27.5.1', 'jest-resolve@30.0.2'] },
  ].sort(byRef),
};

/** Trivy leaves out v5/v6 `dev: true` packages; drydock reports them, flagged dev. */
const WITH_DEV_PACKAGES = new Set(['with dev deps', 'many', 'v6 with dev deps']);

describe('pnpm-lock.yaml: Trivy conformance (nodejs/pnpm TestParse)', () => {
  for (const c of loadCases(PARSER)) {
    it(c.name, () => {
      const graph = parsePnpmLock(inputOf(PARSER, c));
      expect(graph.problems).toEqual([]);
      expect(graph.classified).toBe(true);
      const ours = comparable(graph.packages).sort(byRef);
      const want = expected(c).sort(byRef);
      if (WITH_DEV_PACKAGES.has(c.name)) {
        expect(ours.filter((p) => p.dev !== true)).toEqual(want);
        expect(ours.filter((p) => p.dev === true).map((p) => p.ref)).toEqual(devEntries(c));
        return;
      }
      expect(ours).toEqual(DIFFERENCES[c.name]?.(want) ?? want);
    });
  }

  it('names the workspace importers of a v9 lock', () => {
    const c = loadCases(PARSER).find((t) => t.name === 'v9');
    expect(c && parsePnpmLock(inputOf(PARSER, c)).workspaces).toEqual(['subdir']);
  });
});
