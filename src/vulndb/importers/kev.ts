import * as z from 'zod';
import { AppError, errorMessage } from '../../core/errors.js';
import type { FeedSource, Importer, ImportResult, ImportSink } from '../importer.js';
import type { KevEntry } from '../model.js';

/**
 * CISA's Known Exploited Vulnerabilities catalog (JSON, schema published alongside it):
 * `{title, catalogVersion, dateReleased, count, vulnerabilities:[{cveID, vendorProject, product,
 * vulnerabilityName, dateAdded, shortDescription, requiredAction, dueDate, knownRansomwareCampaignUse,
 * notes, cwes}]}` → one KevEntry per CVE. The snapshot is `dateReleased`.
 * Input: the catalog's URL, the JSON file, or a directory holding `known_exploited_vulnerabilities.json`.
 */
export const KEV_URL = 'https://www.cisa.gov/sites/default/files/feeds/known_exploited_vulnerabilities.json';
const FILE_NAME = 'known_exploited_vulnerabilities.json';

const DATE = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const Entry = z.object({
  cveID: z.string().regex(/^CVE-\d{4}-\d{4,19}$/),
  vendorProject: z.string().optional(),
  product: z.string().optional(),
  vulnerabilityName: z.string().optional(),
  dateAdded: DATE,
  dueDate: DATE.optional(),
  knownRansomwareCampaignUse: z.string().optional(),
});
const Catalog = z.object({
  catalogVersion: z.string().optional(),
  dateReleased: z.string().optional(),
  count: z.number().int().optional(),
  vulnerabilities: z.array(z.unknown()),
});

function issues(error: z.ZodError): string {
  return error.issues.map((i) => `${i.path.join('.') || '(document)'}: ${i.message}`).join('; ');
}

function toEntry(e: z.infer<typeof Entry>): KevEntry {
  const k: KevEntry = { cve: e.cveID, dateAdded: e.dateAdded };
  if (e.vendorProject) k.vendorProject = e.vendorProject;
  if (e.product) k.product = e.product;
  if (e.vulnerabilityName) k.name = e.vulnerabilityName;
  if (e.dueDate) k.dueDate = e.dueDate;
  if (e.knownRansomwareCampaignUse) k.knownRansomwareCampaignUse = e.knownRansomwareCampaignUse;
  return k;
}

/** Import a parsed catalog document; `where` names it in messages. */
export function importKevCatalog(json: unknown, where: string, sink: ImportSink): ImportResult {
  const parsed = Catalog.safeParse(json);
  if (!parsed.success) throw new AppError('INPUT', `${where}: not a KEV catalog (${issues(parsed.error)})`);
  const cat = parsed.data;
  const seen = new Set<string>();
  cat.vulnerabilities.forEach((raw, i) => {
    const e = Entry.safeParse(raw);
    if (!e.success) {
      const id = (raw as { cveID?: unknown } | null)?.cveID;
      sink.warn(`${where}: vulnerabilities[${i}]${typeof id === 'string' ? ` (${id})` : ''} ignored: ${issues(e.error)}`);
      return;
    }
    if (seen.has(e.data.cveID)) {
      sink.warn(`${where}: ${e.data.cveID} is listed twice; the first entry is kept`);
      return;
    }
    seen.add(e.data.cveID);
    sink.kev(toEntry(e.data));
  });
  if (cat.count !== undefined && cat.count !== cat.vulnerabilities.length) {
    sink.warn(`${where}: count says ${cat.count} entries, the catalog lists ${cat.vulnerabilities.length}`);
  }
  const released = cat.dateReleased !== undefined && !Number.isNaN(Date.parse(cat.dateReleased)) ? cat.dateReleased : undefined;
  if (cat.dateReleased !== undefined && released === undefined) sink.warn(`${where}: dateReleased "${cat.dateReleased}" is not a timestamp`);
  return released === undefined ? {} : { snapshot: released };
}

async function importKev(source: FeedSource, sink: ImportSink): Promise<ImportResult> {
  const rel = !source.remote && (await source.kind('')) === 'dir' ? FILE_NAME : '';
  const where = rel === '' ? source.location : `${source.location}/${rel}`;
  const bytes = await source.read(rel);
  let json: unknown;
  try {
    json = JSON.parse(Buffer.from(bytes).toString('utf8'));
  } catch (err) {
    throw new AppError('INPUT', `${where}: not valid JSON: ${errorMessage(err)}`);
  }
  return importKevCatalog(json, where, sink);
}

export const kevImporter: Importer = {
  id: 'kev',
  description: "CISA Known Exploited Vulnerabilities catalog: CVEs exploited in the wild, with CISA's due dates",
  version: 1,
  defaultUrls: [KEV_URL],
  import: importKev,
};
