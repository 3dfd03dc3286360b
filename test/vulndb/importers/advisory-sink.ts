import { expect } from 'vitest';
import type { FeedSource, ImportResult, ImportSink, Importer } from '../../../src/vulndb/importer.js';
import type { Advisory } from '../../../src/vulndb/model.js';

/** What an advisory importer produced from one source (tests of advisory-only feeds). */
export interface Imported {
  advisories: Advisory[];
  byId: Map<string, Advisory>;
  warnings: string[];
  result: ImportResult;
}

/** A sink that keeps every advisory and warning; CVE/KEV/EPSS records fail the test (`feed` names the feed). */
export function collectingSink(feed: string): ImportSink & { advisories: Advisory[]; warnings: string[] } {
  const advisories: Advisory[] = [];
  const warnings: string[] = [];
  return {
    advisories,
    warnings,
    advisory: (a) => advisories.push(a),
    cve: () => expect.unreachable(`${feed} carries no CVE records`),
    kev: () => expect.unreachable(`${feed} carries no KEV entries`),
    epss: () => expect.unreachable(`${feed} carries no EPSS scores`),
    warn: (m) => warnings.push(m),
  };
}

export async function importWith(importer: Importer, source: FeedSource, feed: string): Promise<Imported> {
  const sink = collectingSink(feed);
  const result = await importer.import(source, sink);
  return { advisories: sink.advisories, byId: new Map(sink.advisories.map((a) => [a.id, a])), warnings: sink.warnings, result };
}
