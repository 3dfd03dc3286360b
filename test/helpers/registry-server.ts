/**
 * Test harness: a REAL registry (`docker-registry serve`, CNCF distribution 2.8 from Debian) on a free
 * 127.0.0.1 port with filesystem storage in a temp dir; optional htpasswd (bcrypt) or token auth (an
 * in-process token server issuing RS256 JWTs with an x5c certificate that is the registry's
 * rootcertbundle), optional TLS with a self-signed certificate. `pushImage` uses the real skopeo.
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { get as httpGet } from 'node:http';
import { get as httpsGet } from 'node:https';
import { createServer as netServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { stringify } from 'yaml';
import { startTokenServer, type TokenServer } from './registry-token-server.js';

const run = promisify(execFile);

export type RegistryAuth = 'none' | 'htpasswd' | 'token';

export interface StartRegistryOptions {
  auth?: RegistryAuth;
  tls?: boolean;
  /** Accept Docker schema 1 manifests (off by default in distribution 2.8). */
  schema1?: boolean;
}

export interface RegistryServer {
  /** `127.0.0.1:PORT` */
  host: string;
  username?: string;
  password?: string;
  /** With token auth: a refresh token the token server accepts (a docker "identitytoken"). */
  identityToken?: string;
  /** With token auth: every token request the token server saw. */
  tokenRequests?: TokenServer['requests'];
  /** With TLS: the self-signed certificate (PEM) the registry serves. */
  caCertPath?: string;
  storageDir: string;
  stop(): Promise<void>;
}

export interface PushCredentials {
  username: string;
  password: string;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = netServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr !== null ? addr.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

/** A self-signed certificate for 127.0.0.1/localhost, made with the openssl CLI. */
export async function selfSignedCert(dir: string, name: string): Promise<{ cert: string; key: string }> {
  const cert = join(dir, `${name}.crt`);
  const key = join(dir, `${name}.key`);
  await run('openssl', [
    'req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-sha256', '-days', '2',
    '-subj', `/CN=drydock test ${name}`,
    '-addext', 'subjectAltName=IP:127.0.0.1,DNS:localhost',
    '-keyout', key, '-out', cert,
  ]);
  return { cert, key };
}

function probe(url: string): Promise<boolean> {
  const get = url.startsWith('https:') ? httpsGet : httpGet;
  return new Promise((resolve) => {
    const req = get(url, { rejectUnauthorized: false, timeout: 1000 }, (res) => {
      res.resume();
      resolve(true);
    });
    req.on('error', () => resolve(false));
    req.on('timeout', () => req.destroy());
  });
}

async function waitUntilServing(url: string, child: ChildProcess, log: () => string): Promise<void> {
  const deadline = Date.now() + 20_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`docker-registry exited with ${child.exitCode}: ${log()}`);
    if (await probe(url)) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`docker-registry did not answer ${url} within 20 s: ${log()}`);
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
  await exited;
  clearTimeout(timer);
}

interface Prepared {
  auth: Record<string, unknown> | undefined;
  tls: Record<string, unknown> | undefined;
  server: Partial<RegistryServer>;
  token?: TokenServer;
}

async function prepare(dir: string, opts: StartRegistryOptions): Promise<Prepared> {
  const out: Prepared = { auth: undefined, tls: undefined, server: {} };
  if (opts.tls) {
    const { cert, key } = await selfSignedCert(dir, 'tls');
    out.tls = { certificate: cert, key };
    out.server.caCertPath = cert;
  }
  if (opts.auth === 'htpasswd' || opts.auth === 'token') {
    out.server.username = 'drydock';
    out.server.password = `pw-${randomBytes(9).toString('hex')}`;
  }
  if (opts.auth === 'htpasswd') {
    const { stdout } = await run('htpasswd', ['-Bbn', 'drydock', out.server.password as string]);
    await writeFile(join(dir, 'htpasswd'), stdout);
    out.auth = { htpasswd: { realm: 'drydock-test', path: join(dir, 'htpasswd') } };
  }
  if (opts.auth === 'token') {
    const { cert, key } = await selfSignedCert(dir, 'token');
    const token = await startTokenServer({
      certPem: await readFile(cert, 'utf8'),
      keyPem: await readFile(key, 'utf8'),
      username: out.server.username as string,
      password: out.server.password as string,
    });
    out.token = token;
    out.server.identityToken = token.refreshToken;
    out.server.tokenRequests = token.requests;
    out.auth = { token: { realm: token.realm, service: token.service, issuer: token.issuer, rootcertbundle: cert } };
  }
  return out;
}

