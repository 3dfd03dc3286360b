import { describe, expect, it } from 'vitest';
import { parseBunLock } from '../../../../src/inventory/parsers/node/bun-lock.js';
import { adjust, byRef, comparable, expected, inputOf, loadCases, type Comparable } from './trivy-cases.js';

const PARSER = 'nodejs_bun';

/** Deliberate differences from Trivy's bun parser, by case name; everything else must match. */
const DIFFERENCES: Record<string, (want: Comparable[]) => Comparable[]> = {
  // A workspace package depends on what its workspace entry lists (Trivy's table has no edges here).
  'multiple workspaces': (w) =>
    adjust(w, {
      'my-app@1.0.0': { relationship: 'direct', dev: false, dependsOn: ['lodash@4.17.21'] },
      'my-lib@1.0.0': { relationship: 'direct', dev: false, dependsOn: ['chalk@5.0.1'] },
    }),
};

describe('bun.lock: Trivy conformance (nodejs/bun TestParse)', () => {
  for (const c of loadCases(PARSER)) {
    it(c.name, () => {
      const graph = parseBunLock(inputOf(PARSER, c));
      if (c.wantErr !== undefined) {
        // Trivy: "JSON decode error"; drydock: the bad field, as an unknown of the file
        expect(graph.packages).toEqual([]);
        expect(graph.problems).toHaveLength(1);
        expect(graph.problems[0]).toMatch(/^lock file: lockfileVersion: /);
        return;
      }
      expect(graph.problems).toEqual([]);
      const want = expected(c).sort(byRef);
      expect(comparable(graph.packages).sort(byRef)).toEqual(DIFFERENCES[c.name]?.(want) ?? want);
    });
  }
});
