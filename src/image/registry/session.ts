import { AppError, isAppError } from '../../core/errors.js';
import { apiHost, isLoopbackRegistry } from '../reference.js';
import { Authorizer } from './auth/authorizer.js';
import { discard, readErrorBody, type HttpMethod, type HttpRequest, type HttpResponse } from './http.js';
import { classifyNetworkError } from './network-errors.js';
import { DEFAULT_MAX_REDIRECTS, DEFAULT_RETRY, type RegistryClientOptions } from './options.js';
import { registryError } from './registry-errors.js';
import { Transport } from './transport.js';

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
      insecure: opts.insecure === true,
      ca: opts.ca,
      retry: { ...DEFAULT_RETRY, ...opts.retry },
      maxRedirects: opts.maxRedirects ?? DEFAULT_MAX_REDIRECTS,
      userAgent: opts.userAgent ?? 'drydock',
    });
    this.authorizer = new Authorizer(registry, opts, async (req, subject) => (await this.transport.send(req, { subject })).res);
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
    let res: HttpResponse;
    try {
      res = (await this.transport.send(get('https'), { subject, retryNetwork: !plainAllowed })).res;
    } catch (err) {
      // Like Docker: an insecure or loopback registry that does not speak TLS is spoken to in plain HTTP.
      // A certificate that was refused is a TLS server, though: that is reported, not downgraded.
      const cause = isAppError(err) ? err.cause : err;
      if (!plainAllowed || classifyNetworkError(cause) === 'certificate' || cause === undefined) throw err;
      res = (await this.transport.send(get('http'), { subject })).res;
    }
    if (res.status === 401) this.authorizer.learn(res);
    if (res.status === 404) {
      await discard(res);
      throw new AppError('REGISTRY', `${subject}: ${host} does not serve the registry API v2 (GET /v2/ answered 404)`);
    }
    if (res.status >= 500 || res.status === 429) throw registryError(res.status, await readErrorBody(res), subject);
    await discard(res);
    return new URL('/', res.url);
  }

  /** Run one registry request; the answer is a 2xx (or an allowed status) or an AppError is thrown. */
  async exchange(x: Exchange): Promise<HttpResponse> {
    const root = await this.root(x.subject);
    const url = new URL(x.path, root);
    if (url.origin !== root.origin) {
      throw new AppError('REGISTRY', `${x.subject}: the registry pointed us at another host (${url.host})`);
    }
    for (let round = 0; ; round++) {
      const auth = await this.authorizer.authorization(x.scopes, x.subject);
      const headers = { ...x.headers, ...(auth === undefined ? {} : { authorization: auth }) };
      const req: HttpRequest = { method: x.method, url, headers, ...(x.body === undefined ? {} : { body: x.body }) };
      const { res, attempts } = await this.transport.send(req, { subject: x.subject });
      if ((res.status >= 200 && res.status < 300) || x.allowStatus?.includes(res.status)) return res;
      if (res.status === 401) {
        await discard(res);
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
