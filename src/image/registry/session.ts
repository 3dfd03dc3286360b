import { AppError, isAppError } from '../../core/errors.js';
import { apiHost, isLoopbackRegistry } from '../reference.js';
import { Authorizer } from './auth/authorizer.js';
import { discard, readErrorBody, type HttpMethod, type HttpRequest, type HttpResponse } from './http.js';
import { classifyNetworkError } from './network-errors.js';
import { DEFAULT_MAX_REDIRECTS, DEFAULT_RETRY, DEFAULT_TIMEOUTS, type RegistryClientOptions } from './options.js';
import { registryError } from './registry-errors.js';
import { Transport, type SmallRead } from './transport.js';

export interface Exchange {
  method: HttpMethod;
  /** Path under the registry root, e.g. `/v2/team/app/manifests/1.0`, or an absolute URL on the registry. */
  path: string;
  headers?: Record<string, string>;
  body?: Buffer;
  /** Token scopes this request needs: `repository:team/app:pull`. */
  scopes: string[];
  /** What is being fetched, for messages. */
  subject: string;
  /** Non-2xx statuses the caller handles itself (e.g. 404 for an existence check). */
  allowStatus?: number[];
}

/** A 2xx answer whose (small) body was read inside the retry loop. */
export interface SmallAnswer {
  res: HttpResponse;
  body: Buffer;
}

/**
 * One registry: finds out whether it speaks HTTPS or (loopback/insecure only) plain HTTP, learns its
 * authentication challenge from `GET /v2/`, and runs authenticated requests, mapping failures to AppError.
 */
export class RegistrySession {
  readonly transport: Transport;
  private readonly authorizer: Authorizer;
  private base: Promise<URL> | undefined;

  constructor(
    readonly registry: string,
    private readonly opts: RegistryClientOptions,
  ) {
    this.transport = new Transport({
      insecureHost: opts.insecure === true ? new URL(`https://${apiHost(registry)}/`).hostname : undefined,
      ca: opts.ca,
      retry: { ...DEFAULT_RETRY, ...opts.retry },
      timeouts: { ...DEFAULT_TIMEOUTS, ...opts.timeouts },
      maxRedirects: opts.maxRedirects ?? DEFAULT_MAX_REDIRECTS,
      userAgent: opts.userAgent ?? 'drydock',
    });
    this.authorizer = new Authorizer(
      registry,
      opts,
      async (req, subject, read) => {
        const { res, body } = await this.transport.send(req, { subject, read });
        return { res, body };
      },
      (url) => this.transport.isInsecureHost(url),
    );
  }

  /** The registry's root URL (`https://host/`), probing once. */
  root(subject: string): Promise<URL> {
    this.base ??= this.probe(subject).catch((err: unknown) => {
      this.base = undefined;
      throw err;
    });
    return this.base;
  }

  private async probe(subject: string): Promise<URL> {
    const host = apiHost(this.registry);
    const plainAllowed = this.opts.insecure === true || isLoopbackRegistry(this.registry);
    const get = (scheme: string): HttpRequest => ({ method: 'GET', url: new URL(`${scheme}://${host}/v2/`), headers: {} });
    let probed = get('https');
    let res: HttpResponse;
    try {
      res = (await this.transport.send(probed, { subject, retryNetwork: !plainAllowed })).res;
    } catch (err) {
      // Like Docker: an insecure or loopback registry that does not speak TLS is spoken to in plain HTTP.
      // A certificate that was refused is a TLS server, though: that is reported, not downgraded.
      const cause = isAppError(err) ? err.cause : err;
      if (!plainAllowed || classifyNetworkError(cause) === 'certificate' || cause === undefined) throw err;
      probed = get('http');
      res = (await this.transport.send(probed, { subject })).res;
    }
    // The registry is the host we probed. A redirect may upgrade it to HTTPS, but not move the session
    // (and our credentials) to another host.
    const upgraded = probed.url.protocol === 'http:' && res.url.protocol === 'https:' && res.url.hostname === probed.url.hostname;
    if (res.url.origin !== probed.url.origin && !upgraded) {
      await discard(res);
      throw new AppError('REGISTRY', `${subject}: ${host} redirected GET /v2/ to another host (${res.url.host}); refusing to follow`);
    }
    const root = new URL('/', upgraded ? res.url.origin : probed.url.origin);
    if (res.status === 401) this.authorizer.learn(res);
    if (res.status === 404) {
      await discard(res);
      throw new AppError('REGISTRY', `${subject}: ${host} does not serve the registry API v2 (GET /v2/ answered 404)`);
    }
    if (res.status >= 500 || res.status === 429) throw registryError(res.status, await readErrorBody(res), subject);
    await discard(res);
    return root;
  }

  /** Run one registry request; the answer is a 2xx (or an allowed status) or an AppError is thrown. */
  async exchange(x: Exchange): Promise<HttpResponse> {
    return (await this.run(x, undefined)).res;
  }

  /** Run one registry request and read its (small) 2xx body, retrying a read that fails. */
  async fetchSmall(x: Omit<Exchange, 'allowStatus'>, read: SmallRead): Promise<SmallAnswer> {
    const { res, body } = await this.run(x, read);
    if (body === undefined) throw new AppError('INTERNAL', `${x.subject}: no body was read`);
    return { res, body };
  }

  private async run(x: Exchange, read: SmallRead | undefined): Promise<{ res: HttpResponse; body?: Buffer | undefined }> {
    const root = await this.root(x.subject);
    const url = new URL(x.path, root);
    if (url.origin !== root.origin) {
      throw new AppError('REGISTRY', `${x.subject}: the registry pointed us at another host (${url.host})`);
    }
    for (let round = 0; ; round++) {
      const auth = await this.authorizer.authorization(x.scopes, x.subject);
      const headers = { ...x.headers, ...(auth === undefined ? {} : { authorization: auth }) };
      const req: HttpRequest = { method: x.method, url, headers, ...(x.body === undefined ? {} : { body: x.body }) };
      const { res, attempts, body } = await this.transport.send(req, { subject: x.subject, ...(read === undefined ? {} : { read }) });
      if ((res.status >= 200 && res.status < 300) || x.allowStatus?.includes(res.status)) return { res, body };
      if (res.status === 401) {
        await discard(res);
        // Only the registry's own challenges count: a 401 from where it redirected us (blob storage, a CDN)
        // must not send our credentials to a realm of that host's choosing.
        if (res.url.origin !== root.origin) {
          throw new AppError('AUTH', `${x.subject}: access denied by ${res.url.host}, where the registry redirected the request (HTTP 401)`);
        }
        // A first or fresh challenge (expired token, more scope needed) is answered once more;
        // Basic credentials that were refused will not get better.
        const answerable = this.authorizer.learn(res);
        if (round === 0 && answerable && !auth?.startsWith('Basic ')) {
          this.authorizer.forgetTokens();
          continue;
        }
        throw await this.authorizer.denied(x.subject);
      }
      throw registryError(res.status, await readErrorBody(res), x.subject, attempts);
    }
  }

  async close(): Promise<void> {
    await this.transport.close();
  }
}
