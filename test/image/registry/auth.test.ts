import { chmod, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../../src/core/errors.js';
import { parseReference } from '../../../src/image/reference.js';
import { RegistryClient } from '../../../src/image/registry/client.js';
import type { RegistryOptions } from '../../../src/image/registry/options.js';
import { openRegistryImage } from '../../../src/image/registry/registry-source.js';
import { pushImage, startRegistry, type RegistryServer } from '../../helpers/registry-server.js';
import { ALPINE_320, imageBlobs, makeImage, writeLayout, type TestImage } from './oci-fixture.js';

const FAST: RegistryOptions = { retry: { attempts: 2, baseDelayMs: 10, maxDelayMs: 20 }, platform: { os: 'linux', architecture: 'amd64' } };

let basic: RegistryServer;
let token: RegistryServer;
let image: TestImage;
let tmp: string;

function creds(r: RegistryServer): { username: string; password: string } {
  return { username: r.username as string, password: r.password as string };
}

beforeAll(async () => {
  [basic, token] = await Promise.all([startRegistry({ auth: 'htpasswd' }), startRegistry({ auth: 'token' })]);
  tmp = await mkdtemp(join(tmpdir(), 'drydock-auth-'));
  image = await makeImage([ALPINE_320], { os: 'linux', architecture: 'amd64' });
  await writeLayout(join(tmp, 'layout'), { v1: image.manifest }, imageBlobs(image));
  await Promise.all([
    pushImage(`oci:${join(tmp, 'layout')}:v1`, `${basic.host}/team/app:1.0`, creds(basic)),
    pushImage(`oci:${join(tmp, 'layout')}:v1`, `${token.host}/team/app:1.0`, creds(token)),
  ]);
});

afterAll(async () => {
  await Promise.all([basic?.stop(), token?.stop()]);
  if (tmp) await rm(tmp, { recursive: true, force: true });
});

async function openDigest(r: RegistryServer, opts: RegistryOptions): Promise<string | undefined> {
  const ref = `${r.host}/team/app:1.0`;
  const img = await openRegistryImage(ref, parseReference(ref), { ...FAST, ...opts });
  try {
    // Blob GETs need the credentials too.
    const stream = await img.layers[0]!.open();
    for await (const _ of stream) void _;
    return img.info.digest;
  } finally {
    await img.close();
  }
}

async function authError(p: Promise<unknown>, secrets: string[]): Promise<AppError> {
  const err = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(AppError);
  const app = err as AppError;
  expect(app.code).toBe('AUTH');
  for (const s of secrets) expect(`${app.message} ${String(app.stack)}`).not.toContain(s);
  return app;
}

async function writeConfig(name: string, config: unknown): Promise<string> {
  const path = join(tmp, name);
  await writeFile(path, JSON.stringify(config));
  return path;
}

describe('htpasswd (Basic) registry', () => {
  it('pulls with explicit credentials', async () => {
    expect(await openDigest(basic, creds(basic))).toBe(image.manifest.digest);
  });

  it('refuses a wrong password with AUTH, without echoing either password', async () => {
    const err = await authError(openDigest(basic, { username: 'drydock', password: 'wrong-secret-1' }), ['wrong-secret-1', basic.password!]);
    expect(err.message).toContain(`${basic.host}/team/app:1.0`);
  });

  it('says that credentials are missing when there are none', async () => {
    const err = await authError(openDigest(basic, {}), []);
    expect(err.message).toContain('no credentials');
  });

  it('reads the "auth" field of a docker config.json keyed by host', async () => {
    const auth = Buffer.from(`${basic.username}:${basic.password}`).toString('base64');
    const dockerConfigPath = await writeConfig('basic-auth.json', { auths: { [basic.host]: { auth } } });
    expect(await openDigest(basic, { dockerConfigPath })).toBe(image.manifest.digest);
  });
});

describe('token (Bearer) registry', () => {
  it('pulls with credentials exchanged for a token of the pull scope', async () => {
    const before = token.tokenRequests!.length;
    expect(await openDigest(token, creds(token))).toBe(image.manifest.digest);
    const seen = token.tokenRequests!.slice(before);
    expect(seen.length).toBeGreaterThan(0);
    expect(seen.every((r) => r.accepted && r.grant === 'basic')).toBe(true);
    expect(seen[0]!.scopes).toEqual(['repository:team/app:pull']);
  });

  it('refuses a wrong password with AUTH, without echoing it', async () => {
    const err = await authError(openDigest(token, { username: 'drydock', password: 'wrong-secret-2' }), ['wrong-secret-2', token.password!]);
    expect(err.message).toContain('rejected the credentials');
  });

  it('reports anonymous access refused by the token server as AUTH', async () => {
    const err = await authError(openDigest(token, {}), []);
    expect(err.message).toContain('no credentials');
  });

  it('caches the token per scope across requests', async () => {
    const client = new RegistryClient(token.host, { ...FAST, ...creds(token) });
    const before = token.tokenRequests!.length;
    try {
      const m = await client.getManifest('team/app', '1.0');
      await client.getBlobBuffer('team/app', image.config.digest, image.config.bytes.length, 1 << 20);
      expect(await client.listTags('team/app')).toEqual(['1.0']);
      expect(m.digest).toBe(image.manifest.digest);
    } finally {
      await client.close();
    }
    expect(token.tokenRequests!.length - before).toBe(1);
  });

  it('asks for pull,push when pushing', async () => {
    const client = new RegistryClient(token.host, { ...FAST, ...creds(token) });
    const before = token.tokenRequests!.length;
    try {
      await client.pushBlob('team/pushed', image.config.bytes);
      await client.pushBlob('team/pushed', image.layers[0]!.bytes);
      const digest = await client.pushManifest('team/pushed', 'v1', image.manifest.mediaType, image.manifest.bytes);
      expect(digest).toBe(image.manifest.digest);
      expect((await client.getManifest('team/pushed', 'v1')).body.equals(image.manifest.bytes)).toBe(true);
    } finally {
      await client.close();
    }
    const scopes = token.tokenRequests!.slice(before).flatMap((r) => r.scopes);
    expect(scopes).toContain('repository:team/pushed:pull,push');
  });

  it('reads username/password fields of an https:// key in a docker config.json', async () => {
    const dockerConfigPath = await writeConfig('token-userpass.json', {
      auths: { [`https://${token.host}`]: { username: token.username, password: token.password } },
    });
    expect(await openDigest(token, { dockerConfigPath })).toBe(image.manifest.digest);
  });

  it('uses an identitytoken with the OAuth2 refresh-token grant', async () => {
    const before = token.tokenRequests!.length;
    const dockerConfigPath = await writeConfig('token-identity.json', { auths: { [token.host]: { identitytoken: token.identityToken } } });
    expect(await openDigest(token, { dockerConfigPath })).toBe(image.manifest.digest);
    const seen = token.tokenRequests!.slice(before);
    expect(seen.map((r) => [r.method, r.grant, r.accepted])).toContainEqual(['POST', 'refresh_token', true]);
  });
});

describe('credential helpers', () => {
  let env: Record<string, string | undefined>;

  beforeAll(async () => {
    const bin = join(tmp, 'bin');
    await mkdir(bin);
    const script = [
      '#!/bin/sh',
      '[ "$1" = get ] || exit 2',
      'read server',
      'case "$server" in',
      `  ${basic.host}) printf '{"ServerURL":"%s","Username":"%s","Secret":"%s"}' "$server" '${basic.username}' '${basic.password}' ;;`,
      `  ${token.host}) printf '{"ServerURL":"%s","Username":"<token>","Secret":"%s"}' "$server" '${token.identityToken}' ;;`,
      '  *) echo "credentials not found in native keychain"; exit 1 ;;',
      'esac',
      '',
    ].join('\n');
    await writeFile(join(bin, 'docker-credential-drydocktest'), script);
    await chmod(join(bin, 'docker-credential-drydocktest'), 0o755);
    env = { PATH: `${bin}:${process.env['PATH'] ?? '/usr/bin:/bin'}` };
  });

  it('runs the per-host credHelper with the server URL on stdin', async () => {
    const dockerConfigPath = await writeConfig('helpers.json', { credHelpers: { [basic.host]: 'drydocktest' } });
    expect(await openDigest(basic, { dockerConfigPath, env })).toBe(image.manifest.digest);
  });

  it('treats a <token> username from the credsStore as an identity token', async () => {
    const dockerConfigPath = await writeConfig('store.json', { credsStore: 'drydocktest' });
    expect(await openDigest(token, { dockerConfigPath, env })).toBe(image.manifest.digest);
  });

  it('falls back to auths when the credsStore has nothing for the host', async () => {
    const other = await startRegistry({ auth: 'htpasswd' });
    try {
      await pushImage(`oci:${join(tmp, 'layout')}:v1`, `${other.host}/team/app:1.0`, creds(other));
      const auth = Buffer.from(`${other.username}:${other.password}`).toString('base64');
      const dockerConfigPath = await writeConfig('store-fallback.json', { credsStore: 'drydocktest', auths: { [`http://${other.host}`]: { auth } } });
      expect(await openDigest(other, { dockerConfigPath, env })).toBe(image.manifest.digest);
    } finally {
      await other.stop();
    }
  });

  it('reports a helper missing from PATH as AUTH', async () => {
    const dockerConfigPath = await writeConfig('missing-helper.json', { credHelpers: { [basic.host]: 'nosuchhelper' } });
    const err = await authError(openDigest(basic, { dockerConfigPath, env }), []);
    expect(err.message).toContain('docker-credential-nosuchhelper');
  });
});
