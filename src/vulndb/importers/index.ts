import type { Importer } from '../importer.js';

/**
 * Every feed importer, in the order `db update` runs them (advisory feeds first, then the per-CVE
 * enrichment feeds). One file per feed; ids come from the entries.
 */
export const IMPORTERS: readonly Importer[] = [];

export function findImporter(id: string): Importer | undefined {
  return IMPORTERS.find((i) => i.id === id);
}
