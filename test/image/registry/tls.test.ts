import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer as createHttpsServer, type Server as HttpsServer } from 'node:https';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../../src/core/errors.js';
import { parseReference } from '../../../src/image/reference.js';
import { RegistryClient } from '../../../src/image/registry/client.js';
import type { RegistryOptions } from '../../../src/image/registry/options.js';
import { openRegistryImage } from '../../../src/image/registry/registry-source.js';
import { pushImage, selfSignedCert, startRegistry, type RegistryServer } from '../../helpers/registry-server.js';
import { ALPINE_320, imageBlobs, makeImage, sha256, writeLayout, type TestImage } from './oci-fixture.js';
import { startProxy } from './proxy.js';

const BASE: RegistryOptions = { platform: { os: 'linux', architecture: 'amd64' }, retry: { attempts: 2, baseDelayMs: 10, maxDelayMs: 20 } };

let reg: RegistryServer;
let tmp: string;
let image: TestImage;
let ref: string;

beforeAll(async () => {
  reg = await startRegistry({ tls: true, auth: 'htpasswd' });
  tmp = await mkdtemp(join(tmpdir(), 'drydock-tls-'));
  image = await makeImage([ALPINE_320], { os: 'linux', architecture: 'amd64' });
  await writeLayout(tmp, { v1: image.manifest }, imageBlobs(image));
  await pushImage(`oci:${tmp}:v1`, `${reg.host}/team/app:1.0`, { username: reg.username!, password: reg.password! });
  ref = `${reg.host}/team/app:1.0`;
});

afterAll(async () => {
  await reg?.stop();
  if (tmp) await rm(tmp, { recursive: true, force: true });
});

async function open(extra: RegistryOptions) {
  return openRegistryImage(ref, parseReference(ref), { ...BASE, username: reg.username!, password: reg.password!, ...extra });
}

describe('HTTPS registry with a self-signed certificate', () => {
  it('is read with insecure', async () => {
    const img = await open({ insecure: true });
    await img.close();
    expect(img.info.digest).toBe(image.manifest.digest);
  });

  it('is read when its CA is trusted', async () => {
    const img = await open({ ca: await readFile(reg.caCertPath!, 'utf8') });
    await img.close();
    expect(img.info.digest).toBe(image.manifest.digest);
  });

  it('is refused without insecure, and not retried over plain HTTP', async () => {
    const err = await open({}).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).code).toBe('NETWORK');
    expect((err as AppError).message).toContain(`the TLS certificate of ${reg.host} is not trusted`);
    expect((err as AppError).message).toContain('--insecure');
    expect((err as AppError).message).not.toContain(reg.password!);
  });
});

describe('HTTPS registry with token authentication whose realm is plain HTTP', () => {
  let tokenReg: RegistryServer;

  beforeAll(async () => {
    tokenReg = await startRegistry({ tls: true, auth: 'token' });
    await pushImage(`oci:${tmp}:v1`, `${tokenReg.host}/team/app:1.0`, { username: tokenReg.username!, password: tokenReg.password! });
  });

  afterAll(async () => {
    await tokenReg?.stop();
  });

  const openToken = (extra: RegistryOptions) => {
    const r = `${tokenReg.host}/team/app:1.0`;
    return openRegistryImage(r, parseReference(r), { ...BASE, username: tokenReg.username!, password: tokenReg.password!, ...extra });
  };

  it('refuses the plain-HTTP realm (credentials in cleartext) when the certificate is trusted', async () => {
    const before = tokenReg.tokenRequests!.length;
    const err = await openToken({ ca: await readFile(tokenReg.caCertPath!, 'utf8') }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).code).toBe('REGISTRY');
    expect((err as AppError).message).toContain('refusing the plain-HTTP token realm');
    expect((err as AppError).message).not.toContain(tokenReg.password!);
    expect(tokenReg.tokenRequests!.length).toBe(before);
  });

  it('uses it with insecure, since the realm is on the registry host', async () => {
    const img = await openToken({ insecure: true });
    await img.close();
    expect(img.info.digest).toBe(image.manifest.digest);
  });
});

