import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildDb } from '../../src/vulndb/build.js';
import { findImporter } from '../../src/vulndb/importers/index.js';
import { VULNDATA } from './osv-records.js';

/** A feed of the shared sample: importer kind and a path relative to ../shared/vulndata. */
export interface SampleFeed {
  kind: string;
  path: string;
}

export const ALPINE_FEEDS: SampleFeed[] = [
  { kind: 'alpine-secdb', path: 'alpine/secdb-reassembled' },
  { kind: 'nvd', path: 'nvd/fkie-cad-nvd-json-data-feeds' },
  { kind: 'kev', path: 'enrichment/cisa-kev/known_exploited_vulnerabilities.json' },
];

/** The Debian sample: vuln-list-debian (CVE + DSA JSON, distributions.json), with NVD and KEV. */
export const DEBIAN_FEEDS: SampleFeed[] = [
  { kind: 'debian', path: 'debian/vuln-list-debian' },
  { kind: 'nvd', path: 'nvd/fkie-cad-nvd-json-data-feeds' },
  { kind: 'kev', path: 'enrichment/cisa-kev/known_exploited_vulnerabilities.json' },
];

/** The language samples: GHSA (npm, Maven), PyPA, Go vulndb as OSV; nodejs security-wg; NVD; KEV. */
export const LANGUAGE_FEEDS: SampleFeed[] = [
  { kind: 'osv', path: 'npm/ghsa-osv' },
  { kind: 'osv', path: 'maven/ghsa-osv' },
  { kind: 'osv', path: 'pypi/pypa-advisory-database' },
  { kind: 'osv', path: 'go/golang-vulndb' },
  { kind: 'nodejs-security-wg', path: 'npm/nodejs-security-wg' },
  { kind: 'nvd', path: 'nvd/fkie-cad-nvd-json-data-feeds' },
  { kind: 'kev', path: 'enrichment/cisa-kev/known_exploited_vulnerabilities.json' },
];

/** Every sample feed at once (the DB the 1,000-package timing runs against). */
export const ALL_FEEDS: SampleFeed[] = [...new Map([...ALPINE_FEEDS, ...DEBIAN_FEEDS, ...LANGUAGE_FEEDS].map((f) => [`${f.kind} ${f.path}`, f])).values()];

/**
 * Build a real advisory DB from sample feeds with `buildDb` (what `drydock db build --feed KIND=PATH`
 * runs: real importers, real SQLite writer, atomic rename) in a fresh temporary directory.
 */
export async function buildSampleDb(feeds: readonly SampleFeed[], builtAt?: Date): Promise<{ path: string; dir: string; warnings: string[]; cleanup: () => void }> {
  const dir = mkdtempSync(join(tmpdir(), 'drydock-matching-db-'));
  const path = join(dir, 'drydock.db');
  try {
    const summary = await buildDb({
      dbPath: path,
      cacheDir: join(dir, 'cache'),
      offline: true,
      feeds: feeds.map((f) => {
        const importer = findImporter(f.kind);
        if (!importer) throw new Error(`no importer ${f.kind}`);
        return { importer, location: join(VULNDATA, f.path) };
      }),
      ...(builtAt ? { now: () => builtAt } : {}),
    });
    const warnings = summary.feeds.flatMap((f) => f.stats.warningSamples);
    return { path, dir, warnings, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
  } catch (err) {
    rmSync(dir, { recursive: true, force: true });
    throw err;
  }
}
