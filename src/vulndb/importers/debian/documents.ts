import { AppError } from '../../../core/errors.js';
import type { FeedSource } from '../../importer.js';
import { RoutedFeedSource } from '../../sources/routed.js';

/**
 * Where the Debian documents live under a feed root (a local directory or a base URL), each path
 * mirroring the document's real URL:
 *
 *   tracker/data/json            https://security-tracker.debian.org/tracker/data/json
 *   data/CVE/list                https://salsa.debian.org/security-tracker-team/security-tracker/-/raw/master/data/CVE/list
 *   data/DSA/list                …/raw/master/data/DSA/list
 *   data/DLA/list                …/raw/master/data/DLA/list
 *   data/config.json             …/raw/master/data/config.json   (the tracker's codenames)
 *   tracker/CVE/**.json, tracker/DSA/*.json, tracker/DLA/*.json, tracker/distributions.json
 *                                a checkout of aquasecurity/vuln-list-debian (local roots only)
 *
 * Every document is optional; at least one must be there. A root that is a single file is one
 * document, recognised by its content.
 */

const SALSA_RAW = 'https://salsa.debian.org/security-tracker-team/security-tracker/-/raw/master/';
export const DEBIAN_TRACKER_JSON_URL = 'https://security-tracker.debian.org/tracker/data/json';

/** Mirror path → the official URL it copies. */
export const DEBIAN_DOCUMENT_URLS: Readonly<Record<string, string>> = {
  'tracker/data/json': DEBIAN_TRACKER_JSON_URL,
  'data/CVE/list': `${SALSA_RAW}data/CVE/list`,
  'data/DSA/list': `${SALSA_RAW}data/DSA/list`,
  'data/DLA/list': `${SALSA_RAW}data/DLA/list`,
  'data/config.json': `${SALSA_RAW}data/config.json`,
};

export interface NamedDocument {
  /** Feed location + path, for messages. */
  name: string;
  data: Uint8Array;
}

type SingleKey = 'trackerJson' | 'cveList' | 'dsaList' | 'dlaList' | 'config' | 'distributions';

export type DebianDocuments = { [K in SingleKey]?: NamedDocument } & {
  vulnListCves: NamedDocument[];
  vulnListAdvisories: NamedDocument[];
};

function nameOf(source: FeedSource, rel: string): string {
  if (source instanceof RoutedFeedSource) return source.describe(rel);
  if (rel === '') return source.location;
  return source.location.endsWith('/') ? `${source.location}${rel}` : `${source.location}/${rel}`;
}

/** What kind of document a lone file is, from its first bytes. */
export function sniff(data: Uint8Array): 'trackerJson' | 'vulnList' | 'cveList' | 'dsaList' | 'dlaList' | 'distributions' | undefined {
  const head = new TextDecoder().decode(data.subarray(0, 4096)).replace(/^\uFEFF/, '').trimStart();
  if (head.startsWith('{')) {
    if (/^\{\s*"Header"\s*:/.test(head)) return 'vulnList';
    if (/"major-version"\s*:/.test(head)) return 'distributions';
    return 'trackerJson';
  }
  if (/^(CVE-\d{4}-|TEMP-\d)/.test(head)) return 'cveList';
  const adv = /^\[\d\d [A-Z][a-z]{2} \d{4}\] (DSA|DLA)-/.exec(head);
  if (adv) return adv[1] === 'DSA' ? 'dsaList' : 'dlaList';
  return undefined;
}

const NOT_A_DOCUMENT = 'not a Debian tracker document (expected tracker JSON, data/CVE/list, a DSA/DLA list or a vuln-list-debian entry)';

/** Read the root as one document; false when it is none (a remote root may be a directory's web page). */
async function readSingle(source: FeedSource, docs: DebianDocuments): Promise<boolean> {
  const doc = { name: source.location, data: await source.read('') };
  const kind = sniff(doc.data);
  if (kind === undefined || kind === 'distributions') {
    if (source.remote) return false;
    throw new AppError('INPUT', `${source.location}: ${NOT_A_DOCUMENT}`);
  }
  if (kind === 'vulnList') {
    const text = new TextDecoder().decode(doc.data);
    (/"ID"\s*:\s*"D[SL]A-/.test(text) ? docs.vulnListAdvisories : docs.vulnListCves).push(doc);
  } else docs[kind] = doc;
  return true;
}

/**
 * A local root that is a file, or a URL not ending in `/` (HEAD on a directory URL often answers
 * 200). A routed feed (`db update`'s default: each path at its own URL) is never one document.
 */
async function isSingleDocument(source: FeedSource): Promise<boolean> {
  if (source instanceof RoutedFeedSource) return false;
  if (!source.remote) return (await source.kind('')) === 'file';
  try {
    return !new URL(source.location).pathname.endsWith('/');
  } catch {
    return true;
  }
}

async function listJson(source: FeedSource, dir: string, out: NamedDocument[]): Promise<void> {
  if ((await source.kind(dir)) !== 'dir') return;
  for await (const rel of source.list(dir)) {
    if (rel.endsWith('.json')) out.push({ name: nameOf(source, rel), data: await source.read(rel) });
  }
}

/** Read every Debian document the source holds. Throws AppError INPUT when it holds none. */
export async function readDebianDocuments(source: FeedSource): Promise<DebianDocuments> {
  const docs: DebianDocuments = { vulnListCves: [], vulnListAdvisories: [] };
  if ((await isSingleDocument(source)) && (await readSingle(source, docs))) return docs;
  const single: Array<[SingleKey, string]> = [
    ['trackerJson', 'tracker/data/json'],
    ['cveList', 'data/CVE/list'],
    ['dsaList', 'data/DSA/list'],
    ['dlaList', 'data/DLA/list'],
    ['config', 'data/config.json'],
    ['distributions', 'tracker/distributions.json'],
  ];
  for (const [key, rel] of single) {
    const data = await source.readOptional(rel);
    if (data) docs[key] = { name: nameOf(source, rel), data };
  }
  if (!source.remote) {
    await listJson(source, 'tracker/CVE', docs.vulnListCves);
    await listJson(source, 'tracker/DSA', docs.vulnListAdvisories);
    await listJson(source, 'tracker/DLA', docs.vulnListAdvisories);
  }
  const found = docs.trackerJson ?? docs.cveList ?? docs.dsaList ?? docs.dlaList;
  if (!found && docs.vulnListCves.length === 0 && docs.vulnListAdvisories.length === 0) {
    throw new AppError(
      'INPUT',
      `${source.location} holds no Debian tracker document (looked for ${Object.keys(DEBIAN_DOCUMENT_URLS).join(', ')} and vuln-list-debian's tracker/CVE, tracker/DSA, tracker/DLA)`,
    );
  }
  return docs;
}
