import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Inventory } from '../../src/core/inventory.js';
import { ensureFixtures, fixture } from '../helpers/fixtures.js';
import { inventoryOf, runCli } from '../helpers/drydock.js';
import { makeTar } from '../helpers/tar-maker.js';
import { diffIdOf } from '../helpers/docker-archive.js';
import { createHash } from 'node:crypto';

function skopeo(...args: string[]): void {
  execFileSync('skopeo', ['--insecure-policy', 'copy', '--quiet', ...args], { stdio: ['ignore', 'ignore', 'pipe'] });
}

const packages = (inv: Inventory): string[] => inv.packages.map((p) => `${p.name}@${p.version}`).sort();

describe('drydock reads what skopeo writes', () => {
  const work = mkdtempSync(join(tmpdir(), 'drydock-skopeo-'));
  let expected: string[];

  beforeAll(async () => {
    await ensureFixtures(['alpine-3.19', 'alpine-3.20']);
    expected = packages(await inventoryOf(`oci:${fixture('alpine-3.20').ociDir}`));
  });
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  it('docker-archive, oci-archive, OCI layouts (gzip and zstd) written by skopeo', async () => {
    const src = `oci:${fixture('alpine-3.20').ociDir}:latest`;
    skopeo(src, `docker-archive:${join(work, 'a.docker.tar')}:team/alpine:3.20`);
    skopeo(src, `oci-archive:${join(work, 'a.oci.tar')}:alpine-320`);
    skopeo(src, `oci:${join(work, 'layout')}:v3.20`);
    skopeo('--dest-compress-format', 'zstd', src, `oci:${join(work, 'zstd')}:z`);
    const targets = [
      `docker-archive:${join(work, 'a.docker.tar')}`,
      `docker-archive:${join(work, 'a.docker.tar')}:team/alpine:3.20`,
      `docker-archive:${join(work, 'a.docker.tar')}:@0`,
      `oci-archive:${join(work, 'a.oci.tar')}:alpine-320`,
      `oci:${join(work, 'layout')}:v3.20`,
      `oci:${join(work, 'zstd')}`,
    ];
    for (const t of targets) {
      const inv = await inventoryOf(t);
      expect(packages(inv), t).toEqual(expected);
    }
    const named = await inventoryOf(`docker-archive:${join(work, 'a.docker.tar')}`);
    expect(named.source.name).toBe('docker.io/team/alpine:3.20');
  });

  it('an OCI layout holding several images needs a name, and says which names exist', async () => {
    const layout = join(work, 'two');
    skopeo(`oci:${fixture('alpine-3.20').ociDir}:latest`, `oci:${layout}:three-twenty`);
    skopeo(`oci:${fixture('alpine-3.19').ociDir}:latest`, `oci:${layout}:three-nineteen`);
    const noName = await runCli(['sbom', `oci:${layout}`], { env: { PATH: process.env['PATH'], HOME: work } });
    expect(noName.code).toBe(2);
    expect(noName.stderr).toContain('three-twenty');
    expect(noName.stderr).toContain('three-nineteen');
    expect((await inventoryOf(`oci:${layout}:three-nineteen`)).os?.detailedVersion).toBe('3.19.4');
    expect((await inventoryOf(`oci:${layout}:three-twenty`)).os?.detailedVersion).toBe('3.20.3');
    const digest = (await inventoryOf(`oci:${layout}:three-nineteen`)).source.digest as string;
    expect((await inventoryOf(`oci:${layout}@${digest}`)).os?.detailedVersion).toBe('3.19.4');
    const wrong = await runCli(['sbom', `oci:${layout}:nope`], { env: { PATH: process.env['PATH'], HOME: work } });
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toContain('no image named "nope"');
  });

  it('a docker archive holding several images is picked by tag or position', async () => {
    // docker save of two images into one file (skopeo writes one image per archive, so assemble it)
    const mk = (id: string): { config: Buffer; layer: Buffer } => {
      const layer = makeTar([{ name: 'etc/os-release', data: `ID=alpine\nVERSION_ID=${id}\n` }]);
      const config = Buffer.from(JSON.stringify({ architecture: 'amd64', os: 'linux', rootfs: { type: 'layers', diff_ids: [diffIdOf(layer)] } }));
      return { config, layer };
    };
    const a = mk('3.1.0');
    const b = mk('3.2.0');
    const name = (c: Buffer): string => `${createHash('sha256').update(c).digest('hex')}.json`;
    const manifest = [
      { Config: name(a.config), RepoTags: ['one:1'], Layers: ['a/layer.tar'] },
      { Config: name(b.config), RepoTags: ['two:2', 'two:latest'], Layers: ['b/layer.tar'] },
    ];
    const path = join(work, 'multi.tar');
    writeFileSync(
      path,
      makeTar([
        { name: name(a.config), bytes: a.config },
        { name: name(b.config), bytes: b.config },
        { name: 'a/layer.tar', bytes: a.layer },
        { name: 'b/layer.tar', bytes: b.layer },
        { name: 'manifest.json', data: JSON.stringify(manifest) },
      ]),
    );
    expect((await inventoryOf(`docker-archive:${path}:two:latest`)).os?.version).toBe('3.2.0');
    expect((await inventoryOf(`docker-archive:${path}:@0`)).os?.version).toBe('3.1.0');
    const env = { PATH: process.env['PATH'], HOME: work };
    const ambiguous = await runCli(['sbom', `docker-archive:${path}`], { env });
    expect(ambiguous.code).toBe(2);
    expect(ambiguous.stderr).toContain('holds 2 images');
    const missing = await runCli(['sbom', `docker-archive:${path}:three:3`], { env });
    expect(missing.stderr).toContain('tags: one:1, two:2, two:latest');
  });
});