function registryConfig(host: string, storageDir: string, prepared: Prepared, opts: StartRegistryOptions): Record<string, unknown> {
  return {
    version: 0.1,
    log: { level: 'error', accesslog: { disabled: true } },
    storage: { filesystem: { rootdirectory: storageDir }, delete: { enabled: true } },
    http: { addr: host, secret: randomBytes(16).toString('hex'), ...(prepared.tls ? { tls: prepared.tls } : {}) },
    ...(prepared.auth ? { auth: prepared.auth } : {}),
    ...(opts.schema1 ? { compatibility: { schema1: { enabled: true } } } : {}),
    // Without an allow list, 2.8 refuses manifests whose (foreign) layers carry `urls`.
    validation: { manifests: { urls: { allow: ['^https?://'] } } },
  };
}

/** Spawn the registry on a free port; another try on a new port if the port was taken meanwhile. */
async function launch(dir: string, prepared: Prepared, opts: StartRegistryOptions): Promise<{ child: ChildProcess; host: string }> {
  for (let attempt = 1; ; attempt++) {
    const host = `127.0.0.1:${await freePort()}`;
    const configPath = join(dir, 'config.yml');
    await writeFile(configPath, stringify(registryConfig(host, join(dir, 'storage'), prepared, opts)));
    const child = spawn('docker-registry', ['serve', configPath], { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr?.on('data', (d: Buffer) => {
      stderr = (stderr + d.toString('utf8')).slice(-4000);
    });
    try {
      await waitUntilServing(`${opts.tls ? 'https' : 'http'}://${host}/v2/`, child, () => stderr);
      return { child, host };
    } catch (err) {
      await stopChild(child);
      if (attempt >= 3 || !stderr.includes('address already in use')) throw err;
    }
  }
}

/** Start a real registry; resolves once it answers `GET /v2/`. */
export async function startRegistry(opts: StartRegistryOptions = {}): Promise<RegistryServer> {
  const dir = await mkdtemp(join(tmpdir(), 'drydock-registry-'));
  let prepared: Prepared | undefined;
  try {
    prepared = await prepare(dir, opts);
    const { child, host } = await launch(dir, prepared, opts);
    const token = prepared.token;
    return {
      ...prepared.server,
      host,
      storageDir: join(dir, 'storage'),
      stop: async () => {
        await stopChild(child);
        await token?.close();
        await rm(dir, { recursive: true, force: true });
      },
    };
  } catch (err) {
    await prepared?.token?.close();
    await rm(dir, { recursive: true, force: true });
    throw err;
  }
}

/**
 * Copy an image to a registry with the real `skopeo copy`, e.g.
 * `pushImage('oci:/tmp/layout:v1', '127.0.0.1:5000/team/app:v1')`. `all` copies a whole index;
 * `format` converts (`v2s2`: Docker schema 2, `v2s1`: signed schema 1).
 */
export async function pushImage(
  src: string,
  dest: string,
  creds?: PushCredentials,
  opts: { all?: boolean; format?: 'oci' | 'v2s2' | 'v2s1' } = {},
): Promise<void> {
  // --insecure-policy: no signature policy, so skopeo does not depend on /etc/containers/policy.json.
  const args = ['--insecure-policy', 'copy', '--quiet', '--dest-tls-verify=false'];
  if (creds) args.push('--dest-creds', `${creds.username}:${creds.password}`);
  if (opts.all) args.push('--all');
  if (opts.format) args.push('--format', opts.format);
  args.push(src, `docker://${dest}`);
  try {
    await run('skopeo', args, { maxBuffer: 16 * 1024 * 1024 });
  } catch (err) {
    const e = err as { stderr?: string; message: string };
    const text = (e.stderr ?? e.message).replaceAll(creds?.password ?? '\u0000', '***');
    throw new Error(`skopeo copy ${src} → ${dest} failed: ${text}`);
  }
}
