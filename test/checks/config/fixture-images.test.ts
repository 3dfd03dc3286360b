/**
 * The configuration checks on real images built by buildah (scripts/fixtures): `config-checks`, which
 * breaks the checks on purpose (scripts/fixtures/recipes/config-checks.Containerfile says which step
 * breaks which), must give exactly the expected findings; the plain Debian, Alpine and distroless
 * fixtures must give only findings that are true of them. File facts are compared with find(1) on the
 * root filesystem umoci unpacked, and layers with `tar -t` of each layer blob.
 */
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runConfigChecks, type CheckFinding } from '../../../src/checks/config/index.js';
import type { Inventory } from '../../../src/core/inventory.js';
import { ensureFixtures, fixture, readTsv, type FixtureName } from '../../helpers/fixtures.js';
import { inventoryOf, tempCache } from '../../helpers/drydock.js';

const SECRETS = ['dt_live_7Hq2xK9mP4vR8sW1', 's3cr3t-Pa55w0rd-2024', 'tok_4f9a8b7c6d5e4f3a2b1c'];

function find(root: string, ...args: string[]): string[] {
  const out = execFileSync('find', [root, ...args, '-printf', '/%P\\n'], { encoding: 'utf8' });
  return out.split('\n').filter((l) => l !== '' && l !== '/').sort();
}

