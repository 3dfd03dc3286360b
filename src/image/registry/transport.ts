import { rootCertificates } from 'node:tls';
import { Agent } from 'undici';
import { AppError } from '../../core/errors.js';
import { discard, header, readBodyRaw, sendOnce, type HttpMethod, type HttpRequest, type HttpResponse } from './http.js';
import { failedBeforeSending, isRetryableNetworkError, toNetworkError } from './network-errors.js';
import type { RetryOptions, TimeoutOptions } from './options.js';
import { parseRetryAfter, withRetry } from './retry.js';

export interface TransportOptions {
  /**
   * The host name (URL `hostname`) whose TLS certificate is not verified and which may be reached by a
   * redirect from HTTPS to plain HTTP: the registry's, with `--insecure`. Every other host is verified.
   */
  insecureHost?: string | undefined;
  ca?: string | Buffer | undefined;
  retry: RetryOptions;
  timeouts: TimeoutOptions;
  maxRedirects: number;
  userAgent: string;
}

/** Read a 2xx body of at most `maxBytes` inside each try, so that a failed read is retried too. */
export interface SmallRead {
  maxBytes: number;
  /** For messages: `localhost:5000/team/app:1.0: manifest`. */
  what: string;
  /** Bound each try (headers and whole body) by the small-read deadline (default true). */
  deadline?: boolean;
}

export interface SendContext {
  /** What is being fetched, for messages: `localhost:5000/team/app:1.0`. */
  subject: string;
  /** Retry transport failures (false for a probe that has a fallback of its own). */
  retryNetwork?: boolean;
  read?: SmallRead;
}

export interface Sent {
  res: HttpResponse;
  attempts: number;
  /** With `read`: the body of a 2xx answer (other answers are left unread). */
  body?: Buffer;
}

interface Attempt {
  res: HttpResponse;
  body?: Buffer;
}

const REDIRECTS = new Set([301, 302, 303, 307, 308]);
/** Methods that may be sent twice: retried after 5xx and after failures once the request went out. */
const IDEMPOTENT = new Set<HttpMethod>(['GET', 'HEAD', 'PUT', 'DELETE']);
/** Methods whose redirects may leave the origin (they carry no body). */
const SAFE = new Set<HttpMethod>(['GET', 'HEAD']);

/**
 * HTTP for registries: undici with our TLS settings and timeouts, manual redirects that never carry
 * credentials or a body to another origin, and retries with backoff on network errors, 429 and 5xx
 * (network errors after sending and 5xx only for idempotent methods).
 */
export class Transport {
  /** Verifies certificates: every host but the insecure one. */
  private readonly strict: Agent;
  /** Skips verification: only for `insecureHost`. */
  private readonly lax: Agent | undefined;

  constructor(private readonly opts: TransportOptions) {
    const ca = opts.ca === undefined ? undefined : [...rootCertificates, opts.ca.toString()];
    const timeouts = { headersTimeout: opts.timeouts.headersMs, bodyTimeout: opts.timeouts.bodyMs };
    this.strict = new Agent({ ...timeouts, connect: { rejectUnauthorized: true, ...(ca ? { ca } : {}) } });
    this.lax = opts.insecureHost === undefined ? undefined : new Agent({ ...timeouts, connect: { rejectUnauthorized: false } });
  }

  /** May this URL's host be spoken to insecurely (unverified TLS, plain HTTP after HTTPS)? */
  isInsecureHost(url: URL): boolean {
    return this.opts.insecureHost !== undefined && url.hostname === this.opts.insecureHost;
  }

  private agentFor(url: URL): Agent {
    return this.lax !== undefined && this.isInsecureHost(url) ? this.lax : this.strict;
  }

