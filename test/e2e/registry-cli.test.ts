import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Inventory } from '../../src/core/inventory.js';
import { ensureFixtures, fixture, readImageTruth, readPackageTruth } from '../helpers/fixtures.js';
import { pushImage, startRegistry, type RegistryServer } from '../helpers/registry-server.js';
import { runCli, tempCache } from '../helpers/drydock.js';
import { ALPINE_319, ALPINE_320, makeImage, makeIndex, writeLayout } from '../image/registry/oci-fixture.js';

const env = (extra: Record<string, string> = {}): Record<string, string | undefined> => ({ PATH: process.env['PATH'], HOME: '/nonexistent', ...extra });

function names(stdout: string): string[] {
  return (JSON.parse(stdout) as Inventory).packages.map((p) => `${p.name}@${p.version}`).sort();
}

describe('drydock sbom against a real registry', () => {
  const cache = tempCache();
  let basic: RegistryServer;
  let token: RegistryServer;
  let open: RegistryServer;
  const work = mkdtempSync(join(tmpdir(), 'drydock-reg-e2e-'));

  beforeAll(async () => {
    await ensureFixtures(['debian', 'alpine-3.20']);
    [basic, token, open] = await Promise.all([startRegistry({ auth: 'htpasswd' }), startRegistry({ auth: 'token' }), startRegistry()]);
    const creds = { username: basic.username as string, password: basic.password as string };
    await pushImage(`oci:${fixture('debian').ociDir}:latest`, `${basic.host}/fixtures/debian:bookworm`, creds);
    await pushImage(`oci:${fixture('alpine-3.20').ociDir}:latest`, `${token.host}/team/alpine:3.20`, {
      username: token.username as string,
      password: token.password as string,
    });
    // a two-platform index: "amd64" is Alpine 3.20, "arm64" is Alpine 3.19
    const amd = await makeImage([ALPINE_320], { os: 'linux', architecture: 'amd64' });
    const arm = await makeImage([ALPINE_319], { os: 'linux', architecture: 'arm64', variant: 'v8' });
    const index = makeIndex([amd, arm]);
    const layout = join(work, 'multi');
    await writeLayout(layout, { multi: index }, [amd.manifest, amd.config, ...amd.layers, arm.manifest, arm.config, ...arm.layers]);
    await pushImage(`oci:${layout}:multi`, `${open.host}/multi/alpine:both`, undefined, { all: true });
  });

  afterAll(async () => {
    await Promise.all([basic?.stop(), token?.stop(), open?.stop()]);
    cache.cleanup();
    rmSync(work, { recursive: true, force: true });
  });

  it('reads a pushed image with htpasswd credentials from flags, env, stdin and a docker config', async () => {
    const ref = `${basic.host}/fixtures/debian:bookworm`;
    const user = basic.username as string;
    const pass = basic.password as string;
    const expected = readPackageTruth('debian')
      .filter((r) => r.status === 'installed')
      .map((r) => `${r.package.replace(/:.*$/, '')}@${r.version}`)
      .sort();
    const authfile = join(work, 'config.json');
    writeFileSync(authfile, JSON.stringify({ auths: { [basic.host]: { auth: Buffer.from(`${user}:${pass}`).toString('base64') } } }));
    const runs = [
      await runCli(['sbom', ref, '-f', 'json', '--cache-dir', cache.dir, '--username', user, '--password', pass], { env: env() }),
      await runCli(['sbom', ref, '-f', 'json', '--cache-dir', cache.dir], { env: env({ DRYDOCK_USERNAME: user, DRYDOCK_PASSWORD: pass }) }),
      await runCli(['sbom', `registry:${ref}`, '-f', 'json', '--cache-dir', cache.dir, '--username', user, '--password-stdin'], { env: env(), stdin: `${pass}\n` }),
      await runCli(['sbom', ref, '-f', 'json', '--cache-dir', cache.dir, '--authfile', authfile], { env: env() }),
    ];
    for (const r of runs) {
      expect(r.stderr).toBe('');
      expect(r.code).toBe(0);
      expect(names(r.stdout)).toEqual(expected);
      const inv = JSON.parse(r.stdout) as Inventory;
      expect(inv.source.kind).toBe('registry');
      expect(inv.source.digest).toBe(readImageTruth('debian').manifestDigest);
    }
  });

  it('fails with exit 2 and never prints the password when the credentials are wrong or missing', async () => {
    const ref = `${basic.host}/fixtures/debian:bookworm`;
    const wrong = await runCli(['sbom', ref, '--cache-dir', cache.dir, '--username', basic.username as string, '--password', 'Sup3r-wrong-pw'], { env: env() });
    expect(wrong.code).toBe(2);
    expect(wrong.stdout).toBe('');
    expect(wrong.stderr).toMatch(/^drydock: .*(unauthorized|authentication|credentials)/i);
    expect(wrong.stderr).not.toContain('Sup3r-wrong-pw');
    const none = await runCli(['sbom', ref, '--cache-dir', cache.dir], { env: env() });
    expect(none.code).toBe(2);
    const missing = await runCli(['sbom', `${basic.host}/fixtures/nope:1`, '--cache-dir', cache.dir, '--username', basic.username as string, '--password', basic.password as string], { env: env() });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain(`${basic.host}/fixtures/nope:1`);
  });

  it('reads through token auth and by digest', async () => {
    const byTag = await runCli(['sbom', `${token.host}/team/alpine:3.20`, '-f', 'json', '--cache-dir', cache.dir, '--username', token.username as string, '--password', token.password as string], {
      env: env(),
    });
    expect(byTag.code).toBe(0);
    const inv = JSON.parse(byTag.stdout) as Inventory;
    expect(inv.packages).toHaveLength(14);
    const byDigest = await runCli(['sbom', `${token.host}/team/alpine@${inv.source.digest}`, '-f', 'json', '--cache-dir', cache.dir], {
      env: env({ DRYDOCK_USERNAME: token.username as string, DRYDOCK_PASSWORD: token.password as string }),
    });
    expect(byDigest.code).toBe(0);
    expect(names(byDigest.stdout)).toEqual(names(byTag.stdout));
  });

  it('picks the platform asked for from a multi-platform index, and says which exist when none matches', async () => {
    const ref = `${open.host}/multi/alpine:both`;
    const amd = await runCli(['sbom', ref, '-f', 'json', '--cache-dir', cache.dir, '--platform', 'linux/amd64'], { env: env() });
    const arm = await runCli(['sbom', ref, '-f', 'json', '--cache-dir', cache.dir, '--platform', 'linux/arm64'], { env: env() });
    expect((JSON.parse(amd.stdout) as Inventory).os?.detailedVersion).toBe('3.20.3');
    expect((JSON.parse(arm.stdout) as Inventory).os?.detailedVersion).toBe('3.19.4');
    expect((JSON.parse(arm.stdout) as Inventory).source.platform).toEqual({ os: 'linux', architecture: 'arm64', variant: 'v8' });
    const none = await runCli(['sbom', ref, '--cache-dir', cache.dir, '--platform', 'linux/s390x'], { env: env() });
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('linux/amd64, linux/arm64/v8');
    const single = await runCli(['sbom', `${token.host}/team/alpine:3.20`, '--cache-dir', cache.dir, '--platform', 'linux/arm64'], {
      env: env({ DRYDOCK_USERNAME: token.username as string, DRYDOCK_PASSWORD: token.password as string }),
    });
    expect(single.code).toBe(2);
    expect(single.stderr).toContain('linux/amd64, not the requested platform linux/arm64');
    const bad = await runCli(['sbom', ref, '--platform', 'linux'], { env: env() });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('invalid platform "linux"');
  });
});
