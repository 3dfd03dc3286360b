import type { Inventory } from '../core/inventory.js';
import { toCycloneDx } from './cyclonedx.js';
import { toSpdx } from './spdx.js';

/** One SBOM output format. */
export interface SbomFormat {
  /** What the user types (`--format cyclonedx`). */
  readonly id: string;
  readonly title: string;
  readonly mediaType: string;
  readonly fileExtension: string;
  /** Serialise with defaults: timestamp from the inventory, random serial number / namespace. */
  write(inv: Inventory): string;
}

/** The explicit list of SBOM output formats; ids are derived from it. */
export const SBOM_FORMATS = [
  {
    id: 'cyclonedx',
    title: 'CycloneDX 1.6 JSON',
    mediaType: 'application/vnd.cyclonedx+json; version=1.6',
    fileExtension: '.cdx.json',
    write: (inv: Inventory) => toCycloneDx(inv),
  },
  {
    id: 'spdx',
    title: 'SPDX 2.3 JSON',
    mediaType: 'application/spdx+json',
    fileExtension: '.spdx.json',
    write: (inv: Inventory) => toSpdx(inv),
  },
] as const satisfies readonly SbomFormat[];

export type SbomFormatId = (typeof SBOM_FORMATS)[number]['id'];

export const SBOM_FORMAT_IDS: readonly SbomFormatId[] = SBOM_FORMATS.map((f) => f.id);

export function sbomFormat(id: string): SbomFormat | undefined {
  return SBOM_FORMATS.find((f) => f.id === id);
}
