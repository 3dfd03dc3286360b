import type { Advisory, AffectedPackage, CveRecord, EpssEntry, KevEntry, Namespace } from './model.js';

/** A package to look up: namespace + name normalised with `normalizePackageName`. */
export interface PackageQuery {
  namespace: Namespace;
  name: string;
}

/** One affected entry of one advisory, as matchers see it. */
export interface AffectedMatch {
  /** Store-internal key of the advisory (for `advisories()`). */
  advisoryKey: number;
  advisoryId: string;
  feed: string;
  affected: AffectedPackage;
  /**
   * The equality keys of `affected.versions` in its namespace's scheme (VersionScheme.equalityKeys),
   * one per line, when the store keeps them: the matcher then need not compute them.
   */
  versionKeys?: string;
}

/** An advisory's details without its affected list. */
export type AdvisoryDetails = Omit<Advisory, 'affected'> & { key: number };

export interface CveEnrichment {
  record?: CveRecord;
  kev?: KevEntry;
  epss?: EpssEntry;
}

export interface FeedInfo {
  id: string;
  location: string;
  importerVersion: number;
  /** The feed's own snapshot time, when known. */
  snapshot?: string;
  importedAt: string;
  advisories: number;
  cves: number;
  warnings: number;
}

export interface DbInfo {
  path: string;
  schemaVersion: number;
  builtAt: string;
  feeds: FeedInfo[];
}

/** Read access to an advisory DB. Passed in, never a global; SQLite now, PostgreSQL later (hence async). */
export interface AdvisoryStore {
  /**
   * Affected entries for each query, keyed by `queryKey(q)`; queries with none are absent from the map.
   * Each list is ordered by advisory key, so one advisory's entries are adjacent (the matcher relies on it).
   */
  lookup(queries: readonly PackageQuery[]): Promise<Map<string, AffectedMatch[]>>;
  advisories(keys: readonly number[]): Promise<Map<number, AdvisoryDetails>>;
  /** NVD/KEV/EPSS data per CVE id (only ids with any data are in the map). */
  cves(ids: readonly string[]): Promise<Map<string, CveEnrichment>>;
  /** Advisories whose id or an alias equals `id` (for `drydock explain`). */
  findById(id: string): Promise<Advisory[]>;
  info(): Promise<DbInfo>;
  close(): void;
}

export function queryKey(q: PackageQuery): string {
  return `${q.namespace}\u0000${q.name}`;
}
