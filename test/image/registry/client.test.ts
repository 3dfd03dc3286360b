import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppError } from '../../../src/core/errors.js';
import { RegistryClient } from '../../../src/image/registry/client.js';
import type { RegistryClientOptions } from '../../../src/image/registry/options.js';
import { pushImage, startRegistry, type RegistryServer } from '../../helpers/registry-server.js';
import { ALPINE_320, imageBlobs, makeImage, sha256, writeLayout, type TestImage } from './oci-fixture.js';
import { forward, startProxy } from './proxy.js';

const run = promisify(execFile);
const OPTS: RegistryClientOptions = { retry: { attempts: 2, baseDelayMs: 10, maxDelayMs: 20 } };
const TAGS = ['v1', 'v2', 'v3', 'v4', 'v5'];

let reg: RegistryServer;
let tmp: string;
let image: TestImage;

beforeAll(async () => {
  reg = await startRegistry();
  tmp = await mkdtemp(join(tmpdir(), 'drydock-client-'));
  image = await makeImage([ALPINE_320], { os: 'linux', architecture: 'amd64' });
  await writeLayout(join(tmp, 'layout'), { v1: image.manifest }, imageBlobs(image));
  for (const tag of TAGS) await pushImage(`oci:${join(tmp, 'layout')}:v1`, `${reg.host}/team/tags:${tag}`);
});

afterAll(async () => {
  await reg?.stop();
  if (tmp) await rm(tmp, { recursive: true, force: true });
});

async function withClient<T>(host: string, fn: (c: RegistryClient) => Promise<T>): Promise<T> {
  const c = new RegistryClient(host, OPTS);
  try {
    return await fn(c);
  } finally {
    await c.close();
  }
}

describe('RegistryClient', () => {
  it('gets a manifest by tag and by digest with the same bytes and digest', async () => {
    await withClient(reg.host, async (c) => {
      const byTag = await c.getManifest('team/tags', 'v3');
      expect(byTag).toMatchObject({ mediaType: 'application/vnd.oci.image.manifest.v1+json', digest: image.manifest.digest });
      expect(byTag.body.equals(image.manifest.bytes)).toBe(true);
      const byDigest = await c.getManifest('team/tags', image.manifest.digest, undefined, { expectedSize: image.manifest.bytes.length });
      expect(byDigest.digest).toBe(image.manifest.digest);
      const wrongSize = await c.getManifest('team/tags', image.manifest.digest, undefined, { expectedSize: 7 }).catch((e: unknown) => e);
      expect((wrongSize as AppError).code).toBe('DIGEST_MISMATCH');
    });
  });

  it('lists tags of distribution 2.8, which ignores the page size', async () => {
    const tags = await withClient(reg.host, (c) => c.listTags('team/tags', { pageSize: 2 }));
    expect([...tags].sort()).toEqual(TAGS);
  });

  it('follows Link rel="next" pages', async () => {
    // distribution 2.8 does not paginate tag lists; this proxy pages the real list the way the OCI
    // distribution spec (and distribution 3) does: ?n=&last=, with a Link header to the next page.
    const pager = await startProxy(reg.host, async (req, res) => {
      const url = new URL(req.url ?? '/', 'http://x');
      if (!url.pathname.endsWith('/tags/list') || !url.searchParams.has('n')) return false;
      const full = await fetch(`http://${reg.host}${url.pathname}`).then((r) => r.json() as Promise<{ name: string; tags: string[] }>);
      const n = Number(url.searchParams.get('n'));
      const last = url.searchParams.get('last');
      const rest = full.tags.sort().filter((t) => last === null || t > last);
      const page = rest.slice(0, n);
      const headers: Record<string, string> = { 'content-type': 'application/json' };
      if (rest.length > n) headers['link'] = `<${url.pathname}?n=${n}&last=${page[page.length - 1]}>; rel="next"`;
      res.writeHead(200, headers);
      res.end(JSON.stringify({ name: full.name, tags: page }));
      return true;
    });
    try {
      const tags = await withClient(pager.host, (c) => c.listTags('team/tags', { pageSize: 2 }));
      expect(tags).toEqual(TAGS);
      expect(pager.seen.filter((s) => s.path.includes('/tags/list')).map((s) => s.path)).toEqual([
        '/v2/team/tags/tags/list?n=2',
        '/v2/team/tags/tags/list?n=2&last=v2',
        '/v2/team/tags/tags/list?n=2&last=v4',
      ]);
    } finally {
      await pager.close();
    }
  });

  it('pushes blobs and a manifest that skopeo then copies out intact', async () => {
    const digest = await withClient(reg.host, async (c) => {
      expect(await c.pushBlob('team/pushed', image.layers[0]!.bytes)).toBe(image.layers[0]!.digest);
      expect(await c.pushBlob('team/pushed', image.config.bytes, image.config.digest)).toBe(image.config.digest);
      return c.pushManifest('team/pushed', 'v1', image.manifest.mediaType, image.manifest.bytes);
    });
    expect(digest).toBe(image.manifest.digest);
    const out = join(tmp, 'copied');
    await run('skopeo', ['copy', '--quiet', '--src-tls-verify=false', `docker://${reg.host}/team/pushed:v1`, `oci:${out}:v1`]);
    const index = JSON.parse(await readFile(join(out, 'index.json'), 'utf8')) as { manifests: Array<{ digest: string }> };
    expect(index.manifests[0]!.digest).toBe(image.manifest.digest);
    expect(sha256(await readFile(join(out, 'blobs/sha256', image.config.digest.slice(7))))).toBe(image.config.digest);
  });

  it('refuses pushing a blob under a digest it does not have', async () => {
    const err = await withClient(reg.host, (c) => c.pushBlob('team/pushed', Buffer.from('hello'), image.config.digest)).catch((e: unknown) => e);
    expect((err as AppError).code).toBe('DIGEST_MISMATCH');
  });

  it('rejects repository names and tags that are not valid before any request', async () => {
    const proxy = await startProxy(reg.host, (req, res) => {
      forward(reg.host, req, res);
      return true;
    });
    try {
      await withClient(proxy.host, async (c) => {
        for (const [repo, ref] of [['Team/App', 'v1'], ['team/../x', 'v1'], ['team/app', 'v1/../../x'], ['team/app', 'sha256:abc']]) {
          const err = await c.getManifest(repo!, ref!).catch((e: unknown) => e);
          expect((err as AppError).code).toBe('INPUT');
        }
      });
      expect(proxy.seen).toEqual([]);
    } finally {
      await proxy.close();
    }
  });
});
