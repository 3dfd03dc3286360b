import { createCipheriv, createHash } from 'node:crypto';
import { mkdtemp, readFile, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { request } from 'node:http';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DigestVerifier, type Digest } from '../../../src/core/digest.js';
import { AppError } from '../../../src/core/errors.js';
import { RegistryClient } from '../../../src/image/registry/client.js';
import { pushImage, startRegistry, type RegistryServer } from '../../helpers/registry-server.js';
import { ALPINE_320, imageBlobs, makeImage, writeLayout, type Blob, type TestImage } from '../registry/oci-fixture.js';
import { startProxy, type Proxy } from '../registry/proxy.js';
import { FAST_RETRY, copy } from './copy-fixture.js';

let reg: RegistryServer;
let proxy: Proxy;
let tmp: string;
let image: TestImage;
let layer: Blob;

beforeAll(async () => {
  reg = await startRegistry();
  // The registry writes upload Locations from the Host header: keep the proxy's, so uploads go through it.
  proxy = await startProxy(reg.host, (req, res) => {
    const [hostname, port] = reg.host.split(':') as [string, string];
    const upstream = request({ hostname, port: Number(port), method: req.method, path: req.url, headers: req.headers }, (up) => {
      res.writeHead(up.statusCode ?? 502, up.headers);
      up.pipe(res);
    });
    upstream.on('error', () => res.destroy());
    req.pipe(upstream);
    return true;
  });
  tmp = await mkdtemp(join(tmpdir(), 'drydock-upload-'));
  image = await makeImage([ALPINE_320], { os: 'linux', architecture: 'amd64' });
  layer = image.layers[0] as Blob;
});

afterAll(async () => {
  await proxy?.close();
  await reg?.stop();
  if (tmp) await rm(tmp, { recursive: true, force: true });
});

async function withClient<T>(fn: (c: RegistryClient) => Promise<T>): Promise<T> {
  const c = new RegistryClient(proxy.host, FAST_RETRY);
  try {
    return await fn(c);
  } finally {
    await c.close();
  }
}

/** `n` deterministic pseudo-random bytes (AES-CTR keystream), streamed in 1 MiB pieces. */
function keystream(n: number): Readable {
  const cipher = createCipheriv('aes-128-ctr', Buffer.alloc(16, 7), Buffer.alloc(16, 0));
  let left = n;
  return new Readable({
    read() {
      if (left === 0) return void this.push(null);
      const size = Math.min(left, 1 << 20);
      left -= size;
      this.push(cipher.update(Buffer.alloc(size)));
    },
  });
}

async function digestOfStream(s: Readable): Promise<Digest> {
  const h = createHash('sha256');
  for await (const c of s) h.update(c as Buffer);
  return `sha256:${h.digest('hex')}`;
}

function requestsSince(mark: number, method?: string): Proxy['seen'] {
  return proxy.seen.slice(mark).filter((r) => method === undefined || r.method === method);
}

