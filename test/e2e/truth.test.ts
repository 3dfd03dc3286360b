import { beforeAll, describe, expect, it } from 'vitest';
import type { Inventory } from '../../src/core/inventory.js';
import { ensureFixtures, fixture, readImageTruth, readPackageTruth, type FixtureName } from '../helpers/fixtures.js';
import { inventoryOf } from '../helpers/drydock.js';

/** What the real package tools say about a fixture's final root filesystem, as comparable rows. */
function truthRows(name: FixtureName): string[] {
  const rows = readPackageTruth(name) as unknown as Array<Record<string, string>>;
  switch (name) {
    case 'debian':
    case 'distroless':
      return rows
        .filter((r) => r['status'] === 'installed')
        .map((r) => [r['package']?.replace(/:[a-z0-9]+$/, ''), r['version'], r['architecture'], r['source'], r['source_version']].join(' '));
    case 'rpm':
      // gpg-pubkey entries are imported keys, not packages: drydock leaves them out on purpose.
      return rows.filter((r) => r['name'] !== 'gpg-pubkey').map((r) => {
        const epoch = r['epoch'] && r['epoch'] !== '0' ? `${r['epoch']}:` : '';
        const src = /^(.+)-([^-]+)-([^-]+)\.src\.rpm$/.exec(r['sourcerpm'] ?? '');
        return [r['name'], `${epoch}${r['version']}-${r['release']}`, r['arch'], src?.[1], `${epoch}${src?.[2]}-${src?.[3]}`].join(' ');
      });
    default:
      return rows.map((r) => [r['package'], r['version'], r['arch'], r['origin'], r['version']].join(' '));
  }
}

function inventoryRows(inv: Inventory): string[] {
  return inv.packages.map((p) => [p.name, p.version, p.arch, p.source?.name, p.source?.version].join(' '));
}

const sorted = (xs: string[]): string[] => [...xs].sort();

type Format = 'docker-archive' | 'oci-archive' | 'oci' | 'dir' | 'bare-archive';

function targetFor(name: FixtureName, format: Format): string {
  const f = fixture(name);
  switch (format) {
    case 'docker-archive':
      return `docker-archive:${f.dockerArchive}`;
    case 'oci-archive':
      return `oci-archive:${f.ociArchive}`;
    case 'oci':
      return `oci:${f.ociDir}`;
    case 'dir':
      return `dir:${f.rootfs}`;
    case 'bare-archive':
      return f.dockerArchive;
  }
}

const NAMES: FixtureName[] = ['alpine-3.18', 'alpine-3.19', 'alpine-3.20', 'alpine-layers', 'debian', 'distroless', 'rpm'];
const FORMATS: Format[] = ['docker-archive', 'oci-archive', 'oci', 'dir', 'bare-archive'];

describe('inventory equals the real package tools on real images, in every format', () => {
  beforeAll(async () => {
    await ensureFixtures();
  });

  for (const name of NAMES) {
    it(`${name}`, async () => {
      const expected = sorted(truthRows(name));
      expect(expected.length).toBeGreaterThan(0);
      const image = readImageTruth(name);
      for (const format of FORMATS) {
        const inv = await inventoryOf(targetFor(name, format));
        expect(sorted(inventoryRows(inv)), `${name} as ${format}`).toEqual(expected);
        expect(inv.unknowns, `${name} as ${format}`).toEqual([]);
        if (image.os.id !== '') {
          expect(inv.os?.id).toBe(image.os.id);
          expect(inv.os?.version).toBe(image.os.versionId);
        }
        if (format === 'dir') continue;
        expect(inv.source.layers.map((l) => l.diffId)).toEqual(image.diffIds);
        expect(inv.source.configDigest).toBe(image.configDigest);
        if (format === 'oci') expect(inv.source.digest).toBe(image.manifestDigest);
        if (format === 'oci-archive') expect(inv.source.digest).toBe(image.ociArchiveManifestDigest);
        // every package is attributed to a real layer of the image
        for (const p of inv.packages) expect(image.diffIds).toContain(p.layer?.diffId);
      }
    });
  }

  it('debian with zstd layers and as a docker save archive with gzip layers', async () => {
    const f = fixture('debian');
    const image = readImageTruth('debian');
    const expected = sorted(truthRows('debian'));
    for (const target of [`oci:${f.ociZstdDir}`, `docker-archive:${f.dockerGzipArchive}`]) {
      const inv = await inventoryOf(target);
      expect(sorted(inventoryRows(inv)), target).toEqual(expected);
      expect(inv.source.layers.map((l) => l.diffId)).toEqual(image.diffIds);
      if (target.startsWith('oci:')) expect(inv.source.digest).toBe(image.ociZstdManifestDigest);
    }
  });

  it('debian purls carry the distro, arch and epoch the way the issue spells them', async () => {
    const inv = await inventoryOf(`oci:${fixture('debian').ociDir}`);
    const libssl = inv.packages.find((p) => p.name === 'libssl3');
    expect(libssl?.purl).toBe(`pkg:deb/debian/libssl3@${encodeURIComponent(libssl?.version ?? '')}?arch=amd64&distro=debian-12&upstream=openssl`);
    const withEpoch = inv.packages.find((p) => p.version.includes(':'));
    expect(withEpoch?.epoch).toBe(Number(withEpoch?.version.split(':')[0]));
  });
});
