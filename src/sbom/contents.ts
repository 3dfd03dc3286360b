import type { OsInfo, SourceInfo, Unknown } from '../core/inventory.js';
import type { Package } from '../core/package.js';

/** What an SBOM says about its subject: the parts of an Inventory a scan of it can use. */
export interface SbomContents {
  info: SourceInfo;
  os?: OsInfo;
  packages: Package[];
  unknowns: Unknown[];
}
