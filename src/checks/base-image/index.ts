/**
 * Base-image intelligence for one inventory: what the image is built on, whether that is still
 * supported, how much it carries, smaller or supported alternatives, and whether the reference (or
 * the base the labels declare) is a look-alike of a trusted image name. Pure: no I/O.
 */
import type { Inventory } from '../../core/inventory.js';
import { parseReference } from '../../image/reference.js';
import { typosquatOf } from '../typosquat.js';
import { adviseBase, upgradeAdvice } from './advice.js';
import { eolOf, runtimeEolOf } from './eol.js';
import { identifyBase } from './identify.js';
import { surfaceOf } from './surface.js';
import type { BaseImageReport, EolVerdict } from './types.js';

export { identifyBase, packageOrigin, basePackages, type PackageOrigin } from './identify.js';
export { eolOf, runtimeEolOf } from './eol.js';
export { adviseBase, upgradeAdvice } from './advice.js';
export { surfaceOf } from './surface.js';
export type * from './types.js';

export interface AssessOptions {
  /**
   * The image reference as the user named it (`python:3.12`, `ghcr.io/acme/app:1`), for the
   * typosquat check. Not a Dockerfile stage name. An invalid reference is an AppError('INPUT').
   */
  reference?: string;
  /** The assessment day for end-of-life verdicts. */
  now: Date;
}

export function assessBase(inv: Inventory, opts: AssessOptions): BaseImageReport {
  const info = identifyBase(inv);
  const surface = surfaceOf(inv);
  const os = eolOf(info, opts.now);
  const runtimes = info.runtimes.map((r) => runtimeEolOf(r, opts.now)).filter((v): v is EolVerdict => v !== undefined);
  const eol = os === undefined ? { runtimes } : { os, runtimes };
  const report: BaseImageReport = {
    info,
    eol,
    surface,
    suggestions: [...upgradeAdvice(info, eol, opts.now), ...adviseBase(info, surface)],
    typosquats: [],
  };
  if (opts.reference !== undefined) {
    const found = typosquatOf(parseReference(opts.reference));
    if (found) report.typosquats.push({ ...found, of: 'reference' });
  }
  const declared = info.declaredBase?.name;
  if (declared !== undefined) {
    const found = declaredTyposquat(declared);
    if (found) report.typosquats.push({ ...found, of: 'declared-base' });
  }
  return report;
}

/** A label is image data, not user input: a value that is not a reference is not a finding here. */
function declaredTyposquat(name: string): ReturnType<typeof typosquatOf> {
  try {
    return typosquatOf(parseReference(name));
  } catch {
    return undefined;
  }
}
