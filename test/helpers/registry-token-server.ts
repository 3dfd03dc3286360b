/**
 * A minimal Docker token server (the distribution "token authentication" protocol) for tests: it checks
 * Basic credentials (or an OAuth2 refresh token / password grant on POST), grants the requested
 * repository scopes and answers with an RS256 JWT whose `x5c` header carries the signing certificate,
 * which the real registry validates against its `rootcertbundle`.
 */
import { X509Certificate, createPrivateKey, randomBytes, sign, type KeyObject } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';

export interface TokenRequestRecord {
  method: string;
  grant: 'basic' | 'anonymous' | 'refresh_token' | 'password';
  /** Whether the credentials were accepted. */
  accepted: boolean;
  scopes: string[];
}

export interface TokenServer {
  realm: string;
  service: string;
  issuer: string;
  refreshToken: string;
  requests: TokenRequestRecord[];
  close(): Promise<void>;
}

interface Signer {
  key: KeyObject;
  x5c: string;
}

const SERVICE = 'drydock-test-registry';
const ISSUER = 'drydock-test-token-issuer';

function b64url(data: Buffer | string): string {
  return Buffer.from(data).toString('base64url');
}

/** `repository:team/app:pull,push` → the access entry granting those actions. */
function access(scopes: string[]): Array<{ type: string; name: string; actions: string[] }> {
  return scopes.flatMap((s) => {
    const first = s.indexOf(':');
    const last = s.lastIndexOf(':');
    if (first < 0 || last <= first) return [];
    return [{ type: s.slice(0, first), name: s.slice(first + 1, last), actions: s.slice(last + 1).split(',') }];
  });
}

function issue(signer: Signer, subject: string, scopes: string[]): string {
  const now = Math.floor(Date.now() / 1000);
  const header = { typ: 'JWT', alg: 'RS256', x5c: [signer.x5c] };
  const claims = {
    iss: ISSUER,
    sub: subject,
    aud: SERVICE,
    exp: now + 300,
    nbf: now - 10,
    iat: now,
    jti: randomBytes(12).toString('hex'),
    access: access(scopes),
  };
  const input = `${b64url(JSON.stringify(header))}.${b64url(JSON.stringify(claims))}`;
  return `${input}.${b64url(sign('sha256', Buffer.from(input), signer.key))}`;
}

function readAll(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let body = '';
    req.on('data', (d: Buffer) => (body += d.toString('utf8')));
    req.on('end', () => resolve(body));
    req.on('error', reject);
  });
}

function basicUser(req: IncomingMessage): { user: string; pass: string } | undefined {
  const h = req.headers.authorization;
  if (h === undefined || !h.startsWith('Basic ')) return undefined;
  const text = Buffer.from(h.slice(6), 'base64').toString('utf8');
  const colon = text.indexOf(':');
  return colon < 0 ? undefined : { user: text.slice(0, colon), pass: text.slice(colon + 1) };
}

export async function startTokenServer(opts: { certPem: string; keyPem: string; username: string; password: string }): Promise<TokenServer> {
  const signer: Signer = { key: createPrivateKey(opts.keyPem), x5c: new X509Certificate(opts.certPem).raw.toString('base64') };
  const refreshToken = `rt-${randomBytes(12).toString('hex')}`;
  const requests: TokenRequestRecord[] = [];

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const url = new URL(req.url ?? '/', 'http://token');
    let record: TokenRequestRecord;
    if (req.method === 'POST') {
      const form = new URLSearchParams(await readAll(req));
      const grant = form.get('grant_type') === 'password' ? 'password' : 'refresh_token';
      const ok =
        grant === 'password'
          ? form.get('username') === opts.username && form.get('password') === opts.password
          : form.get('refresh_token') === refreshToken;
      record = { method: 'POST', grant, accepted: ok, scopes: (form.get('scope') ?? '').split(' ').filter(Boolean) };
    } else {
      const creds = basicUser(req);
      const ok = creds !== undefined && creds.user === opts.username && creds.pass === opts.password;
      record = { method: 'GET', grant: creds ? 'basic' : 'anonymous', accepted: ok, scopes: url.searchParams.getAll('scope') };
    }
    requests.push(record);
    if (url.pathname !== '/token' || !record.accepted) {
      res.writeHead(401, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ errors: [{ code: 'UNAUTHORIZED', message: 'authentication required' }] }));
      return;
    }
    const token = issue(signer, opts.username, record.scopes);
    res.writeHead(200, { 'content-type': 'application/json' });
    const body = { token, expires_in: 300, issued_at: new Date().toISOString() };
    res.end(JSON.stringify(req.method === 'POST' ? { ...body, access_token: token } : body));
  };

  const server = createServer((req, res) => {
    handle(req, res).catch(() => {
      res.writeHead(500);
      res.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const addr = server.address();
  const port = typeof addr === 'object' && addr !== null ? addr.port : 0;
  return {
    realm: `http://127.0.0.1:${port}/token`,
    service: SERVICE,
    issuer: ISSUER,
    refreshToken,
    requests,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