/** Per path, the last layer whose blob lists it (`tar -tzf`). */
function lastWriters(name: FixtureName): Map<string, number> {
  const f = fixture(name);
  const out = new Map<string, number>();
  for (const row of readTsv(f.truth.layers)) {
    const blob = join(f.ociDir, 'blobs', 'sha256', (row['digest'] ?? '').replace('sha256:', ''));
    const listing = execFileSync('tar', ['-tzf', blob], { encoding: 'utf8', maxBuffer: 256 << 20 });
    for (const line of listing.split('\n')) {
      const p = line.replace(/^\.?\//, '').replace(/\/$/, '');
      if (p !== '') out.set(`/${p}`, Number(row['index']));
    }
  }
  return out;
}

async function findingsOf(name: FixtureName, reference = fixture(name).reference, target = `oci:${fixture(name).ociDir}`): Promise<{ inv: Inventory; findings: CheckFinding[] }> {
  await ensureFixtures([name]);
  const inv = await inventoryOf(target);
  const findings = await runConfigChecks({ config: inv.source.config ?? {}, inventory: inv, reference });
  return { inv, findings };
}

const summary = (fs: CheckFinding[]): string[] => fs.map((f) => `${f.id}@${f.layer?.index ?? '-'}`);

describe('config-checks: an image that breaks the checks on purpose', () => {
  let findings: CheckFinding[] = [];
  let writers = new Map<string, number>();
  beforeAll(async () => {
    ({ findings } = await findingsOf('config-checks'));
    writers = lastWriters('config-checks');
  }, 600_000);

  it('gives exactly the expected findings, with their layers', () => {
    expect(summary(findings)).toEqual([
      'CIS-DI-0001@-', // USER root
      'CIS-DI-0006@-', // no HEALTHCHECK
      'CIS-DI-0007@1', // apt-get update alone
      'CIS-DI-0008@0', // Debian's own setuid/setgid programs
      'CIS-DI-0008@2', // sudo
      'CIS-DI-0008@3', // the setuid/setgid copies (not the one layer 4 deleted)
      'CIS-DI-0009@5', // ADD app.conf
      'CIS-DI-0010@-', // ENV APP_PASSWORD
      'CIS-DI-0010@-', // LABEL com.example.api-token
      'CIS-DI-0010@1', // ARG DEPLOY_TOKEN, recorded in the RUN lines
      'DKL-DI-0001@2', // apt-get install sudo
      'DKL-DI-0005@1', // lists kept after update
      'DKL-DI-0005@2', // ... and after install
      'DKL-DI-0006@-', // :latest
      'DD-IMG-0001@-', // EXPOSE 22
      'DD-IMG-0002@3', // /srv/drop 0777 (not /srv/fixed, chmod'ed back in layer 4; not the sticky /srv/shared)
      'DD-IMG-0003@-', // /var/cache/apt/*.bin, written by layers 1 and 2
      'DD-IMG-0003@2', // the sudo .deb
      'DD-IMG-0003@1', // the apt lists
      'DD-IMG-0004@-', // bash, dash, apt, dpkg
      'DD-IMG-0005@2', // sudo installed
    ]);
  });

  it('lists every setuid/setgid file of the final filesystem, in the layer that wrote it', () => {
    const truth = find(fixture('config-checks').rootfs, '-type', 'f', '-perm', '/6000');
    expect(truth).toContain('/usr/local/bin/ls-setuid');
    expect(truth).not.toContain('/usr/local/bin/true-setuid-removed');
    const listed = findings.filter((f) => f.id === 'CIS-DI-0008').flatMap((f) => f.details.map((d) => `${d.split(' ')[0] ?? ''}@${f.layer?.index}`));
    expect(listed.sort()).toEqual(truth.map((p) => `${p}@${writers.get(p)}`).sort());
  });

  it('reports the world-writable directories find(1) reports', () => {
    const truth = find(fixture('config-checks').rootfs, '-type', 'd', '-perm', '-0002', '!', '-perm', '-1000');
    const listed = findings.filter((f) => f.id === 'DD-IMG-0002').flatMap((f) => f.details.map((d) => d.split(' ')[0]));
    expect(listed).toEqual(truth);
    expect(truth).toEqual(['/srv/drop']);
  });

  it('counts the caches as find(1) and du do', () => {
    const root = fixture('config-checks').rootfs;
    const measure = (dir: string, ...args: string[]): string => {
      const files = find(`${root}${dir}`, '-maxdepth', '1', '-type', 'f', ...args);
      const bytes = files.reduce((n, p) => n + Number(execFileSync('stat', ['-c', '%s', `${root}${dir}${p}`], { encoding: 'utf8' })), 0);
      return `${dir}: ${files.length} ${files.length === 1 ? 'file' : 'files'}, ${(bytes / (1 << 20)).toFixed(1)} MiB`;
    };
    const caches = findings.filter((f) => f.id === 'DD-IMG-0003').map((f) => f.details[0]);
    expect(caches.sort()).toEqual(
      [measure('/var/lib/apt/lists', '!', '-name', 'lock'), measure('/var/cache/apt', '-name', '*.bin'), measure('/var/cache/apt/archives', '-name', '*.deb')].sort(),
    );
  });

  it('masks every secret: the values never appear in any finding, history lines and layer refs included', () => {
    const text = JSON.stringify(findings);
    for (const s of SECRETS) expect(text).not.toContain(s);
    const secrets = findings.filter((f) => f.id === 'CIS-DI-0010').map((f) => f.details[0]);
    expect(secrets.sort()).toEqual(['APP_PASSWORD=s3cr****', 'DEPLOY_TOKEN=dt_l****', 'com.example.api-token=tok_****']);
    // the layer's history line is shown, masked
    expect(findings.find((f) => f.id === 'CIS-DI-0007')?.layer?.createdBy).toContain('DEPLOY_TOKEN=dt_l**** MIRROR=');
  });

  it('names the exposed port, the user and the programs', () => {
    expect(findings.find((f) => f.id === 'DD-IMG-0001')?.details).toEqual(['EXPOSE 22/tcp — SSH: containers are not managed by logging in']);
    expect(findings.find((f) => f.id === 'CIS-DI-0001')?.details).toEqual(['USER is "root": the container runs as root']);
    expect(findings.find((f) => f.id === 'DD-IMG-0004')?.details.slice(0, 2)).toEqual(['shells: bash, dash, sh', 'package managers: apt, apt-get, dpkg']);
    expect(findings.find((f) => f.id === 'DD-IMG-0005')?.details).toEqual(['/usr/bin/sudo']);
  });
});

describe('plain fixture images: only findings that are true of them', () => {
  it('debian: root, no healthcheck, its real setuid programs, the lists layer 1 kept, latest, a shell', async () => {
    const { findings } = await findingsOf('debian');
    expect(summary(findings)).toEqual(['CIS-DI-0001@-', 'CIS-DI-0006@-', 'CIS-DI-0008@0', 'DKL-DI-0005@1', 'DKL-DI-0006@-', 'DD-IMG-0004@-']);
    const setuid = findings.find((f) => f.id === 'CIS-DI-0008')?.details.map((d) => d.split(' ')[0]);
    expect(setuid).toEqual(find(fixture('debian').rootfs, '-type', 'f', '-perm', '/6000'));
    expect(setuid).toEqual(expect.arrayContaining(['/usr/bin/su', '/usr/bin/passwd', '/usr/bin/mount', '/usr/bin/umount']));
  });

  it.each(['alpine-3.20', 'alpine-layers'] satisfies FixtureName[])('%s: root, no healthcheck, latest, busybox and apk', async (name) => {
    const { findings } = await findingsOf(name);
    expect(summary(findings)).toEqual(['CIS-DI-0001@-', 'CIS-DI-0006@-', 'DKL-DI-0006@-', 'DD-IMG-0004@-']);
    expect(findings.at(-1)?.details.slice(0, 2)).toEqual(['shells: ash, busybox, sh', 'package managers: apk']);
  });

  it('distroless: USER 0, no healthcheck, latest — no shell, no setuid file, its root filesystem ADDs not reported', async () => {
    const { findings } = await findingsOf('distroless');
    expect(summary(findings)).toEqual(['CIS-DI-0001@-', 'CIS-DI-0006@-', 'DKL-DI-0006@-']);
    expect(findings[0]?.details).toEqual(['USER is "0": the container runs as root']);
  });

  it('a digest-pinned reference is not "latest"; the name an archive carries is judged when the target is a path', async () => {
    const pinned = await findingsOf('alpine-3.20', `localhost/drydock-fixtures/alpine-3.20@sha256:${'a'.repeat(64)}`);
    expect(pinned.findings.map((f) => f.id)).not.toContain('DKL-DI-0006');
    const tagged = await findingsOf('alpine-3.20', 'localhost/drydock-fixtures/alpine-3.20:3.20.3');
    expect(tagged.findings.map((f) => f.id)).not.toContain('DKL-DI-0006');
    // a docker archive carries its name (RepoTags): localhost/drydock-fixtures/alpine-3.20:latest
    const archiveTarget = `docker-archive:${fixture('alpine-3.20').dockerArchive}`;
    const archive = await findingsOf('alpine-3.20', archiveTarget, archiveTarget);
    expect(archive.findings.find((f) => f.id === 'DKL-DI-0006')?.details).toEqual([
      '"localhost/drydock-fixtures/alpine-3.20:latest" uses the "latest" tag, which moves',
    ]);
    // an OCI layout has no repository name of its own: nothing to judge
    const layoutTarget = `oci:${fixture('alpine-3.20').ociDir}`;
    const layout = await findingsOf('alpine-3.20', layoutTarget, layoutTarget);
    expect(layout.inv.source.name).toBeUndefined();
    expect(layout.findings.map((f) => f.id)).not.toContain('DKL-DI-0006');
  });

  it('the facts survive the image memo: a warm scan gives the same findings', async () => {
    await ensureFixtures(['config-checks']);
    const cache = tempCache();
    try {
      const target = `oci:${fixture('config-checks').ociDir}`;
      const cold = await inventoryOf(target, { cacheDir: cache.dir });
      const warm = await inventoryOf(target, { cacheDir: cache.dir });
      expect(warm.fsFacts).toEqual(cold.fsFacts);
      const run = (inv: Inventory): Promise<CheckFinding[]> => runConfigChecks({ config: inv.source.config ?? {}, inventory: inv });
      expect(await run(warm)).toEqual(await run(cold));
    } finally {
      cache.cleanup();
    }
  }, 300_000);
});
