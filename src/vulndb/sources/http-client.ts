import { createHash } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { Transform, type TransformCallback } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGunzip } from 'node:zlib';
import { Agent } from 'undici';
import { AppError, errorMessage, isAppError } from '../../core/errors.js';
import { discard, header, sendOnce, type HttpMethod, type HttpResponse } from '../../image/registry/http.js';
import { isRetryableNetworkError, toNetworkError } from '../../image/registry/network-errors.js';
import { DEFAULT_RETRY, type RetryOptions } from '../../image/registry/options.js';
import { parseRetryAfter, withRetry } from '../../image/registry/retry.js';
import { redactUrl } from './feed-url.js';

export interface FeedHttpOptions {
  retry: RetryOptions;
  /** From sending a request to its response headers. */
  headersTimeoutMs: number;
  /** Idle time between two chunks of a body (a large feed streams as long as data flows). */
  bodyTimeoutMs: number;
  maxRedirects: number;
  userAgent: string;
}

export const DEFAULT_FEED_HTTP: FeedHttpOptions = {
  retry: DEFAULT_RETRY,
  headersTimeoutMs: 30_000,
  bodyTimeoutMs: 60_000,
  maxRedirects: 5,
  userAgent: 'drydock',
};

export type GetResult =
  | { status: 'not-modified' }
  | { status: 'missing' }
  | { status: 'ok'; sha256: string; size: number; etag?: string; lastModified?: string };

export interface GetRequest {
  auth?: string | undefined;
  etag?: string | undefined;
  lastModified?: string | undefined;
  /** Where a 200 body goes (decoded, hashed, capped). */
  tmpPath: string;
  maxBytes: number;
}

/** A body that broke off, was shorter than announced or did not decode: worth another try. */
class BodyError extends Error {}

const REDIRECTS = new Set([301, 302, 303, 307, 308]);
const ENCODINGS = new Set(['identity', 'gzip', 'x-gzip']);

/**
 * HTTP for feed documents: GET/HEAD over undici with timeouts, redirects (never downgrading HTTPS,
 * never carrying credentials to another origin), retries with backoff on network errors, truncated
 * bodies, 429 and 5xx (honouring Retry-After), conditional GETs, and gzip content-encoding decoded
 * on the fly. URLs in messages are redacted.
 */
export class FeedHttpClient {
  private readonly agent: Agent;

  constructor(private readonly opts: FeedHttpOptions) {
    this.agent = new Agent({ headersTimeout: opts.headersTimeoutMs, bodyTimeout: opts.bodyTimeoutMs });
  }

  async close(): Promise<void> {
    await this.agent.close();
  }

  /** Status of a HEAD request after redirects and retries: 'file', 'missing', or the status code HEAD got. */
  async head(url: URL, auth: string | undefined): Promise<'file' | 'missing' | number> {
    const res = await this.retrying('HEAD', url, async () => {
      const r = await this.follow('HEAD', url, {}, auth);
      await discard(r);
      return { res: r };
    });
    const status = res.res.status;
    if (status >= 200 && status < 300) return 'file';
    if (status === 404 || status === 410) return 'missing';
    return status;
  }

  async get(url: URL, req: GetRequest): Promise<GetResult> {
    const conditional: Record<string, string> = { 'accept-encoding': 'gzip' };
    if (req.etag !== undefined) conditional['if-none-match'] = req.etag;
    if (req.lastModified !== undefined) conditional['if-modified-since'] = req.lastModified;
    const got = await this.retrying('GET', url, async () => {
      const res = await this.follow('GET', url, conditional, req.auth);
      if (res.status !== 200) return { res };
      return { res, body: await streamToFile(res, req.tmpPath, req.maxBytes, redactUrl(url)) };
    });
    const { res, body } = got;
    if (res.status === 304 && (req.etag !== undefined || req.lastModified !== undefined)) return { status: 'not-modified' };
    if (res.status === 404 || res.status === 410) return { status: 'missing' };
    if (body === undefined) throw statusError('GET', url, res.status);
    const out: GetResult = { status: 'ok', ...body };
    const etag = header(res, 'etag');
    const lastModified = header(res, 'last-modified');
    if (etag !== undefined) out.etag = etag;
    if (lastModified !== undefined) out.lastModified = lastModified;
    return out;
  }

