import type { IncomingHttpHeaders } from 'node:http';
import type { Readable } from 'node:stream';
import { request, type Dispatcher } from 'undici';
import { AppError } from '../../core/errors.js';

export type HttpMethod = 'GET' | 'HEAD' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** One HTTP exchange. Bodies are buffers so a request can be replayed (retry, re-auth, redirect). */
export interface HttpRequest {
  method: HttpMethod;
  url: URL;
  headers: Record<string, string>;
  body?: Buffer;
}

export interface HttpResponse {
  status: number;
  headers: IncomingHttpHeaders;
  body: Readable;
  /** The URL that produced this response (after redirects). */
  url: URL;
}

/** First value of a response header. */
export function header(res: Pick<HttpResponse, 'headers'>, name: string): string | undefined {
  const v = res.headers[name.toLowerCase()];
  return Array.isArray(v) ? v[0] : v;
}

/** Every value of a response header (WWW-Authenticate may repeat). */
export function headerValues(res: Pick<HttpResponse, 'headers'>, name: string): string[] {
  const v = res.headers[name.toLowerCase()];
  if (v === undefined) return [];
  return Array.isArray(v) ? v : [v];
}

/** Send one request without following redirects. Network failures are thrown as they come. */
export async function sendOnce(dispatcher: Dispatcher, req: HttpRequest): Promise<HttpResponse> {
  const res = await request(req.url, {
    method: req.method,
    headers: req.headers,
    body: req.body ?? null,
    dispatcher,
  });
  return { status: res.statusCode, headers: res.headers as IncomingHttpHeaders, body: res.body, url: req.url };
}

/** Throw the body away so the connection can be reused. */
export async function discard(res: HttpResponse): Promise<void> {
  res.body.resume();
  await new Promise<void>((resolve) => {
    if (res.body.readableEnded || res.body.destroyed) return resolve();
    res.body.once('end', resolve);
    res.body.once('error', () => resolve());
    res.body.once('close', resolve);
  });
}

/**
 * Read a whole response body, refusing more than `maxBytes` (by Content-Length up front, or while
 * reading) with AppError LIMIT naming `what`.
 */
export async function readBody(res: HttpResponse, maxBytes: number, what: string): Promise<Buffer> {
  const declared = Number(header(res, 'content-length'));
  if (Number.isFinite(declared) && declared > maxBytes) {
    res.body.destroy();
    throw new AppError('LIMIT', `${what}: ${declared} bytes is more than the limit of ${maxBytes}`);
  }
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of res.body as AsyncIterable<Buffer>) {
    total += chunk.length;
    if (total > maxBytes) {
      res.body.destroy();
      throw new AppError('LIMIT', `${what}: more than the limit of ${maxBytes} bytes`);
    }
    chunks.push(chunk);
  }
  return Buffer.concat(chunks, total);
}

/** A short, bounded read of an error body (for registry JSON errors); never throws. */
export async function readErrorBody(res: HttpResponse): Promise<Buffer> {
  try {
    return await readBody(res, 64 * 1024, 'error body');
  } catch {
    return Buffer.alloc(0);
  }
}
