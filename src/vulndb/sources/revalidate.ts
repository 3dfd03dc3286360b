import type { DocumentRecord, TrackedFeedSource } from './http.js';
import type { FeedSource } from '../importer.js';

/** Does this source record its documents (HttpFeedSource, RoutedFeedSource)? */
export function isTracked(source: FeedSource): source is TrackedFeedSource {
  const s = source as Partial<TrackedFeedSource>;
  return source.remote && typeof s.document === 'function' && typeof s.documents === 'function' && typeof s.close === 'function';
}

/** The `documents` JSON a previous build stored for a feed, if it is well-formed. */
export function parseDocumentRecords(v: unknown): DocumentRecord[] | undefined {
  if (!Array.isArray(v)) return undefined;
  const out: DocumentRecord[] = [];
  for (const d of v as unknown[]) {
    const o = d as Record<string, unknown>;
    if (typeof o !== 'object' || o === null || typeof o['path'] !== 'string') return undefined;
    const state = o['state'];
    if (state !== 'file' && state !== 'exists' && state !== 'missing') return undefined;
    const rec: DocumentRecord = { path: o['path'], state };
    if (typeof o['sha256'] === 'string') rec.sha256 = o['sha256'];
    out.push(rec);
  }
  return out;
}

/**
 * Has a remote feed stayed the same since the build that recorded `previous`? Every document the
 * importer touched then is asked again — a conditional GET (304, or the same content hash) for
 * documents it read, HEAD for those it only probed or found missing. The answers land in the
 * source's download cache, so a rebuild that follows reads them without asking twice. Local
 * feeds are always considered changed (re-reading a local mirror is cheap).
 */
export async function unchangedSince(source: FeedSource, previous: unknown): Promise<boolean> {
  if (!isTracked(source)) return false;
  const docs = parseDocumentRecords(previous);
  if (docs === undefined || docs.length === 0) return false;
  for (const d of docs) {
    if (d.state === 'file') {
      const now = await source.document(d.path);
      if (now.state !== 'file' || now.sha256 !== d.sha256) return false;
    } else {
      const kind = await source.kind(d.path);
      if (kind !== (d.state === 'missing' ? 'missing' : 'file')) return false;
    }
  }
  return true;
}
