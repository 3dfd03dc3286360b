import { describe, expect, it } from 'vitest';
import { parseYarnLock } from '../../../../src/inventory/parsers/node/yarn-lock.js';
import { adjust, byRef, comparable, expected, inputOf, loadCases, type Comparable } from './trivy-cases.js';

const PARSER = 'nodejs_yarn';

/** Deliberate differences from Trivy's yarn parser, by case name; everything else must match. */
const DIFFERENCES: Record<string, (want: Comparable[]) => Comparable[]> = {
  // A package from a git repository is still that package at the version its package.json says;
  // Trivy drops it, drydock reports it (its purl carries the repository as vcs_url).
  'yarn with git dependency': (w) => adjust(w, { 'mapbox-gl-feature-drag-and-drop@1.1.1': { dependsOn: [] } }),
  // A vendored tarball (`file:vendor/x.tgz`) with a version is reported too.
  'yarn with local dependency': (w) => adjust(w, { 'local-package@0.0.1': { dependsOn: [] } }),
  // yarn's own compatibility patch of fsevents is fsevents 2.1.3 (and depends on node-gyp); Trivy
  // drops `patch:` entries, which real locks also list unpatched — both collapse to one package.
  'happy v2': (w) => adjust(w, { 'fsevents@2.1.3': { dependsOn: ['node-gyp@7.1.0'] } }),
};

describe('yarn.lock: Trivy conformance (nodejs/yarn TestParse)', () => {
  for (const c of loadCases(PARSER)) {
    it(c.name, () => {
      const graph = parseYarnLock(inputOf(PARSER, c));
      const want = expected(c).sort(byRef);
      expect(comparable(graph.packages).sort(byRef)).toEqual(DIFFERENCES[c.name]?.(want) ?? want);
      // only the entry with a made-up protocol is a problem
      expect(graph.problems).toEqual(c.name === 'yarn file with bad protocol' ? ['entry 1: unsupported dependency protocol'] : []);
    });
  }
});
