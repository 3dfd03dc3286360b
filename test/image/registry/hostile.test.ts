/**
 * Regression tests for a security review of the registry client: hostile or broken peers (a registry
 * front, blob storage, token realm) played by small in-process servers, in front of a real registry
 * where the scenario allows.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import type { ServerResponse } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../../src/core/errors.js';
import { parseReference } from '../../../src/image/reference.js';
import { RegistryClient } from '../../../src/image/registry/client.js';
import type { RegistryOptions } from '../../../src/image/registry/options.js';
import { openRegistryImage } from '../../../src/image/registry/registry-source.js';
import { pushImage, startRegistry, type RegistryServer } from '../../helpers/registry-server.js';
import { ALPINE_320, imageBlobs, makeImage, writeLayout, type TestImage } from './oci-fixture.js';
import { startProxy, type Intercept, type Proxy } from './proxy.js';

const AMD64 = { os: 'linux', architecture: 'amd64' };
const MANIFEST_V1_SIGNED = 'application/vnd.docker.distribution.manifest.v1+prettyjws';

let reg: RegistryServer;
let tmp: string;
let image: TestImage;
const proxies: Proxy[] = [];

beforeAll(async () => {
  reg = await startRegistry({ auth: 'htpasswd' });
  tmp = await mkdtemp(join(tmpdir(), 'drydock-hostile-'));
  image = await makeImage([ALPINE_320], AMD64);
  await writeLayout(tmp, { v1: image.manifest }, imageBlobs(image));
  await pushImage(`oci:${tmp}:v1`, `${reg.host}/team/app:1.0`, { username: reg.username!, password: reg.password! });
});

afterEach(async () => {
  await Promise.all(proxies.splice(0).map((p) => p.close()));
});

afterAll(async () => {
  await reg?.stop();
  if (tmp) await rm(tmp, { recursive: true, force: true });
});

async function proxy(target: string | undefined, intercept?: Intercept, listenHost?: string): Promise<Proxy> {
  const p = await startProxy(target, intercept, listenHost);
  proxies.push(p);
  return p;
}

function opts(extra: RegistryOptions = {}): RegistryOptions {
  return { username: reg.username!, password: reg.password!, platform: AMD64, retry: { attempts: 3, baseDelayMs: 10, maxDelayMs: 20 }, ...extra };
}

async function withClient<T>(host: string, o: RegistryOptions, fn: (c: RegistryClient) => Promise<T>): Promise<T> {
  const c = new RegistryClient(host, o);
  try {
    return await fn(c);
  } finally {
    await c.close();
  }
}

async function rejection(p: Promise<unknown>): Promise<AppError> {
  const err = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(AppError);
  return err as AppError;
}

function json(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): true {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
  return true;
}

const isManifestGet = (method: string | undefined, url: string | undefined): boolean => method === 'GET' && /\/manifests\//.test(url ?? '');
const basic = (): string => `Basic ${Buffer.from(`${reg.username}:${reg.password}`).toString('base64')}`;

describe('the registry host', () => {
  it('does not move to the host a redirect of GET /v2/ points at (no credentials go there)', async () => {
    const evil = await proxy(undefined, (_req, res) => json(res, 401, {}, { 'www-authenticate': 'Basic realm="evil"' }), '127.0.0.2');
    const front = await proxy(reg.host, (req, res) => {
      if (req.url !== '/v2/') return false;
      res.writeHead(302, { location: `http://${evil.host}/v2/` });
      res.end();
      return true;
    });
    const err = await rejection(withClient(front.host, opts(), (c) => c.getManifest('team/app', '1.0')));
    expect(err.code).toBe('REGISTRY');
    expect(err.message).toBe(`${front.host}/team/app:1.0: ${front.host} redirected GET /v2/ to another host (${evil.host}); refusing to follow`);
    expect(evil.seen.filter((s) => s.headers.authorization !== undefined)).toEqual([]);
    expect(evil.seen.filter((s) => s.path !== '/v2/')).toEqual([]);
  });

  it('learns no challenge from a host a blob redirect points at, and sends it no credentials', async () => {
    // "Storage" answers 401 with a Bearer challenge whose realm is its own token endpoint.
    const storage = await proxy(
      undefined,
      (req, res) => {
        if (req.url?.startsWith('/token')) return json(res, 200, { token: 'evil-token' });
        return json(res, 401, {}, { 'www-authenticate': `Bearer realm="http://${storage.host}/token",service="evil"` });
      },
      '127.0.0.2',
    );
    const front = await proxy(reg.host, (req, res) => {
      const m = /^\/v2\/team\/app\/blobs\/(sha256:[a-f0-9]{64})$/.exec(req.url ?? '');
      if (req.method !== 'GET' || !m) return false;
      res.writeHead(307, { location: `http://${storage.host}/storage/${m[1]}` });
      res.end();
      return true;
    });
    await withClient(front.host, opts(), async (c) => {
      const err = await rejection(c.getBlobBuffer('team/app', image.config.digest, image.config.bytes.length, 1 << 20));
      expect(err.code).toBe('AUTH');
      expect(err.message).toContain(`access denied by ${storage.host}, where the registry redirected the request (HTTP 401)`);
      // The registry's own (Basic) challenge is still the one answered.
      expect((await c.getManifest('team/app', '1.0')).digest).toBe(image.manifest.digest);
    });
    expect(storage.seen.map((s) => s.path)).toEqual([`/storage/${image.config.digest}`]);
    expect(storage.seen.every((s) => s.headers.authorization === undefined)).toBe(true);
    expect(front.seen.every((s) => s.headers.authorization === undefined || s.headers.authorization === basic())).toBe(true);
  });
});

describe('request bodies and redirects', () => {
  it('does not follow a 307 of the token POST (refresh token in the body) to another host', async () => {
    const refreshToken = 'rt-very-secret-refresh-token';
    const thief = await proxy(undefined, (_req, res) => json(res, 200, { token: 'stolen' }), '127.0.0.2');
    const fake: Proxy = await proxy(undefined, (req, res) => {
      if (req.url === '/token' && req.method === 'POST') {
        res.writeHead(307, { location: `http://${thief.host}/steal` });
        res.end();
        return true;
      }
      return json(res, 401, {}, { 'www-authenticate': `Bearer realm="http://${fake.host}/token",service="fake"` });
    });
    const dockerConfigPath = join(tmp, 'identity.json');
    await writeFile(dockerConfigPath, JSON.stringify({ auths: { [fake.host]: { identitytoken: refreshToken } } }));
    const err = await rejection(withClient(fake.host, { dockerConfigPath, retry: { attempts: 1 } }, (c) => c.getManifest('team/app', '1.0')));
    expect(err.code).toBe('REGISTRY');
    expect(err.message).toContain(`refusing to follow a redirect of a POST request to another host (${thief.host})`);
    expect(err.message).not.toContain(refreshToken);
    expect(fake.seen.filter((s) => s.path === '/token')).toHaveLength(1);
    expect(thief.seen).toEqual([]);
  });

  it('does not retry a POST after a 5xx or after the connection broke once the request was sent', async () => {
    for (const failure of ['503', 'reset'] as const) {
      const front = await proxy(reg.host, (req, res) => {
        if (req.method !== 'POST' || !req.url?.includes('/blobs/uploads/')) return false;
        if (failure === 'reset') {
          req.socket.destroy();
          return true;
        }
        return json(res, 503, { errors: [{ code: 'UNAVAILABLE', message: 'busy' }] });
      });
      const err = await rejection(withClient(front.host, opts({ retry: { attempts: 4, baseDelayMs: 5, maxDelayMs: 10 } }), (c) => c.pushBlob('team/posted', Buffer.from(`blob ${failure}`))));
      expect(err.code).toBe('NETWORK');
      expect(front.seen.filter((s) => s.method === 'POST')).toHaveLength(1);
      // The idempotent HEAD before it is retried as before.
      expect(front.seen.filter((s) => s.method === 'HEAD')).toHaveLength(1);
    }
  });

  it('still retries an idempotent PUT after a 5xx', async () => {
    let failed = 0;
    const front = await proxy(reg.host, (req, res) => {
      if (req.method !== 'PUT' || !req.url?.includes('/manifests/') || failed > 0) return false;
      failed++;
      req.resume();
      return json(res, 503, { errors: [{ code: 'UNAVAILABLE', message: 'busy' }] });
    });
    const digest = await withClient(front.host, opts(), (c) => c.pushManifest('team/app', 'again', image.manifest.mediaType, image.manifest.bytes));
    expect(digest).toBe(image.manifest.digest);
    expect(front.seen.filter((s) => s.method === 'PUT')).toHaveLength(2);
  });
});

describe('bodies that are thrown away', () => {
  it('reads at most 64 KiB of a redirect or a retried 5xx, then drops the connection', async () => {
    let n = 0;
    const closedEarly: boolean[] = [];
    const front = await proxy(reg.host, (req, res) => {
      if (!isManifestGet(req.method, req.url) || n >= 2) return false;
      n++;
      const headers = n === 1 ? { 'content-type': 'text/plain' } : { location: `${req.url ?? ''}?hop=1` };
      res.writeHead(n === 1 ? 503 : 307, headers);
      // 1 MiB of body and then nothing, without ever ending: draining it would wait for the body timeout.
      res.write(Buffer.alloc(1024 * 1024, 0x61));
      res.on('close', () => closedEarly.push(!res.writableFinished));
      return true;
    });
    const started = Date.now();
    const m = await withClient(front.host, opts({ timeouts: { bodyMs: 30_000 } }), (c) => c.getManifest('team/app', '1.0'));
    expect(m.digest).toBe(image.manifest.digest);
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(n).toBe(2);
    expect(closedEarly).toEqual([true, true]);
  });
});

describe('timeouts', () => {
  const FAST_TIMEOUTS = { headersMs: 300, bodyMs: 300, smallReadMs: 800 };
  const held: ServerResponse[] = [];

  afterEach(() => {
    for (const res of held.splice(0)) res.destroy();
  });

  /** A registry answering /v2/ with 200 and manifests as `manifest` decides. */
  async function slowRegistry(manifest: (res: ServerResponse) => void): Promise<Proxy> {
    return proxy(undefined, (req, res) => {
      if (req.url === '/v2/') return json(res, 200, {});
      held.push(res);
      manifest(res);
      return true;
    });
  }

  it('gives up on response headers that never come, retrying, with NETWORK naming the request', async () => {
    const p = await slowRegistry(() => undefined);
    const started = Date.now();
    // undici checks these timers about twice a second: a longer deadline lets the headers timeout speak.
    const timeouts = { ...FAST_TIMEOUTS, smallReadMs: 5_000 };
    const err = await rejection(withClient(p.host, { retry: { attempts: 2, baseDelayMs: 5, maxDelayMs: 10 }, timeouts }, (c) => c.getManifest('team/app', '1.0')));
    expect(err.code).toBe('NETWORK');
    expect(err.message).toMatch(new RegExp(`^${p.host}/team/app:1\\.0: timed out waiting for ${p.host} \\(UND_ERR_HEADERS_TIMEOUT`));
    expect(Date.now() - started).toBeLessThan(8_000);
    expect(p.seen.filter((s) => s.path.includes('/manifests/'))).toHaveLength(2);
  });

  it('bounds a whole small read with a deadline, even when bytes keep trickling in', async () => {
    const p = await slowRegistry((res) => {
      res.writeHead(200, { 'content-type': 'application/vnd.oci.image.manifest.v1+json', 'content-length': '100000' });
      const timer = setInterval(() => res.write('{'), 50);
      res.on('close', () => clearInterval(timer));
    });
    const started = Date.now();
    const err = await rejection(withClient(p.host, { retry: { attempts: 2, baseDelayMs: 5, maxDelayMs: 10 }, timeouts: FAST_TIMEOUTS }, (c) => c.getManifest('team/app', '1.0')));
    expect(err.code).toBe('NETWORK');
    expect(err.message).toContain(`${p.host}/team/app:1.0: timed out waiting for ${p.host}`);
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(p.seen.filter((s) => s.path.includes('/manifests/'))).toHaveLength(2);
  });

  it('fails a blob stream that stalls with NETWORK after the body timeout', async () => {
    const layer = image.layers[0]!;
    const front = await proxy(reg.host, (req, res) => {
      if (req.method !== 'GET' || !req.url?.endsWith(`/blobs/${layer.digest}`)) return false;
      held.push(res);
      res.writeHead(200, { 'content-length': String(layer.bytes.length) });
      res.write(layer.bytes.subarray(0, 1000));
      return true;
    });
    const ref = `${front.host}/team/app:1.0`;
    const img = await openRegistryImage(ref, parseReference(ref), opts({ timeouts: FAST_TIMEOUTS }));
    try {
      const stream = await img.layers[0]!.open();
      const err = await rejection((async () => {
        for await (const _ of stream) void _;
      })());
      expect(err.code).toBe('NETWORK');
      expect(err.message).toContain(`${ref}: layer 1/1 ${layer.digest}: download interrupted`);
    } finally {
      await img.close();
    }
  });
});

