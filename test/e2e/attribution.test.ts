import { beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { ensureFixtures, fixture, readImageTruth } from '../helpers/fixtures.js';
import { inventoryOf } from '../helpers/drydock.js';

/** Entry names of a layer blob, as GNU tar lists them (independent of drydock's tar reader). */
function layerEntries(ociDir: string, digest: string): Set<string> {
  const blob = join(ociDir, 'blobs', 'sha256', digest.slice('sha256:'.length));
  const out = execFileSync('tar', ['-tzf', blob], { maxBuffer: 1 << 28 }).toString();
  return new Set(out.split('\n').filter(Boolean).map((n) => n.replace(/^\.\//, '').replace(/\/$/, '')));
}

describe('layer attribution agrees with what each layer actually wrote', () => {
  beforeAll(async () => {
    await ensureFixtures(['debian', 'distroless', 'alpine-layers']);
  });

  it('debian: a package belongs to the first layer that wrote its dpkg file list', async () => {
    const f = fixture('debian');
    const truth = readImageTruth('debian');
    const layers = truth.layers.map((l) => layerEntries(f.ociDir, l.digest));
    const inv = await inventoryOf(`oci:${f.ociDir}`);
    let added = 0;
    for (const p of inv.packages) {
      const lists = [`var/lib/dpkg/info/${p.name}.list`, `var/lib/dpkg/info/${p.name}:${p.arch}.list`];
      const first = layers.findIndex((names) => lists.some((l) => names.has(l)));
      expect(first, p.name).toBeGreaterThanOrEqual(0);
      expect(p.layer?.index, p.name).toBe(first);
      expect(p.layer?.createdBy, p.name).toBe(truth.history.filter((h) => !h.emptyLayer)[first]?.createdBy);
      if (first > 0) added++;
    }
    expect(added).toBeGreaterThan(5); // curl & co. came with the apt-get install layer
    // purged in layer 2: gone; removed without purge: not installed, so not a package
    expect(inv.packages.map((p) => p.name)).not.toContain('tzdata');
    expect(inv.packages.map((p) => p.name)).not.toContain('netbase');
  });

  it('distroless: each status.d entry belongs to the layer that wrote it', async () => {
    const f = fixture('distroless');
    const truth = readImageTruth('distroless');
    const layers = truth.layers.map((l) => layerEntries(f.ociDir, l.digest));
    const inv = await inventoryOf(`oci:${f.ociDir}`);
    expect(inv.os?.distroless).toBe(true);
    for (const p of inv.packages) {
      const first = layers.findIndex((names) => names.has(p.location.slice(1)));
      expect(p.layer?.index, p.name).toBe(first);
    }
    expect(new Set(inv.packages.map((p) => p.layer?.index))).toEqual(new Set([0, 1]));
  });

  it('alpine-layers: packages keep the base layer even though later layers rewrote the database', async () => {
    const f = fixture('alpine-layers');
    const truth = readImageTruth('alpine-layers');
    const layers = truth.layers.map((l) => layerEntries(f.ociDir, l.digest));
    const rewrites = layers.filter((names) => names.has('lib/apk/db/installed')).length;
    expect(rewrites).toBeGreaterThan(1);
    const inv = await inventoryOf(`oci:${f.ociDir}`);
    expect(inv.packages.every((p) => p.layer?.index === 0)).toBe(true);
    expect(inv.packages.map((p) => p.name)).not.toContain('ssl_client');
  });
});
