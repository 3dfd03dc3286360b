import { AppError } from '../../core/errors.js';

/**
 * Feed URLs: the root a feed's relative document paths resolve against, and the redacted form used
 * in every message, log line and DB row (user info and secret-looking query values never appear).
 */

const SECRET_PARAM = /key|token|secret|pass|auth|sig|credential/i;

/** `https://user:***@host/path?api_key=***`: safe to print and to store. */
export function redactUrl(url: URL | string): string {
  let u: URL;
  try {
    u = new URL(String(url));
  } catch {
    return '<invalid URL>';
  }
  if (u.username) u.username = '***';
  if (u.password) u.password = '***';
  for (const key of [...u.searchParams.keys()]) if (SECRET_PARAM.test(key)) u.searchParams.set(key, '***');
  return u.toString();
}

/** Parse a feed location given as an http(s) URL. */
export function parseFeedUrl(location: string): URL {
  let u: URL;
  try {
    u = new URL(location);
  } catch {
    throw new AppError('USAGE', `feed location ${redactUrl(location)} is not a valid URL`);
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') throw new AppError('USAGE', `feed URL ${redactUrl(u)} must be http:// or https://`);
  u.hash = '';
  return u;
}

/**
 * The URL of `relPath` under a feed root: `''` is the root itself; any other path is resolved below
 * the root as a directory (`https://h/feed` + `v3.20/main.json` → `https://h/feed/v3.20/main.json`).
 * Paths that would leave the root (`..`, absolute, another scheme or host) are refused. A relative
 * path may carry its own query (`rest/json/cves/2.0?startIndex=0`).
 */
export function resolveFeedUrl(root: URL, relPath: string): URL {
  if (relPath === '') return new URL(root);
  if (relPath.startsWith('/') || relPath.startsWith('\\')) throw new AppError('INPUT', `feed path ${relPath} is not relative to ${redactUrl(root)}`);
  const base = new URL(root);
  base.search = '';
  if (!base.pathname.endsWith('/')) base.pathname += '/';
  const resolved = new URL(`./${relPath}`, base);
  if (resolved.origin !== base.origin || !resolved.pathname.startsWith(base.pathname)) {
    throw new AppError('INPUT', `feed path ${relPath} leaves ${redactUrl(root)}`);
  }
  return resolved;
}

/** Basic credentials from a URL's user info (`https://user:pass@host/`), as a header value. */
export function basicAuthOf(url: URL): string | undefined {
  if (!url.username && !url.password) return undefined;
  const user = decodeURIComponent(url.username);
  const pass = decodeURIComponent(url.password);
  return `Basic ${Buffer.from(`${user}:${pass}`).toString('base64')}`;
}

/** The URL without user info (credentials travel in a header, never in the request line). */
export function withoutCredentials(url: URL): URL {
  const u = new URL(url);
  u.username = '';
  u.password = '';
  return u;
}