describe('insecure applies to the registry host only', () => {
  let dir: string;
  let registryTls: { key: Buffer; cert: Buffer };
  const servers: HttpsServer[] = [];
  const blob = Buffer.from('a blob that lives in storage\n');
  const blobDigest = sha256(blob);

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'drydock-tls-scope-'));
    const { cert, key } = await selfSignedCert(dir, 'fake');
    registryTls = { cert: await readFile(cert), key: await readFile(key) };
  });

  afterAll(async () => {
    await Promise.all(
      servers.splice(0).map(
        (s) =>
          new Promise<void>((resolve) => {
            s.closeAllConnections();
            s.close(() => resolve());
          }),
      ),
    );
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  /** An HTTPS server with the self-signed certificate; `seen` records the paths it was asked for. */
  async function httpsServer(host: string, handle: (req: IncomingMessage, res: ServerResponse) => void): Promise<{ host: string; seen: string[] }> {
    const seen: string[] = [];
    const server = createHttpsServer(registryTls, (req, res) => {
      seen.push(req.url ?? '');
      handle(req, res);
    });
    servers.push(server);
    await new Promise<void>((resolve) => server.listen(0, host, resolve));
    const addr = server.address();
    return { host: `${host}:${typeof addr === 'object' && addr !== null ? addr.port : 0}`, seen };
  }

  /** A fake HTTPS registry on 127.0.0.1 that redirects its blob to `location`. */
  async function redirectingRegistry(location: string): Promise<string> {
    const reg = await httpsServer('127.0.0.1', (req, res) => {
      if (req.url === '/v2/') {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end('{}');
        return;
      }
      res.writeHead(307, { location });
      res.end();
    });
    return reg.host;
  }

  const serveBlob = (_req: IncomingMessage, res: ServerResponse): void => {
    res.writeHead(200, { 'content-length': String(blob.length) });
    res.end(blob);
  };

  it('verifies the certificate of blob storage on another host', async () => {
    const storage = await httpsServer('127.0.0.2', serveBlob);
    const host = await redirectingRegistry(`https://${storage.host}/blob`);
    const client = new RegistryClient(host, { ...BASE, insecure: true });
    try {
      const err = await client.getBlobBuffer('team/app', blobDigest, blob.length, 1024).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(AppError);
      expect((err as AppError).code).toBe('NETWORK');
      expect((err as AppError).message).toContain(`the TLS certificate of ${storage.host} is not trusted`);
      expect(storage.seen).toEqual([]);
    } finally {
      await client.close();
    }
  });

  it('refuses a redirect from the HTTPS registry to plain HTTP on another host', async () => {
    const storage = await startProxy(undefined, (req, res) => (serveBlob(req, res), true), '127.0.0.2');
    try {
      const host = await redirectingRegistry(`http://${storage.host}/blob`);
      const client = new RegistryClient(host, { ...BASE, insecure: true });
      try {
        const err = await client.getBlobBuffer('team/app', blobDigest, blob.length, 1024).catch((e: unknown) => e);
        expect(err).toBeInstanceOf(AppError);
        expect((err as AppError).code).toBe('REGISTRY');
        expect((err as AppError).message).toContain(`refusing a redirect from HTTPS to plain HTTP (${storage.host})`);
        expect(storage.seen).toEqual([]);
      } finally {
        await client.close();
      }
    } finally {
      await storage.close();
    }
  });

  it('still skips verification for the registry host itself (any port), and follows https→http there', async () => {
    const storage = await httpsServer('127.0.0.1', serveBlob);
    const plain = await startProxy(undefined, (req, res) => (serveBlob(req, res), true), '127.0.0.1');
    try {
      for (const location of [`https://${storage.host}/blob`, `http://${plain.host}/blob`]) {
        const client = new RegistryClient(await redirectingRegistry(location), { ...BASE, insecure: true });
        try {
          expect((await client.getBlobBuffer('team/app', blobDigest, blob.length, 1024)).equals(blob)).toBe(true);
        } finally {
          await client.close();
        }
      }
    } finally {
      await plain.close();
    }
  });
});

describe('a plain-HTTP registry address that redirects to HTTPS', () => {
  it('is followed to HTTPS on the same host, where the session stays', async () => {
    const upgrade = await startProxy(undefined, (req, res) => {
      res.writeHead(301, { location: `https://${reg.host}${req.url ?? '/'}` });
      res.end();
      return true;
    });
    try {
      const r = `${upgrade.host}/team/app:1.0`;
      const img = await openRegistryImage(r, parseReference(r), {
        ...BASE,
        username: reg.username!,
        password: reg.password!,
        ca: await readFile(reg.caCertPath!, 'utf8'),
      });
      await img.close();
      expect(img.info.digest).toBe(image.manifest.digest);
      // Only the probe went to the plain-HTTP address; everything else to the HTTPS root it upgraded to.
      expect(upgrade.seen.map((s) => s.path)).toEqual(['/v2/']);
    } finally {
      await upgrade.close();
    }
  });
});
