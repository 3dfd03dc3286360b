/**
 * Test harness: a loopback HTTP server (node:http on 127.0.0.1, a free port) that serves a directory
 * tree at the feeds' real URL paths — serve ../shared/vulndata/alpine/secdb-reassembled and
 * `${server.url}v3.20/main.json` answers like https://secdb.alpinelinux.org/v3.20/main.json.
 *
 *   const server = await startFeedServer({ root: dir, gzip: true });
 *   server.url                      'http://127.0.0.1:PORT/' (trailing slash; append feed paths)
 *   server.requests                 every request: { method, path, status, headers } (lower-case names)
 *   server.fail({ path: 'v3.20/main.json', kind: 'status', status: 503, retryAfter: 0, times: 2 })
 *   server.fail({ kind: 'truncate' })  // announce the full length, send half, drop the connection
 *   server.fail({ kind: 'wrong-length', extra: 10 })  // Content-Length too large by `extra`, then close
 *   server.fail({ kind: 'die' })       // drop the connection without an answer
 *   server.clearFailures(); await server.stop();
 *
 * Files get a strong ETag (content hash) and Last-Modified (mtime); If-None-Match /
 * If-Modified-Since answer 304. HEAD works. With `gzip: true`, clients that accept gzip get
 * `Content-Encoding: gzip`. Files are read per request, so a test may change them between runs.
 * `route` answers paths that are not files (an API with query parameters, say) — return undefined
 * to fall through to the directory. Failure rules match a path (string without the leading `/`,
 * or RegExp on it; default: every path) and apply `times` times (default: forever), oldest first.
 */
import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { createServer, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolve, sep } from 'node:path';
import { gzipSync } from 'node:zlib';

export type FailureRule = { path?: string | RegExp; times?: number } & (
  | { kind: 'status'; status: number; retryAfter?: number }
  | { kind: 'truncate' }
  | { kind: 'wrong-length'; extra?: number }
  | { kind: 'die' }
);

export interface LoggedRequest {
  method: string;
  /** Path and query without the leading `/`, as requested (`v3.20/main.json`). */
  path: string;
  status: number;
  headers: IncomingHttpHeaders;
}

export interface RouteAnswer {
  status?: number;
  body: string | Buffer;
  headers?: Record<string, string>;
}

export interface FeedServerOptions {
  root: string;
  gzip?: boolean;
  route?: (path: string, query: URLSearchParams) => RouteAnswer | undefined;
}

export interface FeedServer {
  url: string;
  port: number;
  requests: LoggedRequest[];
  fail(rule: FailureRule): void;
  clearFailures(): void;
  stop(): Promise<void>;
}

interface Doc {
  status: number;
  body: Buffer;
  headers: Record<string, string>;
}

async function fileDoc(root: string, path: string, reqHeaders: IncomingHttpHeaders): Promise<Doc> {
  const file = resolve(root, decodeURIComponent(path));
  const st = file === root || file.startsWith(root + sep) ? await stat(file).catch(() => undefined) : undefined;
  if (!st?.isFile()) return { status: 404, body: Buffer.from('not found\n'), headers: { 'content-type': 'text/plain' } };
  const body = await readFile(file);
  const etag = `"${createHash('sha256').update(body).digest('hex').slice(0, 24)}"`;
  const lastModified = new Date(Math.floor(st.mtimeMs / 1000) * 1000).toUTCString();
  const headers = { etag, 'last-modified': lastModified, 'content-type': file.endsWith('.json') ? 'application/json' : 'application/octet-stream' };
  const inm = reqHeaders['if-none-match'];
  const ims = reqHeaders['if-modified-since'];
  const etagMatch = inm !== undefined && inm.split(',').some((t) => t.trim().replace(/^W\//, '') === etag || t.trim() === '*');
  const notModifiedSince = inm === undefined && ims !== undefined && Date.parse(ims) >= Date.parse(lastModified);
  if (etagMatch || notModifiedSince) return { status: 304, body: Buffer.alloc(0), headers };
  return { status: 200, body, headers };
}

function send(req: IncomingMessage, res: ServerResponse, doc: Doc, gzip: boolean, rule: FailureRule | undefined): void {
  let body = doc.body;
  const headers: Record<string, string> = { ...doc.headers };
  if (gzip && doc.status === 200 && /\bgzip\b/.test(req.headers['accept-encoding'] ?? '')) {
    body = gzipSync(body);
    headers['content-encoding'] = 'gzip';
  }
  headers['content-length'] = String(body.length + (rule?.kind === 'wrong-length' ? (rule.extra ?? 10) : 0));
  res.writeHead(doc.status, headers);
  if (req.method === 'HEAD' || doc.status === 304) {
    res.end();
    return;
  }
  if (rule?.kind === 'truncate') {
    res.write(body.subarray(0, Math.floor(body.length / 2)), () => res.destroy());
    return;
  }
  if (rule?.kind === 'wrong-length') {
    res.write(body, () => res.destroy());
    return;
  }
  res.end(body);
}

export async function startFeedServer(options: FeedServerOptions): Promise<FeedServer> {
  const root = resolve(options.root);
  const requests: LoggedRequest[] = [];
  let rules: Array<FailureRule & { left: number }> = [];
  const takeRule = (path: string): FailureRule | undefined => {
    const i = rules.findIndex((r) => r.left > 0 && (r.path === undefined || (typeof r.path === 'string' ? r.path === path : r.path.test(path))));
    const rule = rules[i];
    if (rule === undefined) return undefined;
    rule.left--;
    return rule;
  };
  const server = createServer((req, res) => {
    void (async () => {
      const u = new URL(req.url ?? '/', 'http://127.0.0.1');
      const path = u.pathname.replace(/^\//, '');
      const rule = takeRule(path);
      const log = (status: number): void => void requests.push({ method: req.method ?? '', path: `${path}${u.search}`, status, headers: req.headers });
      if (rule?.kind === 'die') {
        log(0);
        req.socket.destroy();
        return;
      }
      if (rule?.kind === 'status') {
        log(rule.status);
        res.writeHead(rule.status, { 'content-type': 'text/plain', ...(rule.retryAfter !== undefined ? { 'retry-after': String(rule.retryAfter) } : {}) });
        res.end('injected failure\n');
        return;
      }
      const routed = options.route?.(path, u.searchParams);
      const doc: Doc = routed
        ? { status: routed.status ?? 200, body: Buffer.from(routed.body), headers: routed.headers ?? {} }
        : await fileDoc(root, path, req.headers);
      log(doc.status);
      send(req, res, doc, options.gzip === true, rule);
    })().catch(() => res.destroy());
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}/`,
    port,
    requests,
    fail: (rule) => void rules.push({ ...rule, left: rule.times ?? Number.POSITIVE_INFINITY }),
    clearFailures: () => void (rules = []),
    stop: () =>
      new Promise<void>((ok) => {
        server.closeAllConnections();
        server.close(() => ok());
      }),
  };
}
