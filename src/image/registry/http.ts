import type { IncomingHttpHeaders } from 'node:http';
import type { Readable } from 'node:stream';
import { request, type Dispatcher } from 'undici';
import { AppError, errorMessage, isAppError } from '../../core/errors.js';

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

/**
 * Send one request without following redirects. Network failures are thrown as they come; `signal`
 * aborts the request and the reading of its body.
 */
export async function sendOnce(dispatcher: Dispatcher, req: HttpRequest, signal?: AbortSignal): Promise<HttpResponse> {
  const res = await request(req.url, {
    method: req.method,
    headers: req.headers,
    body: req.body ?? null,
    dispatcher,
    ...(signal === undefined ? {} : { signal }),
  });
  return { status: res.statusCode, headers: res.headers as IncomingHttpHeaders, body: res.body, url: req.url };
}

/** Bodies we throw away (redirects, 401s, retried errors) are read this far at most. */
export const DISCARD_LIMIT = 64 * 1024;

/**
 * Throw the body away: a short one is drained so the connection can be reused, one longer than
 * `limit` bytes (declared or read) is destroyed, closing the connection. Never throws.
 */
export async function discard(res: HttpResponse, limit = DISCARD_LIMIT): Promise<void> {
  const body = res.body;
  // Errors after we gave up on the body must not become unhandled 'error' events.
  body.on('error', () => undefined);
  if (body.readableEnded || body.destroyed) return;
  const declared = Number(header(res, 'content-length'));
  if (Number.isFinite(declared) && declared > limit) {
    body.destroy();
    return;
  }
  await new Promise<void>((resolve) => {
    let seen = 0;
    const done = (): void => {
      body.off('data', onData);
      body.off('end', done);
      body.off('close', done);
      body.off('error', done);
      resolve();
    };
    const onData = (chunk: Buffer): void => {
      seen += chunk.length;
      if (seen > limit) {
        done();
        body.destroy();
      }
    };
    body.on('data', onData);
    body.once('end', done);
    body.once('close', done);
    body.once('error', done);
  });
}

/**
 * Read a whole body; more than `maxBytes` (by Content-Length up front, or while reading) is AppError
 * LIMIT naming `what`. Transport failures are thrown as they come (the retry loop judges them).
 */
export async function readBodyRaw(res: HttpResponse, maxBytes: number, what: string): Promise<Buffer> {
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

/**
 * Read a whole response body, refusing more than `maxBytes` (by Content-Length up front, or while
 * reading) with AppError LIMIT naming `what`; a connection that fails meanwhile is AppError NETWORK.
 */
export async function readBody(res: HttpResponse, maxBytes: number, what: string): Promise<Buffer> {
  try {
    return await readBodyRaw(res, maxBytes, what);
  } catch (err) {
    if (isAppError(err)) throw err;
    res.body.destroy();
    throw new AppError('NETWORK', `${what}: reading the answer from ${res.url.host} failed (${errorMessage(err)})`, { cause: err });
  }
}

/** A short, bounded read of an error body (for registry JSON errors); never throws. */
export async function readErrorBody(res: HttpResponse): Promise<Buffer> {
  try {
    return await readBody(res, 64 * 1024, 'error body');
  } catch {
    return Buffer.alloc(0);
  }
}