describe('bodies that break while being read', () => {
  /** Headers promising 5000 bytes, 100 of them, then a closed connection. */
  const shortBody = (res: ServerResponse, type = 'application/json'): true => {
    res.writeHead(200, { 'content-type': type, 'content-length': '5000' });
    res.write('{"schemaVersion": 2, ' + ' '.repeat(79), () => res.destroy());
    return true;
  };

  it('retries a manifest whose body is cut short, and succeeds', async () => {
    let cut = 0;
    const front = await proxy(reg.host, (req, res) => {
      if (!isManifestGet(req.method, req.url) || cut > 0) return false;
      cut++;
      return shortBody(res, 'application/vnd.oci.image.manifest.v1+json');
    });
    const m = await withClient(front.host, opts(), (c) => c.getManifest('team/app', '1.0'));
    expect(m.digest).toBe(image.manifest.digest);
    expect(front.seen.filter((s) => isManifestGet(s.method, s.path))).toHaveLength(2);
  });

  it('reports bodies that keep breaking (manifest, config, tag list, token) as NETWORK', async () => {
    const front = await proxy(reg.host, (req, res) => {
      if (req.method !== 'GET' || !/\/(manifests|blobs|tags)\//.test(req.url ?? '')) return false;
      return shortBody(res);
    });
    await withClient(front.host, opts({ retry: { attempts: 2, baseDelayMs: 5, maxDelayMs: 10 } }), async (c) => {
      for (const read of [
        () => c.getManifest('team/app', '1.0'),
        () => c.getBlobBuffer('team/app', image.config.digest, image.config.bytes.length, 1 << 20),
        () => c.listTags('team/app'),
      ]) {
        const err = await rejection(read());
        expect(err.code).toBe('NETWORK');
        expect(err.message).toContain(`${front.host}/team/app`);
      }
    });
    const tokenBroken: Proxy = await proxy(undefined, (req, res) => {
      if (req.url?.startsWith('/token')) return shortBody(res);
      return json(res, 401, {}, { 'www-authenticate': `Bearer realm="http://${tokenBroken.host}/token",service="x"` });
    });
    const err = await rejection(withClient(tokenBroken.host, opts({ retry: { attempts: 2, baseDelayMs: 5, maxDelayMs: 10 } }), (c) => c.getManifest('team/app', '1.0')));
    expect(err.code).toBe('NETWORK');
    expect(err.message).toContain(`${tokenBroken.host}/team/app:1.0`);
    expect(err.message).not.toContain(reg.password!);
    expect(tokenBroken.seen.filter((s) => s.path.startsWith('/token'))).toHaveLength(2);
  });
});

describe('tag lists', () => {
  /** A registry paging `pages` pages of tags, each made by `page(i)`. */
  async function pagingRegistry(pages: number, page: (i: number) => string): Promise<Proxy> {
    return proxy(undefined, (req, res) => {
      if (req.url === '/v2/') return json(res, 200, {});
      const i = Number(new URL(req.url ?? '/', 'http://x').searchParams.get('page') ?? '0');
      const headers: Record<string, string> = { 'content-type': 'application/json' };
      if (i + 1 < pages) headers['link'] = `</v2/team/app/tags/list?page=${i + 1}>; rel="next"`;
      res.writeHead(200, headers);
      res.end(page(i));
      return true;
    });
  }

  it('stops a listing of more than a million tags with LIMIT', async () => {
    const p = await pagingRegistry(6, (i) => JSON.stringify({ name: 'team/app', tags: Array.from({ length: 200_000 }, (_, j) => `p${i}-${j}`) }));
    const err = await rejection(withClient(p.host, { retry: { attempts: 1 } }, (c) => c.listTags('team/app')));
    expect(err.code).toBe('LIMIT');
    expect(err.message).toBe(`${p.host}/team/app: more than 1000000 tags`);
    expect(p.seen.filter((s) => s.path.includes('/tags/list'))).toHaveLength(6);
  });

  it('stops a listing of more than 64 MiB with LIMIT', async () => {
    const padding = ' '.repeat(15 * 1024 * 1024);
    const p = await pagingRegistry(6, (i) => `{"name": "team/app", "tags": ["t${i}"]}${padding}`);
    const err = await rejection(withClient(p.host, { retry: { attempts: 1 } }, (c) => c.listTags('team/app')));
    expect(err.code).toBe('LIMIT');
    expect(err.message).toBe(`${p.host}/team/app: the tag list is larger than ${64 * 1024 * 1024} bytes`);
    expect(p.seen.filter((s) => s.path.includes('/tags/list'))).toHaveLength(5);
  });
});

describe('Docker-Content-Digest', () => {
  it('is checked for a body that is not schema 1, whatever the Content-Type says', async () => {
    const front = await proxy(reg.host, (req, res) => {
      if (!isManifestGet(req.method, req.url) || !req.url?.endsWith('/manifests/1.0')) return false;
      void (async () => {
        const up = await fetch(`http://${reg.host}${req.url}`, {
          headers: { accept: req.headers.accept ?? '', authorization: req.headers.authorization ?? '' },
        });
        const body = Buffer.from(await up.arrayBuffer());
        // Altered bytes (still valid JSON) under the digest the registry announced for the original.
        res.writeHead(200, { 'content-type': MANIFEST_V1_SIGNED, 'docker-content-digest': up.headers.get('docker-content-digest') ?? '' });
        res.end(Buffer.concat([body, Buffer.from('\n')]));
      })();
      return true;
    });
    const err = await rejection(withClient(front.host, opts(), (c) => c.getManifest('team/app', '1.0')));
    expect(err.code).toBe('DIGEST_MISMATCH');
    expect(err.message).toContain(`the registry announced ${image.manifest.digest}`);
  });

  it('is still not used to refuse the body of a real schema 1 manifest (refused as UNSUPPORTED later)', async () => {
    const schema1 = Buffer.from(JSON.stringify({ schemaVersion: 1, name: 'team/app', tag: '1.0', fsLayers: [], history: [] }));
    const front = await proxy(reg.host, (req, res) => {
      if (!isManifestGet(req.method, req.url)) return false;
      res.writeHead(200, { 'content-type': MANIFEST_V1_SIGNED, 'docker-content-digest': image.manifest.digest });
      res.end(schema1);
      return true;
    });
    const m = await withClient(front.host, opts(), (c) => c.getManifest('team/app', '1.0'));
    expect(m.body.equals(schema1)).toBe(true);
  });
});
