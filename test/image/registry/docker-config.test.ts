import { chmod, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppError } from '../../../src/core/errors.js';
import { credentialsFromHelper } from '../../../src/image/registry/auth/cred-helper.js';
import { credentialsFromDockerConfig, loadDockerConfig, lookupByRegistry, parseDockerConfig } from '../../../src/image/registry/auth/docker-config.js';

let dir: string;
let env: Record<string, string>;

const b64 = (s: string): string => Buffer.from(s).toString('base64');

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'drydock-dockercfg-'));
  await mkdir(join(dir, 'bin'));
  const helpers: Record<string, string> = {
    // Echoes what it was asked, so the test sees the server URL the client sent.
    echo: `#!/bin/sh\nread s\nprintf '{"ServerURL":"%s","Username":"u","Secret":"asked-%s"}' "$s" "$s"\n`,
    broken: `#!/bin/sh\necho 'not json'\n`,
    failing: `#!/bin/sh\necho 'keychain locked' >&2\nexit 3\n`,
  };
  for (const [name, text] of Object.entries(helpers)) {
    await writeFile(join(dir, 'bin', `docker-credential-${name}`), text);
    await chmod(join(dir, 'bin', `docker-credential-${name}`), 0o755);
  }
  env = { PATH: `${join(dir, 'bin')}:/usr/bin:/bin` };
});

afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('docker config.json', () => {
  it('finds entries by host, https://host, http://host and Docker Hub aliases', () => {
    const map = {
      'reg.example:5000': 'plain',
      'https://other.example/v2/': 'https',
      'http://old.example': 'http',
      'https://index.docker.io/v1/': 'hub',
    };
    expect(lookupByRegistry(map, 'reg.example:5000')).toBe('plain');
    expect(lookupByRegistry(map, 'other.example')).toBe('https');
    expect(lookupByRegistry(map, 'old.example')).toBe('http');
    expect(lookupByRegistry(map, 'docker.io')).toBe('hub');
    expect(lookupByRegistry(map, 'reg.example')).toBeUndefined();
    expect(lookupByRegistry({ 'registry-1.docker.io': 'alias' }, 'docker.io')).toBe('alias');
  });

  it('decodes auth, and lets username/password fields and tokens through', async () => {
    const cfg = parseDockerConfig(
      JSON.stringify({
        auths: {
          'a.example': { auth: b64('alice:pa:ss') },
          'b.example': { username: 'bob', password: 'pw' },
          'c.example': { auth: '', identitytoken: 'refresh' },
          'd.example': { registrytoken: 'bearer' },
        },
      }),
      'cfg.json',
    );
    const get = (r: string) => credentialsFromDockerConfig(cfg, 'cfg.json', r, env);
    expect(await get('a.example')).toEqual({ username: 'alice', password: 'pa:ss' });
    expect(await get('b.example')).toEqual({ username: 'bob', password: 'pw' });
    expect(await get('c.example')).toEqual({ identityToken: 'refresh' });
    expect(await get('d.example')).toEqual({ registryToken: 'bearer' });
    expect(await get('e.example')).toBeUndefined();
  });

  it('asks helpers with the server URL docker uses (Docker Hub: https://index.docker.io/v1/)', async () => {
    const cfg = parseDockerConfig(JSON.stringify({ credsStore: 'echo' }), 'cfg.json');
    expect(await credentialsFromDockerConfig(cfg, 'cfg.json', 'docker.io', env)).toEqual({ username: 'u', password: 'asked-https://index.docker.io/v1/' });
    expect(await credentialsFromDockerConfig(cfg, 'cfg.json', 'reg.example:5000', env)).toEqual({ username: 'u', password: 'asked-reg.example:5000' });
  });

  it('reports every bad field, by path and never by value', () => {
    const bad = JSON.stringify({ auths: { 'a.example': { auth: 42, password: ['secret-value'] } }, credHelpers: { x: 1 } });
    const err = (() => {
      try {
        parseDockerConfig(bad, '/tmp/cfg.json');
      } catch (e) {
        return e as AppError;
      }
      return undefined;
    })();
    expect(err?.code).toBe('INPUT');
    expect(err?.message).toContain('/tmp/cfg.json');
    expect(err?.message).toContain('auths.a.example.auth');
    expect(err?.message).toContain('auths.a.example.password');
    expect(err?.message).toContain('credHelpers.x');
    expect(err?.message).not.toContain('secret-value');
  });

  it('rejects an auth that is not user:password without showing it', async () => {
    const cfg = parseDockerConfig(JSON.stringify({ auths: { 'a.example': { auth: b64('nocolon-secret') } } }), 'cfg.json');
    const err = await credentialsFromDockerConfig(cfg, 'cfg.json', 'a.example', env).then(
      () => undefined,
      (e: unknown) => e as AppError,
    );
    expect(err?.code).toBe('INPUT');
    expect(err?.message).not.toContain('nocolon-secret');
  });

  it('treats a missing file as no configuration and invalid JSON as INPUT', async () => {
    expect(await loadDockerConfig(join(dir, 'absent.json'))).toBeUndefined();
    await writeFile(join(dir, 'broken.json'), '{"auths": ');
    await expect(loadDockerConfig(join(dir, 'broken.json'))).rejects.toMatchObject({ code: 'INPUT' });
  });

  it('reports invalid JSON by position only, never quoting the text (credentials)', () => {
    const secret = b64('user:s3cret-pw');
    const cases: Array<[string, string]> = [
      // V8 quotes the text around an unexpected token: `Unexpected token 'x', ..."auth":x"dXNlcjpz"...`.
      [`{"auths":{"h":{"auth":x"${secret}"}}}`, 'docker config /tmp/cfg.json is not valid JSON'],
      // Other errors name a position, which is reported as line and column.
      [`{"auths":{\n"h":{"auth":"${secret}" "password":"s3cret-pw"}}}`, 'docker config /tmp/cfg.json is not valid JSON (line 2, column'],
    ];
    for (const [text, expected] of cases) {
      let err: AppError | undefined;
      try {
        parseDockerConfig(text, '/tmp/cfg.json');
      } catch (e) {
        err = e as AppError;
      }
      expect(err?.code).toBe('INPUT');
      expect(err?.message).toContain(expected);
      for (const part of [secret.slice(0, 8), secret.slice(-8), 's3cret', '"auth"']) expect(err?.message).not.toContain(part);
    }
  });
});

describe('credential helpers', () => {
  it('reports unusable answers and failures as AUTH, naming the helper', async () => {
    await expect(credentialsFromHelper('broken', 'r.example', env)).rejects.toMatchObject({ code: 'AUTH', message: expect.stringContaining('docker-credential-broken') });
    await expect(credentialsFromHelper('failing', 'r.example', env)).rejects.toMatchObject({ code: 'AUTH', message: expect.stringContaining('keychain locked') });
    await expect(credentialsFromHelper('../evil', 'r.example', env)).rejects.toMatchObject({ code: 'INPUT' });
  });
});
