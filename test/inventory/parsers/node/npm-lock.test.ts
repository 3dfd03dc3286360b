import { describe, expect, it } from 'vitest';
import { parseNpmLock } from '../../../../src/inventory/parsers/node/npm-lock.js';
import { adjust, byRef, comparable, expected, inputOf, loadCases, type Comparable } from './trivy-cases.js';

const PARSER = 'nodejs_npm';

/**
 * Where drydock deliberately differs from Trivy's npm parser, per case (by Trivy's case name).
 * Everything else must match exactly: every package, relationship, dev flag and dependency.
 */
const DIFFERENCES: Record<string, (want: Comparable[]) => Comparable[]> = {
  // A workspace package's own dependencies are direct dependencies of the app's code, as Trivy's
  // pnpm and bun parsers (and drydock for every lock format) say; Trivy's npm parser calls them indirect.
  'lock version v3 with workspace': (w) => adjust(w, { 'debug@2.6.9': { relationship: 'direct', dev: false, dependsOn: ['ms@2.0.0'] } }),
  // ... and the workspace package's edge to it is kept (Trivy's table lists no dependencies here).
  'lock version v3 with workspace as object': (w) =>
    adjust(w, {
      'lodash@4.17.21': { relationship: 'direct', dev: false, dependsOn: [], licenses: ['MIT'] },
      'testapp@1.0.0': { relationship: 'direct', dev: false, dependsOn: ['lodash@4.17.21'] },
    }),
  'lock version v3 with workspace and without direct deps field': (w) =>
    adjust(w, { 'debug@2.6.9': { relationship: 'direct', dev: false, dependsOn: ['ms@2.0.0'] } }),
  // A list of license names is read too (Trivy drops it); `Apache2` is the legacy spelling of Apache-2.0.
  'lock version v3 with legacy license formats': (w) =>
    adjust(w, { 'pause-stream@0.0.11': { relationship: 'direct', dev: false, dependsOn: [], licenses: ['MIT', 'Apache-2.0'] } }),
};

describe('package-lock.json: Trivy conformance (nodejs/npm TestParse)', () => {
  for (const c of loadCases(PARSER)) {
    it(c.name, () => {
      const graph = parseNpmLock(inputOf(PARSER, c));
      expect(graph.problems).toEqual([]);
      const want = expected(c, { licenses: true }).sort(byRef);
      const adjusted = DIFFERENCES[c.name]?.(want) ?? want;
      expect(comparable(graph.packages, { licenses: true }).sort(byRef)).toEqual(adjusted);
    });
  }
});
