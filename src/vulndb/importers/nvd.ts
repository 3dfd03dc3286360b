import { setTimeout as sleep } from 'node:timers/promises';
import { gunzipSync } from 'node:zlib';
import { AppError, errorMessage } from '../../core/errors.js';
import type { FeedSource, Importer, ImportResult, ImportSink } from '../importer.js';
import { convertNvdCve, nvdTime } from './nvd/record.js';

/**
 * NVD CVE records (API 2.0 JSON) → per-CVE enrichment: CVSS v2/v3.x/v4 ratings by NVD (`nvd`) and by
 * CNAs/ADPs (their source identifier), CWEs, description, references. See nvd/record.ts for what is read
 * and why CPE configurations are not.
 *
 * Inputs:
 *  - the API (`db update`): the feed URL is the API's parent, `https://services.nvd.nist.gov/rest/json/cves`,
 *    and pages are read as `2.0?resultsPerPage=2000&startIndex=N` below it (a feed root is resolved as
 *    a directory, so the endpoint itself cannot be the root). NVD asks clients without an API key to
 *    wait about 6 s between requests; an API key (the `apiKey` request header) allows more, but the
 *    HTTP source cannot send one yet;
 *  - local files or directories (read recursively) of JSON documents in any of these shapes: an API
 *    response page (`{"format":"NVD_CVE","vulnerabilities":[{"cve":{…}}]}`), one CVE object (the
 *    fkie-cad/nvd-json-data-feeds repository tree, `CVE-YYYY/CVE-YYYY-NNxx/CVE-YYYY-NNNNN.json`), or an
 *    fkie-cad release feed after decompression (`{"timestamp","cve_items":[…]}`). gzip is read; xz (the
 *    fkie-cad release archives) is not: Node has no xz decoder, so `xz -d` them first. Each document is
 *    parsed whole, so a single document must stay under Node's string limit (~512 MiB): use the
 *    per-year release files or the repository tree, not `CVE-all.json`.
 */
export const NVD_API_ROOT = 'https://services.nvd.nist.gov/rest/json/cves';
const API_VERSION = '2.0';
export const NVD_PAGE_SIZE = 2000;

interface State {
  sink: ImportSink;
  /** Newest response/release timestamp seen, else newest lastModified. */
  stamp: string | undefined;
  newestModified: string | undefined;
  count: number;
}

function later(a: string | undefined, b: string | undefined): string | undefined {
  if (a === undefined) return b;
  if (b === undefined) return a;
  return b > a ? b : a;
}

function decodeJson(bytes: Uint8Array, where: string): unknown {
  let data = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (data[0] === 0xfd && data.subarray(1, 6).toString('latin1') === '7zXZ\u0000') {
    throw new AppError('UNSUPPORTED', `${where}: xz-compressed (an fkie-cad release archive?); decompress it first (xz -d)`);
  }
  if (data[0] === 0x1f && data[1] === 0x8b) {
    try {
      data = gunzipSync(data);
    } catch (err) {
      throw new AppError('INPUT', `${where}: corrupt gzip data: ${errorMessage(err)}`);
    }
  }
  try {
    return JSON.parse(data.toString('utf8'));
  } catch (err) {
    throw new AppError('INPUT', `${where}: not valid JSON: ${errorMessage(err)}`);
  }
}

function emitCve(state: State, json: unknown, where: string): void {
  const c = convertNvdCve(json, where);
  for (const w of c.warnings) state.sink.warn(w);
  if (!c.record) return;
  state.sink.cve(c.record);
  state.count++;
  state.newestModified = later(state.newestModified, c.record.modified);
}

