import type { Importer } from '../importer.js';
import { alpineSecdbImporter } from './alpine-secdb.js';
import { debianImporter } from './debian.js';
import { osvImporter } from './osv.js';
import { epssImporter } from './epss.js';
import { kevImporter } from './kev.js';
import { nodejsSecurityWgImporter } from './nodejs-security-wg.js';
import { nvdImporter } from './nvd.js';

/**
 * Every feed importer, in the order `db update` runs them (advisory feeds first, then the per-CVE
 * enrichment feeds). One file per feed; ids come from the entries.
 */
export const IMPORTERS: readonly Importer[] = [
  osvImporter,
  alpineSecdbImporter,
  debianImporter,
  nodejsSecurityWgImporter,
  // per-CVE enrichment: after every advisory feed
  nvdImporter,
  kevImporter,
  epssImporter,
];

export function findImporter(id: string): Importer | undefined {
  return IMPORTERS.find((i) => i.id === id);
}
