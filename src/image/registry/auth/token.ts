import * as z from 'zod';
import { AppError } from '../../../core/errors.js';
import { readErrorBody, type HttpRequest, type HttpResponse } from '../http.js';
import { registryError } from '../registry-errors.js';
import { basicAuthorization, type RegistryCredentials } from './credentials.js';

const tokenResponseSchema = z
  .object({
    token: z.string().min(1).optional(),
    access_token: z.string().min(1).optional(),
    expires_in: z.number().positive().optional(),
  })
  .loose()
  .refine((t) => t.token !== undefined || t.access_token !== undefined, { message: 'neither "token" nor "access_token"' });

export interface TokenRequest {
  realm: string;
  service?: string | undefined;
  scopes: string[];
  credentials?: RegistryCredentials | undefined;
  /**
   * May the realm be plain HTTP? Only for a registry spoken to in plain HTTP, or a realm on the host
   * `--insecure` applies to; otherwise credentials and tokens would travel in cleartext.
   */
  plainHttpAllowed?: (realm: URL) => boolean;
}

export interface IssuedToken {
  token: string;
  /** Epoch milliseconds after which the token must not be used. */
  expiresAt: number;
}

/** How much of a token answer we read, and under which name. */
export interface TokenRead {
  maxBytes: number;
  what: string;
}

/** Sends a token request; the body of a 2xx answer is read (inside the retry loop), others are left unread. */
export type Sender = (req: HttpRequest, subject: string, read: TokenRead) => Promise<{ res: HttpResponse; body?: Buffer | undefined }>;

const MAX_TOKEN_BYTES = 1024 * 1024;

/** The distribution token spec's minimum lifetime, used when the server names none. */
const DEFAULT_LIFETIME_S = 60;
/** Renew a little early so a token never expires in flight. */
const EARLY_RENEWAL_MS = 5_000;

function realmUrl(req: TokenRequest, subject: string): URL {
  let url: URL;
  try {
    url = new URL(req.realm);
  } catch {
    throw new AppError('REGISTRY', `${subject}: the registry sent an unusable token realm "${req.realm}"`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new AppError('REGISTRY', `${subject}: the registry sent a token realm that is not http(s)`);
  }
  if (url.protocol === 'http:' && req.plainHttpAllowed?.(url) !== true) {
    throw new AppError(
      'REGISTRY',
      `${subject}: refusing the plain-HTTP token realm ${url.host} of an HTTPS registry (credentials and tokens would travel in cleartext); use --insecure to allow it`,
    );
  }
  return url;
}

/** OAuth2 refresh-token grant (identity tokens from `docker login`): a form POST to the realm. */
function refreshGrant(url: URL, req: TokenRequest, refreshToken: string): HttpRequest {
  const form = new URLSearchParams({ grant_type: 'refresh_token', refresh_token: refreshToken, client_id: 'drydock' });
  if (req.service !== undefined) form.set('service', req.service);
  if (req.scopes.length > 0) form.set('scope', req.scopes.join(' '));
  return {
    method: 'POST',
    url,
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: Buffer.from(form.toString(), 'utf8'),
  };
}

/** The classic token GET, with Basic credentials when we have them. */
function tokenGet(url: URL, req: TokenRequest): HttpRequest {
  const u = new URL(url);
  if (req.service !== undefined) u.searchParams.set('service', req.service);
  for (const s of req.scopes) u.searchParams.append('scope', s);
  const basic = basicAuthorization(req.credentials);
  if (req.credentials?.username !== undefined && basic !== undefined) u.searchParams.set('account', req.credentials.username);
  return { method: 'GET', url: u, headers: basic === undefined ? {} : { authorization: basic } };
}

/**
 * Get a bearer token from the realm a registry challenged us with. A refused request is AppError AUTH
 * whose message names the registry and realm host but never the credentials.
 */
export async function fetchToken(send: Sender, req: TokenRequest, subject: string, now: number): Promise<IssuedToken> {
  const url = realmUrl(req, subject);
  const identity = req.credentials?.identityToken;
  const httpReq = identity !== undefined ? refreshGrant(url, req, identity) : tokenGet(url, req);
  const what = `${subject}: token from ${url.host}`;
  const { res, body } = await send(httpReq, subject, { maxBytes: MAX_TOKEN_BYTES, what });
  if (res.status === 401 || res.status === 403) {
    await readErrorBody(res);
    const hasCreds = httpReq.headers['authorization'] !== undefined || identity !== undefined;
    throw new AppError(
      'AUTH',
      hasCreds
        ? `${subject}: the token server ${url.host} rejected the credentials (HTTP ${res.status})`
        : `${subject}: authentication required: no credentials are configured and ${url.host} refused an anonymous token`,
    );
  }
  if (res.status < 200 || res.status >= 300) {
    throw registryError(res.status, await readErrorBody(res), `${subject}: token server ${url.host}`);
  }
  if (body === undefined) throw new AppError('INTERNAL', `${what}: the answer was not read`);
  let json: unknown;
  try {
    json = JSON.parse(body.toString('utf8'));
  } catch {
    throw new AppError('AUTH', `${subject}: the token server ${url.host} answered with something that is not JSON`);
  }
  const r = tokenResponseSchema.safeParse(json);
  if (!r.success) {
    throw new AppError('AUTH', `${subject}: the token server ${url.host} answered without a usable token`);
  }
  const token = (r.data.access_token ?? r.data.token) as string;
  const lifetimeMs = (r.data.expires_in ?? DEFAULT_LIFETIME_S) * 1000;
  return { token, expiresAt: now + lifetimeMs - Math.min(EARLY_RENEWAL_MS, lifetimeMs / 2) };
}
