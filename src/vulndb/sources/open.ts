import { stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { AppError } from '../../core/errors.js';
import type { FeedSource } from '../importer.js';
import { HttpFeedSource, type HttpFeedSourceOptions } from './http.js';
import { LocalFeedSource } from './local.js';

export type OpenFeedOptions = HttpFeedSourceOptions & {
  /** Relative local paths resolve against this directory (the CLI's cwd); default: the process's. */
  cwd?: string;
};

/** Does this feed location name a URL (http:// or https://, any case)? Anything else is a path. */
export function isUrlLocation(location: string): boolean {
  return /^https?:\/\//i.test(location);
}

/**
 * The FeedSource for `--feed KIND=LOCATION`: an http(s) URL is fetched (through the download cache,
 * refused with --offline); anything else is a local file or directory, which must exist.
 */
export async function openFeedSource(location: string, opts: OpenFeedOptions): Promise<FeedSource> {
  if (isUrlLocation(location)) return new HttpFeedSource(location, opts);
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(location)) {
    throw new AppError('USAGE', `feed ${opts.feed}: unsupported URL scheme in ${location.replace(/\/\/[^/@]*@/, '//***@')} (use http://, https:// or a local path)`);
  }
  const path = resolve(opts.cwd ?? process.cwd(), location);
  const st = await stat(path).catch(() => undefined);
  if (st === undefined) throw new AppError('NOT_FOUND', `feed ${opts.feed}: ${location} does not exist`);
  return new LocalFeedSource(path, opts.maxDocumentBytes === undefined ? {} : { maxDocumentBytes: opts.maxDocumentBytes });
}