describe('pushBlobStream: uploads in bounded chunks', () => {
  it('PATCHes chunks of at most chunkBytes, then PUTs the rest with the digest; a second push finds it present', async () => {
    const mark = proxy.seen.length;
    const chunk = 256 * 1024;
    const outcome = await withClient((c) => c.pushBlobStream('up/chunks', layer.digest, async () => Readable.from([layer.bytes]), { chunkBytes: chunk }));
    expect(outcome).toBe('uploaded');
    const patches = requestsSince(mark, 'PATCH');
    expect(patches.length).toBe(Math.floor(layer.bytes.length / chunk));
    for (const p of patches) expect(Number(p.headers['content-length'])).toBe(chunk);
    expect(patches.map((p) => p.headers['content-range'])).toEqual(patches.map((_p, i) => `${i * chunk}-${(i + 1) * chunk - 1}`));
    const put = requestsSince(mark, 'PUT');
    expect(put.length).toBe(1);
    expect(Number(put[0]?.headers['content-length'])).toBe(layer.bytes.length % chunk);
    const back = await withClient((c) => c.getBlobBuffer('up/chunks', layer.digest, layer.bytes.length, 1 << 24));
    expect(back.equals(layer.bytes)).toBe(true);
    expect(await withClient((c) => c.pushBlobStream('up/chunks', layer.digest, async () => Readable.from([layer.bytes])))).toBe('present');
  });

  it('streams a 40 MiB blob with the default 16 MiB chunks: two PATCHes and a PUT', async () => {
    const size = 40 * 1024 * 1024;
    const digest = await digestOfStream(keystream(size));
    const mark = proxy.seen.length;
    expect(await withClient((c) => c.pushBlobStream('up/big', digest, async () => keystream(size)))).toBe('uploaded');
    expect(requestsSince(mark, 'PATCH').map((p) => Number(p.headers['content-length']))).toEqual([16 << 20, 16 << 20]);
    // The registry computed the same digest over what it stored.
    const res = await fetch(`http://${reg.host}/v2/up/big/blobs/${digest}`, { method: 'HEAD' });
    expect(res.status).toBe(200);
    expect(Number(res.headers.get('content-length'))).toBe(size);
  });

  it('starts over with a fresh stream and a fresh upload when the source connection drops', async () => {
    const mark = proxy.seen.length;
    let opened = 0;
    const open = async (): Promise<Readable> => {
      opened++;
      if (opened > 1) return Readable.from([layer.bytes]);
      return new Readable({
        read() {
          this.push(layer.bytes.subarray(0, 300_000));
          this.destroy(new AppError('NETWORK', 'source: download interrupted (socket hang up)'));
        },
      });
    };
    expect(await withClient((c) => c.pushBlobStream('up/retry', layer.digest, open, { chunkBytes: 128 * 1024 }))).toBe('uploaded');
    expect(opened).toBe(2);
    // The abandoned upload was cancelled; the second one started from scratch.
    expect(requestsSince(mark, 'DELETE').length).toBe(1);
    expect(requestsSince(mark, 'POST').length).toBe(2);
    const back = await withClient((c) => c.getBlobBuffer('up/retry', layer.digest, layer.bytes.length, 1 << 24));
    expect(back.equals(layer.bytes)).toBe(true);
  });

  it('a source that fails its digest check cancels the upload: nothing committed, not retried', async () => {
    const mark = proxy.seen.length;
    const wrong = Buffer.from(layer.bytes);
    wrong.writeUInt8(wrong.readUInt8(10) ^ 1, 10);
    let opened = 0;
    const open = async (): Promise<Readable> => {
      opened++;
      return Readable.from([wrong]).pipe(new DigestVerifier(layer.digest, layer.bytes.length, 'test layer'));
    };
    const err = await withClient((c) => c.pushBlobStream('up/bad', layer.digest, open, { chunkBytes: 1 << 20 })).catch((e: unknown) => e);
    expect((err as AppError).code).toBe('DIGEST_MISMATCH');
    expect(opened).toBe(1);
    expect(requestsSince(mark, 'PUT')).toEqual([]);
    expect(requestsSince(mark, 'DELETE').length).toBe(1);
    expect((await fetch(`http://${reg.host}/v2/up/bad/blobs/${layer.digest}`, { method: 'HEAD' })).status).toBe(404);
  });

  it('mounts a blob from another repository of the registry', async () => {
    const mark = proxy.seen.length;
    expect(await withClient((c) => c.pushBlobStream('up/mounted', layer.digest, () => Promise.reject(new Error('must not read')), { mountFrom: 'up/chunks' }))).toBe('mounted');
    expect(requestsSince(mark, 'POST').map((r) => r.path)).toEqual([`/v2/up/mounted/blobs/uploads/?mount=${encodeURIComponent(layer.digest)}&from=up%2Fchunks`]);
  });
});

describe('copy from a registry that serves bytes not matching their digest', () => {
  it('fails with DIGEST_MISMATCH and pushes no manifest', async () => {
    const layout = join(tmp, 'layout');
    await writeLayout(layout, { v1: image.manifest }, imageBlobs(image));
    await pushImage(`oci:${layout}:v1`, `${reg.host}/team/app:v1`);
    // Flip a byte of the layer in the registry's own storage (distribution's filesystem layout).
    const hex = layer.digest.slice(7);
    const data = join(reg.storageDir, 'docker/registry/v2/blobs/sha256', hex.slice(0, 2), hex, 'data');
    const bytes = await readFile(data);
    bytes.writeUInt8(bytes.readUInt8(5000) ^ 0xff, 5000);
    await writeFile(data, bytes);
    expect((await stat(data)).size).toBe(layer.bytes.length);
    const other = await startRegistry();
    try {
      const err = await copy(`${reg.host}/team/app:v1`, `${other.host}/mirror/app:v1`, FAST_RETRY, FAST_RETRY).catch((e: unknown) => e);
      expect((err as AppError).code).toBe('DIGEST_MISMATCH');
      expect((await fetch(`http://${other.host}/v2/mirror/app/manifests/v1`, { method: 'HEAD' })).status).toBe(404);
      expect((await fetch(`http://${other.host}/v2/mirror/app/blobs/${layer.digest}`, { method: 'HEAD' })).status).toBe(404);
    } finally {
      await other.stop();
    }
    const out = join(tmp, 'out');
    const err2 = await copy(`${reg.host}/team/app:v1`, `oci:${out}:v1`, FAST_RETRY, FAST_RETRY).catch((e: unknown) => e);
    expect((err2 as AppError).code).toBe('DIGEST_MISMATCH');
    expect(await readdir(out)).not.toContain('index.json');
  });
});