  async send(req: HttpRequest, ctx: SendContext): Promise<Sent> {
    let attempts = 0;
    const at = { host: req.url.host };
    const withAgent: HttpRequest = { ...req, headers: { 'user-agent': this.opts.userAgent, ...req.headers } };
    const idempotent = IDEMPOTENT.has(req.method);
    try {
      const got = await withRetry<Attempt>(
        this.opts.retry,
        () => {
          attempts++;
          return this.attempt(withAgent, ctx, at);
        },
        {
          judge: (r) => ({
            // 429 means the request was not processed; a 5xx may have been, so only idempotent ones are repeated.
            retry: r.res.status === 429 || (r.res.status >= 500 && idempotent),
            retryAfterMs: parseRetryAfter(header(r.res, 'retry-after'), Date.now()),
          }),
          retryableError: (err) =>
            ctx.retryNetwork !== false && isRetryableNetworkError(err) && (idempotent || failedBeforeSending(err)),
          release: (r) => discard(r.res),
        },
      );
      return { ...got, attempts };
    } catch (err) {
      throw toNetworkError(err, ctx.subject, at.host);
    }
  }

  /** One try: the request and its redirects, and with `read` the 2xx body, under the deadline. */
  private async attempt(req: HttpRequest, ctx: SendContext, at: { host: string }): Promise<Attempt> {
    const read = ctx.read;
    const signal = read !== undefined && read.deadline !== false ? AbortSignal.timeout(this.opts.timeouts.smallReadMs) : undefined;
    const res = await this.followRedirects(req, ctx.subject, at, signal);
    if (read === undefined || res.status < 200 || res.status >= 300) return { res };
    return { res, body: await readBodyRaw(res, read.maxBytes, read.what) };
  }

  private async followRedirects(first: HttpRequest, subject: string, at: { host: string }, signal: AbortSignal | undefined): Promise<HttpResponse> {
    const trustedOrigin = first.url.origin;
    let current = first;
    for (let hops = 0; ; hops++) {
      at.host = current.url.host;
      const res = await sendOnce(this.agentFor(current.url), current, signal);
      const location = header(res, 'location');
      if (!REDIRECTS.has(res.status) || location === undefined) return res;
      await discard(res);
      if (hops >= this.opts.maxRedirects) {
        throw new AppError('LIMIT', `${subject}: more than ${this.opts.maxRedirects} redirects`);
      }
      current = this.redirected(current, res.status, location, trustedOrigin, subject);
    }
  }

  private redirected(prev: HttpRequest, status: number, location: string, trustedOrigin: string, subject: string): HttpRequest {
    let next: URL;
    try {
      next = new URL(location, prev.url);
    } catch {
      throw new AppError('REGISTRY', `${subject}: the registry redirected to an invalid location`);
    }
    if (next.protocol !== 'https:' && next.protocol !== 'http:') {
      throw new AppError('REGISTRY', `${subject}: the registry redirected to a ${next.protocol} URL`);
    }
    if (prev.url.protocol === 'https:' && next.protocol === 'http:' && !this.isInsecureHost(next)) {
      throw new AppError('REGISTRY', `${subject}: refusing a redirect from HTTPS to plain HTTP (${next.host})`);
    }
    const crossOrigin = next.origin !== trustedOrigin;
    // A request with a body (token POST, upload) goes nowhere but where it was sent.
    if (crossOrigin && !SAFE.has(prev.method)) {
      throw new AppError('REGISTRY', `${subject}: refusing to follow a redirect of a ${prev.method} request to another host (${next.host})`);
    }
    const headers = { ...prev.headers };
    // Credentials belong to the registry (or token realm) they were made for: never forward them.
    if (crossOrigin) delete headers['authorization'];
    const keepMethod = status === 307 || status === 308 || prev.method === 'GET' || prev.method === 'HEAD';
    if (keepMethod) {
      const { body, ...rest } = prev;
      return crossOrigin || body === undefined ? { ...rest, url: next, headers } : { ...rest, body, url: next, headers };
    }
    delete headers['content-type'];
    return { method: 'GET', url: next, headers };
  }

  async close(): Promise<void> {
    await Promise.all([this.strict.close(), this.lax?.close()]);
  }
}