/** One document of any accepted shape; returns how many CVE entries it listed. */
function emitDocument(state: State, json: unknown, where: string): number {
  if (typeof json !== 'object' || json === null || Array.isArray(json)) throw new AppError('INPUT', `${where}: expected a JSON object`);
  const doc = json as Record<string, unknown>;
  if (Array.isArray(doc['vulnerabilities'])) {
    if (doc['format'] !== undefined && doc['format'] !== 'NVD_CVE') state.sink.warn(`${where}: format "${String(doc['format'])}", expected NVD_CVE`);
    const items = doc['vulnerabilities'] as unknown[];
    items.forEach((item, i) => emitCve(state, (item as { cve?: unknown } | null)?.cve, `${where} vulnerabilities[${i}]`));
    state.stamp = later(state.stamp, typeof doc['timestamp'] === 'string' ? nvdTime(doc['timestamp']) : undefined);
    return items.length;
  }
  if (Array.isArray(doc['cve_items'])) {
    const items = doc['cve_items'] as unknown[];
    items.forEach((item, i) => emitCve(state, item, `${where} cve_items[${i}]`));
    state.stamp = later(state.stamp, typeof doc['timestamp'] === 'string' ? nvdTime(doc['timestamp']) : undefined);
    return items.length;
  }
  if (typeof doc['id'] === 'string') {
    emitCve(state, doc, where);
    return 1;
  }
  throw new AppError('INPUT', `${where}: neither an NVD API response, a CVE record nor an fkie-cad feed`);
}

async function importLocal(source: FeedSource, state: State): Promise<void> {
  if ((await source.kind('')) !== 'dir') {
    emitDocument(state, decodeJson(await source.read(''), source.location), source.location);
    return;
  }
  for await (const rel of source.list('')) {
    if (!/\.json(\.gz)?$/.test(rel)) {
      if (/\.json\.xz$/.test(rel)) state.sink.warn(`${rel}: xz-compressed; not read (decompress it first: xz -d)`);
      continue;
    }
    try {
      emitDocument(state, decodeJson(await source.read(rel), rel), rel);
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
      state.sink.warn(err.message);
    }
  }
}

async function importApi(source: FeedSource, state: State, pageDelayMs: number): Promise<void> {
  if (/\/2\.0\/?(\?.*)?$/.test(source.location)) {
    throw new AppError('USAGE', `${source.location}: give the NVD API's parent URL (…/rest/json/cves); drydock appends /${API_VERSION}?startIndex=…`);
  }
  let start = 0;
  for (;;) {
    const rel = `${API_VERSION}?resultsPerPage=${NVD_PAGE_SIZE}&startIndex=${start}`;
    const where = `${source.location}/${rel}`;
    const page = decodeJson(await source.read(rel), where) as Record<string, unknown> | null;
    const total = page?.['totalResults'];
    if (typeof total !== 'number' || !Array.isArray(page?.['vulnerabilities'])) {
      throw new AppError('INPUT', `${where}: not an NVD API 2.0 response (no totalResults/vulnerabilities)`);
    }
    const n = emitDocument(state, page, where);
    start += n;
    if (start >= total) return;
    if (n === 0) throw new AppError('INPUT', `${where}: empty page, but totalResults is ${total}`);
    if (pageDelayMs > 0) await sleep(pageDelayMs);
  }
}

export interface NvdImporterOptions {
  /** Pause between API pages (NVD's public rate limit); 0 for mirrors and tests. */
  pageDelayMs?: number;
}

export function createNvdImporter(options: NvdImporterOptions = {}): Importer {
  const pageDelayMs = options.pageDelayMs ?? 6000;
  return {
    id: 'nvd',
    description: 'NVD CVE records (API 2.0 JSON): CVSS ratings by NVD and CNAs, CWEs, references per CVE',
    version: 1,
    defaultUrls: [NVD_API_ROOT],
    async import(source: FeedSource, sink: ImportSink): Promise<ImportResult> {
      const state: State = { sink, count: 0, stamp: undefined, newestModified: undefined };
      if (!source.remote) await importLocal(source, state);
      else if (/\.json(\.gz)?$/.test(source.location.split('?')[0] ?? '')) {
        // A mirror's document (an fkie-cad release feed, one API page), not the paged API.
        emitDocument(state, decodeJson(await source.read(''), source.location), source.location);
      } else await importApi(source, state, pageDelayMs);
      const snapshot = state.stamp ?? state.newestModified;
      return snapshot === undefined ? {} : { snapshot };
    },
  };
}

export const nvdImporter: Importer = createNvdImporter();
