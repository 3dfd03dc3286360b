import { schemeById } from '../../versioning/index.js';
import type { FeedSource, ImportResult, ImportSink, Importer } from '../importer.js';
import type { Advisory } from '../model.js';
import { parseAdvisoryList, type DebianAdvisoryEntry } from './debian/advisory-list.js';
import { parseCveList, type CveListEntry } from './debian/cve-list.js';
import { DEBIAN_DOCUMENT_URLS, DEBIAN_TRACKER_JSON_URL, readDebianDocuments, type DebianDocuments, type NamedDocument } from './debian/documents.js';
import { FactBook } from './debian/facts.js';
import type { Warn } from './debian/list-syntax.js';
import { applyAdvisories, applyCveList } from './debian/merge.js';
import { cveAdvisory, debianAdvisoryRecord, type RecordContext } from './debian/records.js';
import { DebianReleases } from './debian/releases.js';
import { readTrackerJson } from './debian/tracker-json.js';
import { vulnListEntryText } from './debian/vuln-list.js';

/**
 * The Debian security tracker. One import reads whichever of these a feed root holds (a directory
 * mirroring the URL paths, or a base URL; every document optional, at least one present):
 *
 *   tracker/data/json     https://security-tracker.debian.org/tracker/data/json (per-release verdicts)
 *   data/CVE/list         salsa security-tracker `data/CVE/list` (the text the JSON is computed from)
 *   data/DSA/list         salsa `data/DSA/list`, Debian Security Advisories
 *   data/DLA/list         salsa `data/DLA/list`, Debian LTS Advisories
 *   data/config.json      salsa `data/config.json`, the tracker's codenames
 *   tracker/CVE/**, tracker/DSA/*, tracker/DLA/*, tracker/distributions.json
 *                         a vuln-list-debian checkout (Trivy's JSON split of the same lists)
 *
 * A root that is one file is read as the document its content shows. Output: one advisory per CVE
 * (or TEMP-… id) with an affected entry per (SOURCE package, release) in `debian:<number>` /
 * `debian:unstable`, and one advisory per DSA/DLA (aliases = its CVEs). DSA/DLA fixed versions are
 * merged into the CVEs they name (merge.ts has the precedence rules, facts.ts the status mapping).
 *
 * `db update` reads `defaultDocuments` as one feed, each path from its own URL (sources/routed.ts):
 * the tracker JSON from security-tracker.debian.org, the DSA/DLA lists and config.json from salsa.
 * The JSON carries every release verdict (DSA/DLA fixes included); the lists add the DSA/DLA
 * advisories and their ids in the CVEs' `related`. data/CVE/list is left out: the JSON is computed
 * from it, so it would add only NOTEs and not-affected reasons, at the price of the largest
 * document, which changes with nearly every tracker commit (so a conditional GET rarely saves
 * it). A mirror directory or `--feed debian=<base URL>` may still hold it. `defaultUrls` is the
 * tracker JSON, the usual single-document `--feed debian=URL`. `DEBIAN_DOCUMENT_URLS` maps each
 * mirror path to its official URL.
 */
export const debianImporter: Importer = {
  id: 'debian',
  description: 'Debian security tracker: tracker JSON, data/CVE/list, DSA/DLA lists (or vuln-list-debian)',
  version: 1,
  defaultUrls: [DEBIAN_TRACKER_JSON_URL],
  defaultDocuments: Object.fromEntries(Object.entries(DEBIAN_DOCUMENT_URLS).filter(([rel]) => rel !== 'data/CVE/list')),
  async import(source: FeedSource, sink: ImportSink): Promise<ImportResult> {
    const docs = await readDebianDocuments(source);
    const { advisories, snapshot } = debianRecords(docs, (m) => sink.warn(m));
    for (const a of advisories) sink.advisory(a);
    return snapshot === undefined ? {} : { snapshot };
  },
};

const decoder = new TextDecoder();

function parseJsonDoc(doc: NamedDocument, warn: Warn): unknown {
  try {
    return JSON.parse(decoder.decode(doc.data));
  } catch (err) {
    warn(`${doc.name}: not JSON (${err instanceof Error ? err.message : String(err)}); ignored`);
    return undefined;
  }
}

function releasesOf(docs: DebianDocuments, warn: Warn): DebianReleases {
  const releases = new DebianReleases();
  if (docs.distributions) releases.addDistributionsJson(parseJsonDoc(docs.distributions, warn), docs.distributions.name, warn);
  if (docs.config) releases.addConfigJson(parseJsonDoc(docs.config, warn), docs.config.name, warn);
  return releases;
}

function cveEntries(docs: DebianDocuments, warn: Warn): CveListEntry[] {
  const entries: CveListEntry[] = [];
  if (docs.cveList) entries.push(...parseCveList(decoder.decode(docs.cveList.data), docs.cveList.name, warn).entries);
  for (const doc of docs.vulnListCves) {
    const text = vulnListEntryText(doc.data, doc.name, warn);
    if (text !== undefined) entries.push(...parseCveList(text, doc.name, warn).entries);
  }
  return entries;
}

function advisoryEntries(docs: DebianDocuments, warn: Warn): DebianAdvisoryEntry[] {
  const all: DebianAdvisoryEntry[] = [];
  for (const doc of [docs.dsaList, docs.dlaList]) if (doc) all.push(...parseAdvisoryList(decoder.decode(doc.data), doc.name, warn));
  for (const doc of docs.vulnListAdvisories) {
    const text = vulnListEntryText(doc.data, doc.name, warn);
    if (text !== undefined) all.push(...parseAdvisoryList(text, doc.name, warn));
  }
  const byId = new Map<string, DebianAdvisoryEntry>();
  for (const a of all) if (!byId.has(a.id)) byId.set(a.id, a); // the lists first, then vuln-list copies
  return [...byId.values()];
}

/** Every record the documents yield, in a stable order (CVEs by id, then DSAs/DLAs by id). */
export function debianRecords(docs: DebianDocuments, warn: Warn): { advisories: Advisory[]; snapshot?: string } {
  const deb = schemeById('deb');
  const releases = releasesOf(docs, warn);
  const book = new FactBook();
  if (docs.trackerJson) readTrackerJson(docs.trackerJson.data, docs.trackerJson.name, book, warn);
  applyCveList(book, cveEntries(docs, warn), releases);
  const advisories = advisoryEntries(docs, warn);
  applyAdvisories(book, advisories, (a, b) => deb.compare(a, b), warn);

  const unknown = new Map<string, number>();
  const ctx: RecordContext = {
    releases,
    checkVersion: (v) => void deb.parse(v),
    warn,
    unknownCodename: (c) => unknown.set(c, (unknown.get(c) ?? 0) + 1),
  };
  const out: Advisory[] = [];
  for (const id of [...book.cves.keys()].sort()) {
    const c = book.cves.get(id);
    const a = c && cveAdvisory(c, ctx);
    if (a) out.push(a);
  }
  let snapshot: string | undefined;
  for (const e of [...advisories].sort((x, y) => (x.id < y.id ? -1 : x.id > y.id ? 1 : 0))) {
    out.push(debianAdvisoryRecord(e, ctx));
    if (e.published !== undefined && (snapshot === undefined || e.published > snapshot)) snapshot = e.published;
  }
  for (const [codename, n] of unknown) warn(`unknown Debian release "${codename}" (${n} entries skipped): no release number known`);
  return snapshot === undefined ? { advisories: out } : { advisories: out, snapshot };
}
