import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Advisory, EpssEntry, KevEntry } from '../../src/vulndb/model.js';
import { openAdvisoryDb, type SqliteAdvisoryStore } from '../../src/vulndb/sqlite/reader.js';
import { AdvisoryDbWriter } from '../../src/vulndb/sqlite/writer.js';

/**
 * A real SQLite advisory DB holding the given records (written with the real writer, read with the
 * real store): for edge cases the real sample does not contain (a withdrawn record, a not-affected
 * entry next to a fixed one, an unparsable event version). Each test says why its records look so.
 */
export function storeWith(records: { advisories: Advisory[]; kev?: KevEntry[]; epss?: EpssEntry[] }): { store: SqliteAdvisoryStore; path: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'drydock-match-store-'));
  const path = join(dir, 'test.db');
  const writer = AdvisoryDbWriter.create(path);
  const feeds = [...new Set(records.advisories.map((a) => a.feed)), 'kev', 'epss'];
  for (const feed of feeds) {
    const sink = writer.sink({ kind: feed, location: 'test', importerVersion: 1 });
    for (const a of records.advisories.filter((x) => x.feed === feed)) sink.advisory(a);
    if (feed === 'kev') for (const k of records.kev ?? []) sink.kev(k);
    if (feed === 'epss') for (const e of records.epss ?? []) sink.epss(e);
    writer.endFeed(sink, { importedAt: new Date() });
  }
  writer.finish({ builtAt: new Date(), toolVersion: 'test' });
  const store = openAdvisoryDb(path);
  return {
    store,
    path,
    cleanup: () => {
      store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A minimal advisory with the given affected entries. */
export function advisory(fields: Partial<Advisory> & Pick<Advisory, 'id' | 'feed' | 'affected'>): Advisory {
  return { aliases: [], severities: [], cwes: [], references: [], ...fields };
}
