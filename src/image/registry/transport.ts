import { rootCertificates } from 'node:tls';
import { Agent } from 'undici';
import { AppError } from '../../core/errors.js';
import { discard, header, sendOnce, type HttpRequest, type HttpResponse } from './http.js';
import { isRetryableNetworkError, toNetworkError } from './network-errors.js';
import type { RetryOptions } from './options.js';
import { parseRetryAfter, withRetry } from './retry.js';

export interface TransportOptions {
  insecure: boolean;
  ca?: string | Buffer | undefined;
  retry: RetryOptions;
  maxRedirects: number;
  userAgent: string;
}

export interface SendContext {
  /** What is being fetched, for messages: `localhost:5000/team/app:1.0`. */
  subject: string;
  /** Retry transport failures (false for a probe that has a fallback of its own). */
  retryNetwork?: boolean;
}

export interface Sent {
  res: HttpResponse;
  attempts: number;
}

const REDIRECTS = new Set([301, 302, 303, 307, 308]);

/**
 * HTTP for registries: undici with our TLS settings, manual redirects that never carry the
 * Authorization header to another origin, and retries with backoff on network errors, 429 and 5xx.
 */
export class Transport {
  private readonly agent: Agent;

  constructor(private readonly opts: TransportOptions) {
    const ca = opts.ca === undefined ? undefined : [...rootCertificates, opts.ca.toString()];
    this.agent = new Agent({ connect: { rejectUnauthorized: !opts.insecure, ...(ca ? { ca } : {}) } });
  }

  async send(req: HttpRequest, ctx: SendContext): Promise<Sent> {
    let attempts = 0;
    const withAgent: HttpRequest = { ...req, headers: { 'user-agent': this.opts.userAgent, ...req.headers } };
    try {
      const res = await withRetry(
        this.opts.retry,
        () => {
          attempts++;
          return this.followRedirects(withAgent, ctx.subject);
        },
        {
          judge: (r) => ({
            retry: r.status === 429 || r.status >= 500,
            retryAfterMs: parseRetryAfter(header(r, 'retry-after'), Date.now()),
          }),
          retryableError: (err) => ctx.retryNetwork !== false && isRetryableNetworkError(err),
          release: discard,
        },
      );
      return { res, attempts };
    } catch (err) {
      throw toNetworkError(err, ctx.subject, req.url.host);
    }
  }

  private async followRedirects(first: HttpRequest, subject: string): Promise<HttpResponse> {
    const trustedOrigin = first.url.origin;
    let current = first;
    for (let hops = 0; ; hops++) {
      const res = await sendOnce(this.agent, current);
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
    if (prev.url.protocol === 'https:' && next.protocol === 'http:' && !this.opts.insecure) {
      throw new AppError('REGISTRY', `${subject}: refusing a redirect from HTTPS to plain HTTP (${next.host})`);
    }
    const headers = { ...prev.headers };
    // Credentials belong to the registry (or token realm) they were made for: never forward them.
    if (next.origin !== trustedOrigin) delete headers['authorization'];
    const keepMethod = status === 307 || status === 308 || prev.method === 'GET' || prev.method === 'HEAD';
    if (keepMethod) return { ...prev, url: next, headers };
    delete headers['content-type'];
    return { method: 'GET', url: next, headers };
  }

  async close(): Promise<void> {
    await this.agent.close();
  }
}
