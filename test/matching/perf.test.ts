/**
 * Matching time for a 1,000-package inventory against a DB holding the whole sample (issue target:
 * ≤ 50 ms after the DB is open; `npm run bench` is the measurement of record). The inventory is the
 * real debian fixture's packages plus language packages named like the sample's advisories (so most
 * lookups hit and ranges get evaluated), with versions spread below and above the fixes.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Inventory } from '../../src/core/inventory.js';
import type { Package, PackageType } from '../../src/core/package.js';
import { matchInventory } from '../../src/matching/match.js';
import { openAdvisoryDb } from '../../src/vulndb/sqlite/reader.js';
import { inventoryOf, tempCache } from '../helpers/drydock.js';
import { fixture } from '../helpers/fixtures.js';
import { VULNDATA } from './osv-records.js';
import { ALL_FEEDS, buildSampleDb } from './sample-db.js';

let db: Awaited<ReturnType<typeof buildSampleDb>>;
let inv: Inventory;
const cache = tempCache();

function langPackage(type: PackageType, name: string, version: string, i: number): Package {
  const purlName = type === 'maven' ? name.replace(':', '/') : name;
  return { id: `synthetic-${i}`, type, name, version, purl: `pkg:${type}/${purlName}@${version}`, licenses: [], foundBy: 'synthetic', location: `/app/${i}`, foundIn: 'installed' };
}

function sampleNames(): Array<[PackageType, string]> {
  const npm = readdirSync(join(VULNDATA, 'npm/nodejs-security-wg/vuln/npm')).map((f) => (JSON.parse(readFileSync(join(VULNDATA, 'npm/nodejs-security-wg/vuln/npm', f), 'utf8')) as { module_name: string }).module_name);
  const pypi = readdirSync(join(VULNDATA, 'pypi/pypa-advisory-database/vulns'));
  const goNames = readdirSync(join(VULNDATA, 'go/golang-vulndb/data/osv')).flatMap((f) => (JSON.parse(readFileSync(join(VULNDATA, 'go/golang-vulndb/data/osv', f), 'utf8')) as { affected: Array<{ package: { name: string } }> }).affected.map((a) => a.package.name));
  return [...new Set(npm)].map((n): [PackageType, string] => ['npm', n]).concat(pypi.map((n): [PackageType, string] => ['pypi', n]), [...new Set(goNames)].map((n): [PackageType, string] => ['golang', n]));
}

beforeAll(async () => {
  db = await buildSampleDb(ALL_FEEDS);
  const debian = await inventoryOf(`docker-archive:${fixture('debian').dockerArchive}`, { cacheDir: cache.dir });
  const names = sampleNames();
  const packages = [...debian.packages];
  for (let i = 0; packages.length < 1000; i++) {
    const [type, name] = names[i % names.length] ?? ['npm', 'lodash'];
    const version = type === 'golang' ? `v0.${i % 13}.${i % 7}` : `${i % 5}.${i % 11}.${i % 3}`;
    packages.push(langPackage(type, name, version, i));
  }
  inv = { ...debian, packages };
});
afterAll(() => {
  db.cleanup();
  cache.cleanup();
});

it('1,000 packages against the whole sample: timing (logged)', async () => {
  expect(inv.packages.length).toBe(1000);
  const store = openAdvisoryDb(db.path);
  // Time spent inside the store's three calls, to tell DB reads from matching work.
  let inStore = 0;
  for (const k of ['lookup', 'advisories', 'cves'] as const) {
    const orig = store[k].bind(store) as (arg: never) => Promise<unknown>;
    Object.assign(store, {
      [k]: async (arg: never) => {
        const t0 = performance.now();
        try {
          return await orig(arg);
        } finally {
          inStore += performance.now() - t0;
        }
      },
    });
  }
  try {
    const times: number[] = [];
    const storeTimes: number[] = [];
    let findings = 0;
    let stats = { queries: 0, advisories: 0 };
    for (let run = 0; run < 6; run++) {
      inStore = 0;
      const t0 = performance.now();
      const r = await matchInventory(inv, store);
      times.push(performance.now() - t0);
      storeTimes.push(inStore);
      findings = r.findings.length;
      stats = r.stats;
    }
    const [first = 0, ...rest] = times;
    const mid = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;
    const median = mid(rest);
    console.log(
      `matching 1000 packages (${stats.queries} queries, ${stats.advisories} advisories hit, ${findings} findings): ` +
        `first run ${first.toFixed(1)} ms, median of next ${rest.length} ${median.toFixed(1)} ms (store calls ${mid(storeTimes.slice(1)).toFixed(1)} ms of it)`,
    );
    expect(findings).toBeGreaterThan(100);
    // A loose bound for a shared 2-core test machine; the 50 ms target is measured by `npm run bench`.
    expect(median).toBeLessThan(500);
  } finally {
    store.close();
  }
});
