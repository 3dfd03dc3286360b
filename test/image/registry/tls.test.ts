import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../../src/core/errors.js';
import { parseReference } from '../../../src/image/reference.js';
import type { RegistryOptions } from '../../../src/image/registry/options.js';
import { openRegistryImage } from '../../../src/image/registry/registry-source.js';
import { pushImage, startRegistry, type RegistryServer } from '../../helpers/registry-server.js';
import { ALPINE_320, imageBlobs, makeImage, writeLayout, type TestImage } from './oci-fixture.js';

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
