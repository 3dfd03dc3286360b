/**
 * The real-image fixtures exist and their truth files agree with the images (read with node:fs,
 * tar and sha256 only). A test of scripts/fixtures/build.sh, not of drydock.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, lstatSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  OS_FIXTURE_NAMES,
  ensureFixtures,
  fixture,
  readDiffIds,
  readImageTruth,
  readPackageTruth,
  readTsv,
  readWhiteouts,
} from './helpers/fixtures.js';

const sha256 = (data: Buffer): string => `sha256:${createHash('sha256').update(data).digest('hex')}`;
const blob = (ociDir: string, digest: string): Buffer =>
  readFileSync(join(ociDir, 'blobs', 'sha256', digest.replace(/^sha256:/, '')));
const tarFile = (archive: string, member: string): string =>
  execFileSync('tar', ['-xOf', archive, member], { encoding: 'utf8' });
const tarList = (archive: string): string[] =>
  execFileSync('tar', ['-tf', archive], { encoding: 'utf8', maxBuffer: 1 << 26 }).split('\n').filter(Boolean);

beforeAll(async () => {
  await ensureFixtures();
}, 900_000);

describe.each(OS_FIXTURE_NAMES)('fixture %s', (name) => {
  it('has every artifact', () => {
    const f = fixture(name);
    for (const p of [f.ociArchive, f.dockerArchive, f.diffIds, f.truth.packages, f.truth.image, f.truth.layers,
      f.truth.whiteouts, join(f.ociDir, 'index.json'), join(f.ociDir, 'oci-layout')]) {
      expect(statSync(p).isFile(), p).toBe(true);
    }
    expect(readdirSync(f.rootfs).length).toBeGreaterThan(0);
  });

  it('records the digests and diffIDs of its OCI layout', () => {
    const f = fixture(name);
    const truth = readImageTruth(name);
    const index = JSON.parse(readFileSync(join(f.ociDir, 'index.json'), 'utf8')) as { manifests: { digest: string }[] };
    expect(index.manifests[0]?.digest).toBe(truth.manifestDigest);
    const manifestBytes = blob(f.ociDir, truth.manifestDigest);
    expect(sha256(manifestBytes)).toBe(truth.manifestDigest);
    const manifest = JSON.parse(manifestBytes.toString('utf8')) as { config: { digest: string }; layers: { digest: string }[] };
    expect(manifest.config.digest).toBe(truth.configDigest);
    const config = JSON.parse(blob(f.ociDir, truth.configDigest).toString('utf8')) as { rootfs: { diff_ids: string[] } };
    expect(config.rootfs.diff_ids).toEqual(truth.diffIds);
    expect(readDiffIds(name)).toEqual(truth.diffIds);
    expect(manifest.layers.map((l) => l.digest)).toEqual(truth.layers.map((l) => l.digest));
    expect(readTsv(f.truth.layers).map((r) => r['diff_id'])).toEqual(truth.diffIds);
    expect(truth.history.filter((h) => !h.emptyLayer)).toHaveLength(truth.diffIds.length);
    expect(truth.ociArchiveManifestDigest).toBe(truth.manifestDigest);
  });

  it('has a docker-archive with the same config and a RepoTag', () => {
    const f = fixture(name);
    const truth = readImageTruth(name);
    const [entry] = JSON.parse(tarFile(f.dockerArchive, 'manifest.json')) as { Config: string; RepoTags: string[]; Layers: string[] }[];
    expect(`sha256:${entry?.Config.replace(/\.json$/, '')}`).toBe(truth.configDigest);
    expect(entry?.RepoTags).toEqual([f.reference]);
    expect(entry?.Layers).toHaveLength(truth.diffIds.length);
  });

  it('has a sane package truth and whiteout list', () => {
    const rows = readTsv(fixture(name).truth.packages);
    expect(rows.length).toBeGreaterThan(4);
    for (const row of rows) for (const value of Object.values(row).slice(0, 3)) expect(value).not.toBe('');
    const layers = readImageTruth(name).diffIds.length;
    for (const w of readWhiteouts(name)) {
      expect(w.layer).toBeLessThan(layers);
      expect(w.path.split('/').pop()).toMatch(/^\.wh\./);
    }
  });
});

describe('fixture specifics', () => {
  it('alpine: the package counts of ../shared/fixtures/README.md and the os-release', () => {
    for (const [name, count, version] of [['alpine-3.18', 15, '3.18.9'], ['alpine-3.19', 15, '3.19.4'], ['alpine-3.20', 14, '3.20.3']] as const) {
      const pkgs = readPackageTruth(name);
      expect(pkgs).toHaveLength(count);
      expect(pkgs.map((p) => p.package)).toContain('musl');
      expect(readImageTruth(name).os).toEqual({ id: 'alpine', versionId: version });
    }
  });

  it('alpine-layers: shares its base layer with alpine-3.20; whiteouts, links and the dropped package', () => {
    const f = fixture('alpine-layers');
    expect(readDiffIds('alpine-layers')[0]).toBe(readDiffIds('alpine-3.20')[0]);
    expect(readPackageTruth('alpine-layers').map((p) => p.package)).not.toContain('ssl_client');
    expect(readPackageTruth('alpine-layers')).toHaveLength(13);
    const wh = readWhiteouts('alpine-layers').map((w) => w.path);
    expect(wh).toEqual(expect.arrayContaining(['etc/.wh.motd', 'etc/.wh.periodic', 'root/.wh.deleted-later.txt']));
    if (readImageTruth('alpine-layers').storageDriver === 'overlay') expect(wh).toContain('etc/apk/keys/.wh..wh..opq');
    expect(existsSync(join(f.rootfs, 'etc/motd'))).toBe(false);
    expect(readdirSync(join(f.rootfs, 'etc/apk/keys'))).toEqual(['drydock.rsa.pub']);
    expect(lstatSync(join(f.rootfs, 'opt/app/current')).isSymbolicLink()).toBe(true);
    expect(statSync(join(f.rootfs, 'opt/app/linked.txt')).ino).toBe(statSync(join(f.rootfs, 'opt/app/linked-hardlink.txt')).ino);
  });

  it('debian: installed, purged and removed packages; zstd and gzip-docker exports', () => {
    const f = fixture('debian');
    const pkgs = new Map(readPackageTruth('debian').map((p) => [p.package, p]));
    expect(pkgs.get('curl')?.status).toBe('installed');
    expect(pkgs.get('libssl3:amd64')?.source).toBe('openssl');
    expect(pkgs.has('tzdata')).toBe(false);
    expect(pkgs.get('netbase')?.status).toBe('config-files');
    expect(existsSync(join(f.rootfs, 'etc/issue.net'))).toBe(false);
    expect(readdirSync(join(f.rootfs, 'var/lib/apt/lists'))).toEqual([]);
    expect(readImageTruth('debian').os).toEqual({ id: 'debian', versionId: '12' });
    const zIndex = JSON.parse(readFileSync(join(f.ociZstdDir, 'index.json'), 'utf8')) as { manifests: { digest: string }[] };
    const zManifest = JSON.parse(blob(f.ociZstdDir, zIndex.manifests[0]?.digest ?? '').toString('utf8')) as { layers: { mediaType: string }[] };
    expect(new Set(zManifest.layers.map((l) => l.mediaType))).toEqual(new Set(['application/vnd.oci.image.layer.v1.tar+zstd']));
    const gz = tarList(f.dockerGzipArchive);
    expect(gz.filter((n) => n.endsWith('.tar.gz'))).toHaveLength(readDiffIds('debian').length);
  });

  it('distroless: status.d only, no dpkg', () => {
    const f = fixture('distroless');
    const names = readPackageTruth('distroless').map((p) => p.package);
    expect(names).toEqual(expect.arrayContaining(['base-files', 'libc6:amd64', 'libssl3:amd64', 'tzdata']));
    expect(existsSync(join(f.rootfs, 'var/lib/dpkg/status'))).toBe(false);
    expect(existsSync(join(f.rootfs, 'usr/bin/dpkg'))).toBe(false);
    expect(readdirSync(join(f.rootfs, 'var/lib/dpkg/status.d'))).toEqual(expect.arrayContaining(['libc6', 'libc6.md5sums']));
    expect(readImageTruth('distroless').os.id).toBe('debian');
  });

  it('rpm: our rpm -qa agrees with rpm-root.sh', () => {
    const ours = readPackageTruth('rpm').map((p) => `${p.name}-${p.version}-${p.release}.${p.arch}`).sort();
    const theirs = readTsv(fixture('rpm').rpmRootTruth).map((r) => `${r['name']}-${r['version']}-${r['release']}.${r['arch']}`).sort();
    expect(ours).toEqual(theirs);
  });
});
