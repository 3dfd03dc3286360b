import { createHash } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { request as httpRequest } from 'node:http';
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
import { startProxy, type Proxy } from './proxy.js';

const AMD64 = { os: 'linux', architecture: 'amd64' };

let reg: RegistryServer;
let tmp: string;
let image: TestImage;
const proxies: Proxy[] = [];

beforeAll(async () => {
  reg = await startRegistry({ auth: 'htpasswd' });
  tmp = await mkdtemp(join(tmpdir(), 'drydock-transport-'));
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

async function proxy(...args: Parameters<typeof startProxy>): Promise<Proxy> {
  const p = await startProxy(...args);
  proxies.push(p);
  return p;
}

function opts(extra: RegistryOptions = {}): RegistryOptions {
  return { username: reg.username!, password: reg.password!, platform: AMD64, retry: { attempts: 4, baseDelayMs: 10, maxDelayMs: 40 }, ...extra };
}

async function drain(stream: NodeJS.ReadableStream): Promise<string> {
  const h = createHash('sha256');
  for await (const chunk of stream) h.update(chunk as Buffer);
  return `sha256:${h.digest('hex')}`;
}

const isManifestGet = (method: string | undefined, url: string | undefined): boolean => method === 'GET' && /\/manifests\//.test(url ?? '');

describe('retries', () => {
  it('retries 429 (honouring Retry-After) and 503, then succeeds', async () => {
    let failures = 0;
    const p = await proxy(reg.host, (req, res) => {
      if (!isManifestGet(req.method, req.url) || failures >= 2) return false;
      failures++;
      if (failures === 1) res.writeHead(429, { 'retry-after': '1', 'content-type': 'application/json' });
      else res.writeHead(503, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ errors: [{ code: failures === 1 ? 'TOOMANYREQUESTS' : 'UNAVAILABLE', message: 'try later' }] }));
      return true;
    });
    const ref = `${p.host}/team/app:1.0`;
    const started = Date.now();
    const img = await openRegistryImage(ref, parseReference(ref), opts());
    const elapsed = Date.now() - started;
    await img.close();
    expect(img.info.digest).toBe(image.manifest.digest);
    expect(p.seen.filter((s) => isManifestGet(s.method, s.path))).toHaveLength(3);
    expect(elapsed).toBeGreaterThanOrEqual(950);
  });

  it('gives up after the configured attempts with NETWORK', async () => {
    const p = await proxy(reg.host, (req, res) => {
      if (!isManifestGet(req.method, req.url)) return false;
      res.writeHead(503);
      res.end('down for maintenance');
      return true;
    });
    const ref = `${p.host}/team/app:1.0`;
    const err = await openRegistryImage(ref, parseReference(ref), opts({ retry: { attempts: 3, baseDelayMs: 5, maxDelayMs: 10 } })).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).code).toBe('NETWORK');
    expect((err as AppError).message).toBe(`${ref}: the registry keeps failing (HTTP 503 after 3 attempts)`);
    expect(p.seen.filter((s) => isManifestGet(s.method, s.path))).toHaveLength(3);
  });

  it('does not retry a 404', async () => {
    const p = await proxy(reg.host);
    const ref = `${p.host}/team/app:missing`;
    const err = await openRegistryImage(ref, parseReference(ref), opts()).catch((e: unknown) => e);
    expect((err as AppError).code).toBe('NOT_FOUND');
    expect(p.seen.filter((s) => isManifestGet(s.method, s.path))).toHaveLength(1);
  });
});

describe('interrupted downloads', () => {
  it('fails the layer stream with NETWORK naming the layer when the connection drops', async () => {
    const layer = image.layers[0]!;
    const p = await proxy(reg.host, (req, res) => {
      if (req.method !== 'GET' || !req.url?.endsWith(`/blobs/${layer.digest}`)) return false;
      res.writeHead(200, { 'content-length': String(layer.bytes.length), 'content-type': 'application/octet-stream' });
      res.write(layer.bytes.subarray(0, 100_000), () => res.destroy());
      return true;
    });
    const ref = `${p.host}/team/app:1.0`;
    const img = await openRegistryImage(ref, parseReference(ref), opts());
    try {
      const err = await img.layers[0]!.open().then(drain).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(AppError);
      expect((err as AppError).code).toBe('NETWORK');
      expect((err as AppError).message).toContain(`${ref}: layer 1/1 ${layer.digest}: download interrupted`);
    } finally {
      await img.close();
    }
  });
});

describe('redirects', () => {
  it('follows a blob redirect to another host without sending it the Authorization header', async () => {
    const basic = `Basic ${Buffer.from(`${reg.username}:${reg.password}`).toString('base64')}`;
    // "Storage" on another loopback address serves blobs it fetches from the registry itself.
    const storage = await proxy(undefined, (req, res) => {
      const digest = /\/storage\/(sha256:[a-f0-9]{64})/.exec(req.url ?? '')?.[1];
      if (digest === undefined) return false;
      const up = httpRequest(`http://${reg.host}/v2/team/app/blobs/${digest}`, { headers: { authorization: basic } }, (r) => {
        res.writeHead(r.statusCode ?? 502, { 'content-length': r.headers['content-length'] ?? '' });
        r.pipe(res);
      });
      up.end();
      return true;
    }, '127.0.0.2');
    const front = await proxy(reg.host, (req, res) => {
      const m = /^\/v2\/team\/app\/blobs\/(sha256:[a-f0-9]{64})$/.exec(req.url ?? '');
      if (req.method !== 'GET' || !m || req.headers.authorization === undefined) return false;
      res.writeHead(307, { location: `http://${storage.host}/storage/${m[1]}?signature=abc` });
      res.end();
      return true;
    });
    const ref = `${front.host}/team/app:1.0`;
    const img = await openRegistryImage(ref, parseReference(ref), opts());
    try {
      expect(await drain(await img.layers[0]!.open())).toBe(image.layers[0]!.digest);
    } finally {
      await img.close();
    }
    expect(front.seen.some((s) => s.headers.authorization === basic)).toBe(true);
    expect(storage.seen.map((s) => s.path)).toEqual([
      `/storage/${image.config.digest}?signature=abc`,
      `/storage/${image.layers[0]!.digest}?signature=abc`,
    ]);
    expect(storage.seen.every((s) => s.headers.authorization === undefined)).toBe(true);
  });

  it('stops after 5 redirects with LIMIT', async () => {
    let hops = 0;
    const p = await proxy(reg.host, (req, res) => {
      if (!isManifestGet(req.method, req.url)) return false;
      hops++;
      res.writeHead(302, { location: `/v2/team/app/manifests/1.0?hop=${hops}` });
      res.end();
      return true;
    });
    const client = new RegistryClient(p.host, opts());
    try {
      const err = await client.getManifest('team/app', '1.0').catch((e: unknown) => e);
      expect((err as AppError).code).toBe('LIMIT');
      expect((err as AppError).message).toBe(`${p.host}/team/app:1.0: more than 5 redirects`);
      expect(hops).toBe(6);
    } finally {
      await client.close();
    }
  });
});
