import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/drydock.js';
import { pushImage, startRegistry, type RegistryServer } from '../helpers/registry-server.js';
import { ALPINE_320, imageBlobs, makeImage, writeLayout, type Blob, type TestImage } from '../image/registry/oci-fixture.js';
import { clientOf, cosignSignature, pushArtifact, skopeoRaw, tagFor, type Artifact } from '../image/copy/copy-fixture.js';

const run = promisify(execFile);

let src: RegistryServer;
let dst: RegistryServer;
let work: string;
let image: TestImage;
let sig: Artifact;
let env: Record<string, string | undefined>;

const srcCreds = (): string => `${src.username}:${src.password}`;
const dstCreds = (): string => `${dst.username}:${dst.password}`;

beforeAll(async () => {
  [src, dst] = await Promise.all([startRegistry({ auth: 'htpasswd' }), startRegistry({ auth: 'token' })]);
  work = await mkdtemp(join(tmpdir(), 'drydock-cli-copy-'));
  env = { PATH: process.env['PATH'], HOME: work };
  image = await makeImage([ALPINE_320], { os: 'linux', architecture: 'amd64' });
  await writeLayout(join(work, 'layout'), { v1: image.manifest }, imageBlobs(image));
  await pushImage(`oci:${join(work, 'layout')}:v1`, `${src.host}/team/app:v1`, { username: src.username as string, password: src.password as string });
  sig = cosignSignature(image.manifest.digest, `${src.host}/team/app`);
  const c = clientOf(src);
  try {
    await pushArtifact(c, 'team/app', sig, tagFor(image.manifest.digest, 'sig'));
  } finally {
    await c.close();
  }
});

afterAll(async () => {
  await Promise.all([src?.stop(), dst?.stop()]);
  if (work) await rm(work, { recursive: true, force: true });
});

describe('drydock copy (CLI)', () => {
  it('--help documents transports, --with-signatures and what --platform does to signatures', async () => {
    const r = await runCli(['copy', '--help'], { env });
    expect(r.code).toBe(0);
    for (const text of ['--with-signatures', '--src-creds', '--dest-creds', 'oci-archive:FILE', 'signatures made over the INDEX digest do not cover it']) {
      expect(r.stdout).toContain(text);
    }
    expect((await runCli(['--help'], { env })).stdout).toContain('copy');
  });

  it('copies registry → registry with its signature and prints a JSON summary; no progress when stderr is not a terminal', async () => {
    const r = await runCli(['copy', `${src.host}/team/app:v1`, `${dst.host}/mirror/app:v1`, '--with-signatures', '--src-creds', srcCreds(), '--dest-creds', dstCreds()], { env });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const summary = JSON.parse(r.stdout) as Record<string, unknown>;
    const tag = tagFor(image.manifest.digest, 'sig');
    expect(summary).toEqual({
      source: `${src.host}/team/app:v1`,
      destination: `${dst.host}/mirror/app:v1`,
      digest: image.manifest.digest,
      mediaType: 'application/vnd.oci.image.manifest.v1+json',
      manifests: 2,
      blobs: { copied: 4, skipped: 0, mounted: 0, bytes: image.config.bytes.length + (image.layers[0] as Blob).bytes.length + sig.blobs.reduce((n, b) => n + b.length, 0) },
      signatures: [{ kind: 'signature', subject: image.manifest.digest, digest: sig.digest, tag }],
    });
    expect((await skopeoRaw(`${dst.host}/mirror/app:${tag}`, dst)).equals(sig.manifest)).toBe(true);
  });

  it('copies registry → oci:DIR that skopeo then copies on', async () => {
    const out = join(work, 'out');
    const r = await runCli(['copy', '-q', `${src.host}/team/app:v1`, `oci:${out}:v1`, '--username', src.username as string, '--password', src.password as string], { env });
    expect(r.code).toBe(0);
    expect((JSON.parse(r.stdout) as { digest: string }).digest).toBe(image.manifest.digest);
    await run('skopeo', ['--insecure-policy', 'copy', '--quiet', `oci:${out}:v1`, `docker-archive:${join(work, 'x.tar')}`]);
  });

  it('usage and input errors exit 2 with a clear message that never shows a password', async () => {
    const cases: Array<{ args: string[]; message: string }> = [
      { args: ['copy', `${src.host}/team/app:v1`, `${dst.host}/m/a:v1`, '--src-creds', 'nocolon'], message: '--src-creds: expected USER:PASSWORD' },
      { args: ['copy', `${src.host}/team/app:v1`, `${dst.host}/m/a:v1`, '--platform', 'linux'], message: 'invalid platform' },
      { args: ['copy', `${src.host}/team/app:v1`, 'docker-archive:/tmp/x.tar'], message: 'is not a copy destination' },
      { args: ['copy', `${src.host}/team/app:v1`, `${dst.host}/m/a:v1@${image.manifest.digest}`], message: 'give a tag or a digest, not both' },
      { args: ['copy', `${src.host}/team/app:v1`, `${dst.host}/m/a:v1`, '--src-creds', srcCreds(), '--dest-creds', 'drydock:S3cret-wrong'], message: 'rejected the credentials' },
    ];
    for (const { args, message } of cases) {
      const r = await runCli(args, { env });
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr).toContain(message);
      expect(r.stderr).not.toContain('S3cret-wrong');
      expect(r.stderr).not.toContain(src.password as string);
      expect(r.stdout).toBe('');
    }
  });

  it('a docker save archive as SRC is refused as unsupported (exit 2)', async () => {
    const tar = join(work, 'docker.tar');
    await run('skopeo', ['--insecure-policy', 'copy', '--quiet', `oci:${join(work, 'layout')}:v1`, `docker-archive:${tar}:team/app:v1`]);
    const r = await runCli(['copy', `docker-archive:${tar}`, `oci:${join(work, 'never')}`], { env });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('a docker save archive has no manifest to copy byte-exact');
  });

  it('a source blob that does not match its digest: exit 2, DIGEST_MISMATCH reason, nothing tagged at DST', async () => {
    const bad = join(work, 'bad');
    await writeLayout(bad, { v1: image.manifest }, imageBlobs(image));
    const layer = image.layers[0] as Blob;
    const tampered = Buffer.from(layer.bytes);
    tampered.writeUInt8(tampered.readUInt8(1234) ^ 0x01, 1234);
    await writeFile(join(bad, 'blobs', 'sha256', layer.digest.slice(7)), tampered);
    const r = await runCli(['copy', `oci:${bad}:v1`, `${dst.host}/tampered/app:v1`, '--dest-creds', dstCreds()], { env });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`content digest is`);
    expect(r.stderr).toContain(`expected ${layer.digest}`);
    await expect(skopeoRaw(`${dst.host}/tampered/app:v1`, dst)).rejects.toThrow();
  });
});