  /** Run one exchange with retries; transport failures become AppError NETWORK naming the URL. */
  private async retrying<T extends { res: HttpResponse }>(method: HttpMethod, url: URL, attempt: () => Promise<T>): Promise<T> {
    let tries = 0;
    try {
      const result = await withRetry<T>(
        this.opts.retry,
        () => {
          tries++;
          return attempt();
        },
        {
          judge: (r) => ({ retry: r.res.status === 429 || r.res.status >= 500, retryAfterMs: parseRetryAfter(header(r.res, 'retry-after'), Date.now()) }),
          retryableError: (err) => err instanceof BodyError || isRetryableNetworkError(err),
          release: (r) => discard(r.res),
        },
      );
      if (result.res.status === 429 || result.res.status >= 500) {
        await discard(result.res);
        throw statusError(method, url, result.res.status, tries);
      }
      return result;
    } catch (err) {
      if (isAppError(err)) throw err;
      if (err instanceof BodyError) {
        throw new AppError('NETWORK', `${method} ${redactUrl(url)}: the download broke off (${err.message}) after ${tries} ${tries === 1 ? 'try' : 'tries'}`, { cause: err });
      }
      throw toNetworkError(err, `${method} ${redactUrl(url)}`, url.host);
    }
  }

  /** Send a request and follow redirects; the final response's body is left unread. */
  private async follow(method: HttpMethod, url: URL, headers: Record<string, string>, auth: string | undefined): Promise<HttpResponse> {
    let current = url;
    let authorization = auth;
    for (let hop = 0; ; hop++) {
      const h: Record<string, string> = { ...headers, 'user-agent': this.opts.userAgent };
      if (authorization !== undefined) h['authorization'] = authorization;
      const res = await sendOnce(this.agent, { method, url: current, headers: h });
      if (!REDIRECTS.has(res.status)) return res;
      const location = header(res, 'location');
      await discard(res);
      if (location === undefined) throw new AppError('NETWORK', `${method} ${redactUrl(current)}: redirect (${res.status}) without a Location`);
      if (hop >= this.opts.maxRedirects) throw new AppError('LIMIT', `${method} ${redactUrl(url)}: more than ${this.opts.maxRedirects} redirects`);
      const next = new URL(location, current);
      if (next.protocol !== 'http:' && next.protocol !== 'https:') throw new AppError('NETWORK', `${method} ${redactUrl(current)}: redirect to unsupported ${next.protocol} URL`);
      if (current.protocol === 'https:' && next.protocol === 'http:') {
        throw new AppError('NETWORK', `${method} ${redactUrl(current)}: refusing a redirect from HTTPS to plain HTTP (${redactUrl(next)})`);
      }
      if (next.origin !== current.origin) authorization = undefined;
      current = next;
    }
  }
}

function statusError(method: string, url: URL, status: number, tries?: number): AppError {
  const after = tries !== undefined && tries > 1 ? ` after ${tries} tries` : '';
  const code = status === 401 || status === 403 ? 'AUTH' : 'NETWORK';
  return new AppError(code, `${method} ${redactUrl(url)}: the server answered HTTP ${status}${after}`);
}

/** Stream a 200 body to `path`: decode gzip, cap the size, hash, and check it arrived whole. */
async function streamToFile(res: HttpResponse, path: string, maxBytes: number, what: string): Promise<{ sha256: string; size: number }> {
  const encoding = (header(res, 'content-encoding') ?? 'identity').trim().toLowerCase();
  if (!ENCODINGS.has(encoding)) {
    await discard(res);
    throw new AppError('UNSUPPORTED', `${what}: content encoding ${encoding} is not supported`);
  }
  const declared = Number(header(res, 'content-length') ?? NaN);
  if (encoding === 'identity' && declared > maxBytes) {
    res.body.on('error', () => undefined);
    res.body.destroy();
    throw new AppError('LIMIT', `${what} is ${declared} bytes, over the ${maxBytes}-byte limit`);
  }
  let raw = 0;
  let size = 0;
  const hash = createHash('sha256');
  const countRaw = new Transform({
    transform(chunk: Buffer, _enc, cb: TransformCallback) {
      raw += chunk.length;
      cb(null, chunk);
    },
  });
  const capAndHash = new Transform({
    transform(chunk: Buffer, _enc, cb: TransformCallback) {
      size += chunk.length;
      if (size > maxBytes) return cb(new AppError('LIMIT', `${what}: more than the ${maxBytes}-byte limit`));
      hash.update(chunk);
      cb(null, chunk);
    },
  });
  const decode = encoding === 'identity' ? [] : [createGunzip()];
  try {
    await pipeline([res.body, countRaw, ...decode, capAndHash, createWriteStream(path)]);
  } catch (err) {
    if (isAppError(err)) throw err;
    const syscall = (err as NodeJS.ErrnoException).syscall;
    if (syscall === 'open' || syscall === 'write' || syscall === 'close') {
      throw new AppError('INPUT', `cannot write the download of ${what} to ${path}: ${errorMessage(err)}`, { cause: err });
    }
    throw new BodyError(errorMessage(err));
  }
  if (Number.isFinite(declared) && raw !== declared) throw new BodyError(`${raw} of ${declared} announced bytes`);
  return { sha256: hash.digest('hex'), size };
}
