import { describe, expect, it } from 'vitest';
import type { Inventory } from '../../src/core/inventory.js';
import { toCycloneDx } from '../../src/sbom/cyclonedx.js';
import { readSbom } from '../../src/sbom/read.js';
import { toSpdx } from '../../src/sbom/spdx.js';
import { comparable } from './comparable.js';
import { alpineInventory, debianHostInventory } from './real-inventory.js';
import { sampleInventory } from './sample-inventory.js';

const WRITERS = [
  ['CycloneDX', (inv: Inventory) => toCycloneDx(inv), 'image.cdx.json'],
  ['SPDX', (inv: Inventory) => toSpdx(inv), 'image.spdx.json'],
] as const;

const INVENTORIES = [
  ['hand-made sample', sampleInventory],
  ['real Alpine 3.20.3 apk database', alpineInventory],
  ['real Debian 12 dpkg database of this machine', debianHostInventory],
] as const;

describe.each(WRITERS)('Inventory → %s → readSbom', (_format, write, file) => {
  it.each(INVENTORIES)('gives the same packages back (%s)', (_name, make) => {
    const inv = make();
    const back = readSbom(write(inv), file);
    expect(back.unknowns).toEqual([]);
    expect(comparable(back.packages)).toEqual(comparable(inv.packages));
    expect(new Set(back.packages.map((p) => p.id)).size).toBe(back.packages.length);
  });

  it('gives the same OS and image facts back', () => {
    const inv = sampleInventory();
    const back = readSbom(write(inv), file);
    expect(back.os).toEqual(inv.os);
    const { layers, ...rest } = back.info;
    expect(rest).toEqual({
      kind: 'sbom',
      reference: file,
      name: inv.source.name,
      digest: inv.source.digest,
      configDigest: inv.source.configDigest,
      repoDigests: inv.source.repoDigests,
      platform: inv.source.platform,
      created: inv.source.created,
    });
    // layers come back from the packages' layer facts: index, diffID and created-by
    expect(layers).toEqual(inv.source.layers.map(({ index, diffId, createdBy }) => ({ index, diffId, createdBy })));
  });

  it('keeps an OS with eol and distroless facts', () => {
    const inv = sampleInventory();
    inv.os = { ...inv.os!, distroless: true, eol: { date: '2028-06-30', reached: false } };
    expect(readSbom(write(inv), file).os).toEqual(inv.os);
  });
});
