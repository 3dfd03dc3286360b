/**
 * The secret and config scanners of `drydock scan` for one inventory: which of them apply to the
 * target, the configuration checks, the base-image report and the secrets the layer walk found.
 * A scanner that cannot run on the target (an SBOM has no layers or config; a directory has no
 * image config) is skipped with a note, not an error. Heavy modules are loaded on use.
 */
import type { Inventory, Unknown } from '../core/inventory.js';
import type { ScanParts } from '../report/assemble.js';
import type { ScannerId } from '../report/model.js';

/** The `source` of the notes about skipped scanners among the report's unknowns. */
export const NOTE_SOURCE = 'scan';

export type ScannerParts = Pick<ScanParts, 'secrets' | 'checks' | 'baseImage'> & { notes: Unknown[] };

/** The reference the user typed for a registry target (transport prefix dropped), for the typosquat check. */
function registryReference(inv: Inventory, target: string): string | undefined {
  return inv.source.kind === 'registry' ? target.replace(/^(?:registry|docker):(?:\/\/)?/, '') : undefined;
}

function secretPart(inv: Inventory, out: ScannerParts): void {
  if (inv.source.kind === 'sbom') {
    out.notes.push({ source: NOTE_SOURCE, reason: 'secret scanner skipped: an SBOM has no layers or image config to search' });
  } else if (inv.secrets === undefined) {
    out.notes.push({ source: NOTE_SOURCE, reason: 'secret scanner skipped: the layer walk did not search for secrets' });
  } else {
    out.secrets = inv.secrets;
  }
}

async function configPart(inv: Inventory, target: string, now: Date, out: ScannerParts): Promise<void> {
  if (inv.source.kind === 'sbom') {
    out.notes.push({ source: NOTE_SOURCE, reason: 'config scanner skipped: an SBOM has no image config or filesystem to check' });
    return;
  }
  const [{ runConfigChecks }, { assessBase }] = await Promise.all([import('../checks/config/index.js'), import('../checks/base-image/index.js')]);
  const config = inv.source.config;
  // Only a registry target is a reference the user wrote; for archives the checks judge the name they carry.
  const reference = registryReference(inv, target);
  if (config === undefined) {
    out.notes.push({ source: NOTE_SOURCE, reason: 'image configuration checks skipped: the target has no image config (a directory)' });
  } else {
    out.checks = await runConfigChecks(reference === undefined ? { config, inventory: inv } : { config, inventory: inv, reference });
  }
  out.baseImage = assessBase(inv, reference === undefined ? { now } : { reference, now });
}

/** Run the enabled secret and config scanners on an inventory (the vuln scanner is the caller's). */
export async function runImageScanners(inv: Inventory, scanners: ReadonlySet<ScannerId>, target: string, now: Date): Promise<ScannerParts> {
  const out: ScannerParts = { notes: [] };
  if (scanners.has('secret')) secretPart(inv, out);
  if (scanners.has('config')) await configPart(inv, target, now, out);
  return out;
}
