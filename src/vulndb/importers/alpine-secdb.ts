import { AppError, errorMessage } from '../../core/errors.js';
import type { FeedSource, ImportResult, ImportSink, Importer } from '../importer.js';
import { SecdbAggregator } from './alpine/aggregate.js';
import { readSecdbDocument } from './alpine/secdb-document.js';
import { formatOfName, parseDocument } from './osv/parse.js';
import { CappedWarnings } from './osv/warnings.js';

/**
 * Alpine secdb (https://secdb.alpinelinux.org/): per branch and repository, the `secfixes` of every
 * origin (source) package. Sources:
 *   - the site (or a mirror URL): branches from the root index's `vX.Y/` links, else probed from a known
 *     list; then `<branch>/main.json` and `<branch>/community.json`;
 *   - one document (URL or file ending in .json/.yaml/.yml);
 *   - a local directory: every .json/.yaml/.yml below it — the site's layout (`v3.20/main.json`), the
 *     legacy YAML (`v3.9/main.yaml`), or Trivy's per-package split (`3.20/main/openssl.json`).
 * Namespace `alpine:<major.minor>` (or `alpine:edge`) from the document's `distroversion`, else its path.
 * Alpine publishes no timestamps in the secdb, so there is no snapshot time.
 */
export const SECDB_ROOT = 'https://secdb.alpinelinux.org/';
const REPOSITORIES = ['main', 'community'] as const;
const DOCUMENT = /\.(json|ya?ml)$/i;
/** Branches tried when the root index cannot be read or lists none: v3.0 … v3.30 and edge. */
const PROBED_BRANCHES = [...Array.from({ length: 31 }, (_, i) => `v3.${i}`), 'edge'];

/** `v3.20` / `3.20` / `edge` → the namespace's release part, else undefined. */
export function alpineRelease(text: string): string | undefined {
  const m = /^v?(\d+\.\d+)$/.exec(text.trim());
  if (m?.[1]) return m[1];
  return text.trim() === 'edge' ? 'edge' : undefined;
}

function releaseOfPath(relPath: string): string | undefined {
  const dirs = relPath.split('/').slice(0, -1).reverse();
  for (const d of dirs) {
    const r = alpineRelease(d);
    if (r !== undefined) return r;
  }
  return undefined;
}

function branchOrder(a: string, b: string): number {
  const key = (s: string): number[] => (s === 'edge' ? [Infinity] : s.replace(/^v/, '').split('.').map(Number));
  const [x, y] = [key(a), key(b)];
  return (x[0] ?? 0) - (y[0] ?? 0) || (x[1] ?? 0) - (y[1] ?? 0);
}

/** `vX.Y/` and `edge/` links of the secdb root's HTML index. */
export function branchesOfIndex(html: string): string[] {
  const found = new Set<string>();
  for (const m of html.matchAll(/href\s*=\s*["']?(?:\.\/)?(v\d+\.\d+|edge)\/?["'\s>]/gi)) if (m[1]) found.add(m[1]);
  return [...found].sort(branchOrder);
}

interface Doc {
  where: string;
  relPath: string;
  data: Uint8Array;
}

async function* remoteDocuments(source: FeedSource): AsyncIterable<Doc> {
  const index = await source.readOptional('').catch(() => undefined);
  const listed = index ? branchesOfIndex(new TextDecoder().decode(index)) : [];
  for (const branch of listed.length > 0 ? listed : PROBED_BRANCHES) {
    for (const repo of REPOSITORIES) {
      const relPath = `${branch}/${repo}.json`;
      const data = await source.readOptional(relPath);
      if (data) yield { where: `${source.location.replace(/\/$/, '')}/${relPath}`, relPath, data };
      else if (repo === 'main') break; // no main → no branch
    }
  }
}

async function* documents(source: FeedSource): AsyncIterable<Doc> {
  if (DOCUMENT.test(source.location.replace(/[?#].*$/, ''))) {
    yield { where: source.location, relPath: '', data: await source.read('') };
    return;
  }
  if (source.remote) return yield* remoteDocuments(source);
  const kind = await source.kind('');
  if (kind === 'missing') throw new AppError('NOT_FOUND', `${source.location} does not exist`);
  if (kind === 'file') {
    yield { where: source.location, relPath: '', data: await source.read('') };
    return;
  }
  for await (const rel of source.list('')) {
    if (DOCUMENT.test(rel)) yield { where: rel, relPath: rel, data: await source.read(rel) };
  }
}

function namespaceOf(distroversion: string | undefined, relPath: string, where: string, warn: (m: string) => void): string | undefined {
  const fromDoc = distroversion === undefined ? undefined : alpineRelease(distroversion);
  const fromPath = releaseOfPath(relPath);
  if (fromDoc !== undefined && fromPath !== undefined && fromDoc !== fromPath) {
    warn(`${where}: distroversion ${distroversion ?? ''} disagrees with the path; using the document's`);
  }
  const release = fromDoc ?? fromPath;
  return release === undefined ? undefined : `alpine:${release}`;
}

async function importSecdb(source: FeedSource, sink: ImportSink): Promise<ImportResult> {
  const warnings = new CappedWarnings(sink);
  const warn = (m: string): void => warnings.warn(m);
  const agg = new SecdbAggregator();
  let read = 0;
  for await (const doc of documents(source)) {
    let value: unknown;
    try {
      value = await parseDocument(doc.data, formatOfName(doc.where));
    } catch (err) {
      warn(`${doc.where}: ${errorMessage(err)}`);
      continue;
    }
    const parsed = readSecdbDocument(value, doc.where, warn);
    if (typeof parsed === 'string') {
      warn(`${doc.where}: ${parsed}`);
      continue;
    }
    const namespace = namespaceOf(parsed.distroversion, doc.relPath, doc.where, warn);
    if (namespace === undefined) {
      warn(`${doc.where}: no Alpine branch (neither a distroversion like "v3.20" nor a vX.Y directory); skipped`);
      continue;
    }
    agg.add(parsed, namespace, doc.where, warn);
    read++;
  }
  if (read === 0) throw new AppError('INPUT', `${source.location}: no readable Alpine secdb document`);
  agg.emit(sink, warn);
  warnings.finish();
  return {};
}

export const alpineSecdbImporter: Importer = {
  id: 'alpine-secdb',
  description: 'Alpine secdb: fixed versions (secfixes) of origin packages per Alpine branch',
  version: 1,
  defaultUrls: [SECDB_ROOT],
  import: importSecdb,
};
