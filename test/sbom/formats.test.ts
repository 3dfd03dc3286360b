import { describe, expect, it } from 'vitest';
import { SBOM_FORMATS, SBOM_FORMAT_IDS, sbomFormat } from '../../src/sbom/formats.js';
import { readSbom } from '../../src/sbom/read.js';
import { sampleInventory } from './sample-inventory.js';
import { cycloneDxErrors, spdxErrors } from './schema-validators.js';

describe('SBOM_FORMATS', () => {
  it('has unique ids, and every format is read back by readSbom', () => {
    expect(new Set(SBOM_FORMAT_IDS).size).toBe(SBOM_FORMATS.length);
    const inv = sampleInventory();
    for (const f of SBOM_FORMATS) {
      expect(sbomFormat(f.id)).toBe(f);
      const back = readSbom(f.write(inv), `image${f.fileExtension}`);
      expect(back.packages).toHaveLength(inv.packages.length);
    }
    expect(sbomFormat('swid')).toBeUndefined();
  });

  it('every format writes schema-valid output', async () => {
    const inv = sampleInventory();
    const cdx = sbomFormat('cyclonedx');
    const spdx = sbomFormat('spdx');
    expect(await cycloneDxErrors(cdx?.write(inv) ?? '')).toBeNull();
    expect(spdxErrors(spdx?.write(inv) ?? '{}')).toBeNull();
  });
});
